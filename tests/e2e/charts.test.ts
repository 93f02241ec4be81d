import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
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

  it('labels every bar and point with its figure, and every bar with the year of its figure', () => {
    const [bar, line] = [...dom.querySelectorAll('.chart svg')].map((svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent));
    expect(bar).toEqual(expect.arrayContaining(['Uzbekistan (2023)', 'Kazakhstan (2023)', '76.6%', '90.9%']));
    expect(line).toEqual(expect.arrayContaining(['55.2%', '76.6%', '2020', '2023']));
  });

  it('sets the charts in the shipped fonts', async () => {
    const fonts = (await run('pdffonts', [join(root, 'out/sample/sample.pdf')])).stdout.split('\n').slice(2).filter(Boolean);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)-/);
    const svgText = [...dom.querySelectorAll('.chart svg text')].map((t) => t.getAttribute('font-family'));
    expect(new Set(svgText)).toEqual(new Set(['Noto Sans']));
  });
});

describe('chart labels in the document language, with a year only reported', () => {
  let root: string;
  let svgText: string[][];
  let pdf: string;
  beforeAll(async () => {
    const spec = withCharts(await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8')).replace('lang: en', 'lang: ru');
    // Kazakhstan's figure has no date in its paper, only the year the paper reported it.
    const undated = `findings:
  - id: kz-connectivity-internet-penetration-2024
    country: KZ
    topic: connectivity
    claim: Most people in Kazakhstan use the internet.
    metric: { name: internet-penetration, value: 88.2, unit: percent, as_of: unknown, reported: "2024" }
    source: allamurodov2023digital
    locator: p. 28
    evidence: "88.2%"
`;
    root = await makeProject({ 'briefs/sample.yaml': spec, 'findings/undated.yaml': undated });
    const result = await build({ root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dom = new JSDOM(await readFile(join(root, 'out/sample/sample.html'), 'utf8')).window.document;
    svgText = [...dom.querySelectorAll('.chart svg')].map((svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent!));
    pdf = (await run('pdftotext', [join(root, 'out/sample/sample.pdf'), '-'])).stdout.replace(/\s+/g, ' ');
  });
  afterAll(() => removeProject(root));

  it('formats the labels as the language writes figures and says when a year is only the report\'s', () => {
    const [bar] = svgText;
    expect(bar).toEqual(expect.arrayContaining(['Узбекистан (2023)', 'Казахстан (по публикации 2024 г.)', '76,6\u00a0%', '88,2\u00a0%']));
    // The labels are text in the PDF too.
    expect(pdf).toContain('Казахстан (по публикации 2024 г.)');
    expect(pdf).toMatch(/88,2\s?%/);
  });
});

describe('charts drawn once for the documents that share them', () => {
  let root: string;
  afterAll(() => removeProject(root));

  it('draws a chart again when its figures change, and gives documents with the same chart the same SVG', async () => {
    const spec = withCharts(await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8'));
    const findings = await readFile(new URL('../fixtures/charts/more-findings.yaml', import.meta.url), 'utf8');
    root = await makeProject({ 'briefs/sample.yaml': spec, 'briefs/second.yaml': spec, 'findings/more.yaml': findings });
    const charts = async (id: string) => {
      const dom = new JSDOM(await readFile(join(root, `out/${id}/${id}.html`), 'utf8')).window.document;
      return [...dom.querySelectorAll('.chart svg')].map((svg) => svg.outerHTML);
    };
    const labels = (svg: string) => [...new JSDOM(svg).window.document.querySelectorAll('text')].map((t) => t.textContent);
    expect((await build({ root, formats: ['html'] })).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [first, second] = [await charts('sample'), await charts('second')];
    expect(second).toEqual(first);
    expect(labels(first[0]!)).toContain('90.9%');

    // The same process, the same chart with another figure: drawn anew, not the one kept from before.
    await writeFile(join(root, 'findings/more.yaml'), findings.replace('value: 90.9', 'value: 91.5').replace('evidence: "90.9%"', 'evidence: "91.5%"'));
    const again = await build({ root, formats: ['html'] });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.skipped).toEqual([]);
    const [bar] = await charts('sample');
    expect(labels(bar!)).toContain('91.5%');
    expect(labels(bar!)).not.toContain('90.9%');
  });
});
