import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { findChromium } from '../../src/print/find-chromium.ts';
import { axeViolations, seriousViolations } from '../support/axe.ts';
import { pdfAccessibility, structureElements } from '../support/pdf.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { russianMemo, withCharts } from '../support/specs.ts';

// What can be checked of PDF/UA here, without veraPDF (Java, not packaged by Debian): the document
// language, the title shown in the window, the tagged structure tree, alt text on every figure (charts
// and the logo) and header cells with a scope in every table. Read from the PDF's own objects.
const memo = russianMemo({ head: 'marking: Для служебного пользования\n' });
const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="#0b4f6c"/></svg>';

describe('accessible PDFs (structure tree) and their HTML editions', () => {
  let root: string;
  beforeAll(async () => {
    const sample = withCharts(await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8')).replace(
      'authors:\n',
      'logo: { path: assets/logo.svg, alt: Briefwright Institute }\nauthors:\n',
    );
    root = await makeProject({
      'briefs/sample.yaml': sample,
      'briefs/memo.yaml': memo,
      'assets/logo.svg': logo,
      'findings/more.yaml': await readFile(new URL('../fixtures/charts/more-findings.yaml', import.meta.url), 'utf8'),
    });
    const result = await build({ root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 240_000);
  afterAll(() => removeProject(root));

  it('gives the language, shows the title in the window and tags the structure', async () => {
    const brief = await pdfAccessibility(join(root, 'out/sample/sample.pdf'));
    expect(brief).toMatchObject({ lang: 'en', displayDocTitle: true, marked: true, title: 'Digital Diplomacy in Uzbekistan' });
    const memoPdf = await pdfAccessibility(join(root, 'out/memo/memo--ministry-of-foreign-affairs.pdf'));
    expect(memoPdf).toMatchObject({ lang: 'ru', displayDocTitle: true, marked: true, title: 'Connectivity figures for the ministry' });
    for (const pdf of [brief, memoPdf]) {
      const types = structureElements(pdf.tree).map((e) => e.type);
      expect(types[0]).toBe('Document');
      expect(types).toEqual(expect.arrayContaining(['H1', 'H2', 'P', 'Link']));
    }
  });

  it('gives the charts and the logo alt text, and tags nothing else as a figure', async () => {
    const figures = structureElements((await pdfAccessibility(join(root, 'out/sample/sample.pdf'))).tree).filter((e) => e.type === 'Figure');
    expect(figures.map((f) => f.alt)).toEqual([
      'Briefwright Institute',
      'Bar chart: Internet users, share of population. Uzbekistan 76.6% (2023-01); Kazakhstan 90.9% (2023).',
      'Line chart: Internet use over time. Uzbekistan 55.2% (2020); Uzbekistan 76.6% (2023-01).',
    ]);
  });

  it('tags every table with header cells that say whether they head a row or a column', async () => {
    const tables = structureElements((await pdfAccessibility(join(root, 'out/memo/memo--ministry-of-foreign-affairs.pdf'))).tree).filter((e) => e.type === 'Table');
    expect(tables).toHaveLength(2);
    const scopes = tables.map((table) => structureElements(table.children).filter((e) => e.type === 'TH').map((th) => th.scope));
    // The To/From/Date/Subject block (row headers), and the actions (column headers).
    expect(scopes[0]!.length).toBeGreaterThanOrEqual(4);
    expect(new Set(scopes[0])).toEqual(new Set(['Row']));
    expect(scopes[1]).toEqual(['Column', 'Column', 'Column']);
  });

  describe('the same documents in HTML', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await puppeteer.launch({ executablePath: await findChromium(), headless: true, args: ['--no-sandbox'] });
    });
    afterAll(() => browser?.close());

    it('have no serious or critical axe-core violation (charts, logo, memo tables, site)', async () => {
      const found: Record<string, string[]> = {};
      for (const file of ['sample/sample.html', 'memo/memo--ministry-of-foreign-affairs.html', 'index.html']) {
        const serious = seriousViolations(await axeViolations(browser, { file: join(root, 'out', file) }));
        if (serious.length > 0) found[file] = serious;
      }
      expect(found).toEqual({});
    }, 120_000);
  });
});
