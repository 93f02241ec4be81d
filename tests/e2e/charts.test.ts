import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { withCharts } from '../support/specs.ts';

const run = promisify(execFile);

describe('charts from findings', () => {
  let root: string;
  let dom: Document;
  beforeAll(async () => {
    const spec = withCharts(await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8'));
    root = await makeProject({
      'briefs/sample.yaml': spec,
      'findings/more.yaml': await readFile(new URL('../fixtures/charts/more-findings.yaml', import.meta.url), 'utf8'),
    });
    const result = await build({ root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    dom = new JSDOM(await readFile(join(root, 'out/sample/sample.html'), 'utf8')).window.document;
  });
  afterAll(() => removeProject(root));

  it('renders static SVG with alt text generated from the data', () => {
    const figures = [...dom.querySelectorAll('.chart figure[role=img]')];
    expect(figures.map((f) => f.getAttribute('aria-label'))).toEqual([
      'Bar chart: Internet users, share of population. Uzbekistan 76.6% (2023-01); Kazakhstan 90.9% (2023).',
      'Line chart: Internet use over time. Uzbekistan 55.2% (2020); Uzbekistan 76.6% (2023-01).',
    ]);
    for (const figure of figures) {
      expect(figure.getAttribute('role')).toBe('img');
      expect(figure.querySelector('svg')).not.toBeNull();
    }
    expect(dom.querySelectorAll('script, foreignObject')).toHaveLength(0);
  });

  it('puts a source line with the citations under each chart', () => {
    const sources = [...dom.querySelectorAll('.chart .chart-source')].map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
    expect(sources).toEqual(['Source: (Allamurodov, 2023, pp. 29, 28)', 'Source: (Allamurodov, 2023, p. 29; Demircioğlu, 2024, p. 3)']);
  });

  it('sets the charts in the shipped fonts', async () => {
    const fonts = (await run('pdffonts', [join(root, 'out/sample/sample.pdf')])).stdout.split('\n').slice(2).filter(Boolean);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)-/);
    const svgText = [...dom.querySelectorAll('.chart svg text')].map((t) => t.getAttribute('font-family'));
    expect(new Set(svgText)).toEqual(new Set(['Noto Sans']));
  });
});
