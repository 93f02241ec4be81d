import { describe, expect, it } from 'vitest';
import { formatReport, formatSummary } from '../../src/diagnostics/report.ts';
import { diagnostic } from '../../src/diagnostics/catalogue.ts';

describe('formatReport', () => {
  it('prints sorted diagnostics with position, severity, rule and hint, then a summary', () => {
    const report = formatReport([
      diagnostic('unknown-finding', { file: 'briefs/uz.yaml', line: 12, column: 5, message: 'Unknown finding "uz-inet"', hint: 'Closest finding ids: uz-internet.' }),
      diagnostic('yaml-syntax', { file: 'briefs/a.yaml', line: 3, column: 1, message: 'Bad indentation' }),
      diagnostic('pandoc-warning', { file: 'briefs/uz.yaml', line: 2, column: 1, message: 'Odd markup' }),
    ]);
    expect(report).toBe(
      [
        'briefs/a.yaml:3:1 error Bad indentation [yaml-syntax]',
        '  hint: Fix the YAML syntax at this position (indentation, quoting, a missing colon).',
        'briefs/uz.yaml:2:1 warning Odd markup [pandoc-warning]',
        '  hint: Check the Markdown at this position.',
        'briefs/uz.yaml:12:5 error Unknown finding "uz-inet" [unknown-finding]',
        '  hint: Closest finding ids: uz-internet.',
        '2 errors, 1 warning',
      ].join('\n'),
    );
  });
  it('says so when there is nothing to report', () => {
    expect(formatSummary([])).toBe('no problems');
  });
});
