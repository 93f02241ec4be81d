import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { createAssetResolver, launchPrinter } from '../../src/print/print-pdf.ts';
import { findChromium } from '../../src/print/find-chromium.ts';
import { builtinTemplatesDir } from '../../src/render/load-templates.ts';
import { fontPackagesDir } from '../../src/print/fonts.ts';
import { version } from '../../src/version.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { pdfInfo, pdfOutline, pdfText } from '../support/pdf.ts';

describe('print quality, metadata and reproducibility', () => {
  let root: string;
  let pdf: string;
  beforeAll(async () => {
    const spec = (await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8'))
      .replace('subtitle: A fixture brief', 'subtitle: A fixture brief\nshort_title: Fixture brief\ntoc_min_pages: 2\nmarking: For official use\nkeywords: [Uzbekistan, digital diplomacy]')
      .replace(/sections:\n/, `sections:\n${Array.from({ length: 6 }, (_, i) => `  - heading: Part ${i + 1}\n    body: |\n${'      Digital diplomacy keeps changing how ministries speak [@bjola2015digital].\n'.repeat(12)}`).join('')}`);
    root = await makeProject({ 'briefs/sample.yaml': spec });
    const result = await build({ root, formats: ['pdf'] });
    expect(result.diagnostics).toEqual([]);
    pdf = join(root, 'out/sample/sample.pdf');
  });
  afterAll(() => removeProject(root));

  it('carries the document metadata, dated by the spec, and is tagged', async () => {
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({
      Title: 'Digital Diplomacy in Uzbekistan',
      Subject: 'A fixture brief',
      Keywords: 'Uzbekistan digital diplomacy',
      Author: 'Test Author',
      Creator: `Briefwright ${version}`,
      CreationDate: 'Sat Mar  1 00:00:00 2025 UTC',
      ModDate: 'Sat Mar  1 00:00:00 2025 UTC',
      Tagged: 'yes',
    });
  });

  it('gives a document of at least toc_min_pages pages a table of contents', async () => {
    const first = (await pdfText(pdf, 1)).replace(/\s+/g, ' ');
    expect(first).toContain('Contents Summary Key findings Part 1 Part 2 Part 3 Part 4 Part 5 Part 6 Context Recommendations References');
    const html = await readFile(join(root, 'out/sample/sample.html'), 'utf8').catch(() => '');
    expect(html === '' || html.includes('class="toc"')).toBe(true);
  });

  it('has a bookmark outline built from the headings', async () => {
    const outline = await pdfOutline(pdf);
    expect(outline).toEqual(expect.arrayContaining(['Digital Diplomacy in Uzbekistan', '  Summary', '  Key findings', '  Part 1', '  References']));
  });

  it('prints the running header, marking and "Page X of Y" on every page after the first', async () => {
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThan(1);
    const first = await pdfText(pdf, 1);
    expect(first).not.toMatch(/Page 1 of/);
    expect(first).not.toContain('Fixture brief');
    expect(first).toContain('FOR OFFICIAL USE');
    for (let page = 2; page <= pages; page++) {
      const text = await pdfText(pdf, page);
      expect(text).toContain('Fixture brief');
      expect(text).toContain('FOR OFFICIAL USE');
      expect(text).toMatch(new RegExp(`1 March 2025\\s+Page ${page} of ${pages}`));
    }
  });

  it('gives byte-identical PDFs for the same inputs', async () => {
    const again = await makeProject({ 'briefs/sample.yaml': await readFile(join(root, 'briefs/sample.yaml'), 'utf8') });
    try {
      await build({ root: again, formats: ['pdf'] });
      expect(Buffer.compare(await readFile(pdf), await readFile(join(again, 'out/sample/sample.pdf')))).toBe(0);
    } finally {
      await removeProject(again);
    }
  });

  it('needs the metadata step: Chromium alone differs between runs only in its two dates', async () => {
    const html = '<!DOCTYPE html><html lang="en"><body><h1>Same</h1></body></html>';
    const printer = await launchPrinter(await findChromium(), createAssetResolver([builtinTemplatesDir], fontPackagesDir()));
    try {
      const a = Buffer.from((await printer.print({ id: 'x', html })).pdf).toString('latin1');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const b = Buffer.from((await printer.print({ id: 'x', html })).pdf).toString('latin1');
      expect(a).not.toBe(b);
      const undated = (text: string) => text.replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '/$1 ()');
      expect(undated(a)).toBe(undated(b));
    } finally {
      await printer.close();
    }
  });

  it('prints the same with the stylesheet and fonts kept from the previous document, resolving each asset once', async () => {
    const html = await readFile(join(root, 'out/sample/sample.html'), 'utf8').catch(async () => {
      await build({ root, formats: ['html'] });
      return readFile(join(root, 'out/sample/sample.html'), 'utf8');
    });
    const resolver = createAssetResolver([builtinTemplatesDir], fontPackagesDir());
    const asked: string[] = [];
    const counting = { resolve: (path: string) => (asked.push(path), resolver.resolve(path)) };
    const undated = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '/$1 ()');
    const printer = await launchPrinter(await findChromium(), counting);
    const fresh = await launchPrinter(await findChromium(), resolver);
    try {
      const first = await printer.print({ id: 'sample', html });
      const second = await printer.print({ id: 'sample', html });
      const uncached = await fresh.print({ id: 'sample', html });
      expect(first.blocked).toEqual([]);
      expect(asked).toContain('brief.css');
      expect(asked.filter((path) => path.endsWith('.woff2')).length).toBeGreaterThan(0);
      expect(new Set(asked).size).toBe(asked.length);
      expect(undated(second.pdf)).toBe(undated(first.pdf));
      expect(undated(second.pdf)).toBe(undated(uncached.pdf));
    } finally {
      await Promise.all([printer.close(), fresh.close()]);
    }
  });

  it('honours SOURCE_DATE_EPOCH and US Letter paper', async () => {
    const letter = await makeProject({ 'briefs/sample.yaml': (await readFile(join(root, 'briefs/sample.yaml'), 'utf8')).replace('lang: en', 'lang: en\npaper: letter') });
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      await build({ root: letter, formats: ['pdf'] });
      const info = await pdfInfo(join(letter, 'out/sample/sample.pdf'));
      expect(info['Page size']).toBe('612 x 792 pts (letter)');
      expect(info.CreationDate).toBe('Tue Nov 14 22:13:20 2023 UTC');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
      await removeProject(letter);
    }
  });
});
