import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';

const run = promisify(execFile);

describe('--format docx', () => {
  let root: string;
  let markdown: string;
  beforeAll(async () => {
    root = await makeProject();
    const result = await build({ root, formats: ['docx'] });
    expect(result.diagnostics).toEqual([]);
    markdown = (await run('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', join(root, 'out/sample/sample.docx')])).stdout;
  });
  afterAll(() => removeProject(root));

  it('converts back with the same headings', () => {
    const headings = [...markdown.matchAll(/^(#+) (.+?)(?: \{.*\})?$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual(['# Digital Diplomacy in Uzbekistan', '## Summary', '## Key findings', '## Context', '## Recommendations', '## References']);
  });

  it('keeps the citations and the bibliography', () => {
    expect(markdown).toContain('[Manor (2019, p. 33)](#ref-manor2019digitalization) describes the shift.');
    expect(markdown).toMatch(/Manor, I\. \(2019\)\. \*The digitalization of public diplomacy\*\. Palgrave Macmillan\./);
  });

  it('dates the Word file by the document, so the same inputs give the same bytes', async () => {
    const dated = await makeProject();
    try {
      const result = await build({ root: dated, formats: ['docx', 'html'] });
      expect(result.diagnostics).toEqual([]);
      // pandoc itself, given the same HTML with the spec's date (2025-03-01) as SOURCE_DATE_EPOCH; a
      // file dated by the clock would differ.
      const html = await readFile(join(dated, 'out/sample/sample.html'), 'utf8');
      const expected = spawnSync('pandoc', ['--from', 'html', '--to', 'docx', '--output', '-', '--metadata', 'lang=en'], {
        input: html,
        env: { ...process.env, SOURCE_DATE_EPOCH: String(Date.UTC(2025, 2, 1) / 1000) },
      }).stdout;
      expect((await readFile(join(dated, 'out/sample/sample.docx'))).equals(expected)).toBe(true);
    } finally {
      await removeProject(dated);
    }
  });
});
