import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parse as parseYaml } from 'yaml';
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'node:url';
import { findChromium } from '../../src/print/find-chromium.ts';
import { launchMode } from '../../src/print/print-pdf.ts';
import { build, type BuildResult } from '../../src/index.ts';
import { version } from '../../src/version.ts';
import { repoRoot } from '../support/project.ts';
import { pdfInfo, pdfLinkAreas, pdfOutline, pdfText } from '../support/pdf.ts';
import { languagePack } from '../../src/languages/index.ts';
import { entries, fieldValues, parseBibtex, stringMacros } from '../../src/bib/parse-bibtex.ts';

const run = promisify(execFile);
const briefs = ['uzbekistan', 'kazakhstan', 'turkmenistan', 'central-asia'];
const editions = {
  uz: ['uzbekistan-memo-uz--mfa-uzbekistan.pdf', 'uzbekistan-memo-uz--mdt-uzbekistan.pdf'],
  kk: ['kazakhstan-memo-kk--mfa-kazakhstan.pdf'],
};

describe('the real documents', () => {
  let outDir: string;
  let result: BuildResult;
  let pdfs: { id: string; pdf: string; html: string }[];
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'briefwright-real-'));
    result = await build({ root: repoRoot, outDir, force: true });
    expect(result.diagnostics).toEqual([]);
    pdfs = result.documents.map((d) => ({ id: d.id, pdf: d.files.find((f) => f.endsWith('.pdf'))!, html: d.files.find((f) => f.endsWith('.html'))! }));
  }, 240_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('builds every brief and one PDF per memo recipient', () => {
    const names = pdfs.map((p) => p.pdf.slice(outDir.length + 1)).sort();
    for (const id of briefs) expect(names).toContain(`${id}/${id}.pdf`);
    expect(names).toEqual(expect.arrayContaining(['uzbekistan-memo/uzbekistan-memo--mfa-uzbekistan.pdf', 'uzbekistan-memo/uzbekistan-memo--mdt-uzbekistan.pdf', 'uzbekistan-memo-ru/uzbekistan-memo-ru--mfa-uzbekistan.pdf']));
    expect(names).toEqual(expect.arrayContaining([...editions.uz.map((f) => `uzbekistan-memo-uz/${f}`), ...editions.kk.map((f) => `kazakhstan-memo-kk/${f}`)]));
  });

  it.each(briefs)('%s prints to 2–4 A4 pages and cites in APA', async (id) => {
    const info = await pdfInfo(join(outDir, id, `${id}.pdf`));
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
    expect(Number(info.Pages)).toBeLessThanOrEqual(4);
    expect(info['Page size']).toBe('594.96 x 841.92 pts (A4)');
    expect((await pdfText(join(outDir, id, `${id}.pdf`))).replace(/\s+/g, ' ')).toMatch(/\((Allamurodov|Arapov|Demircioğlu|Turayeva), 20\d\d[,;)]/);
  });

  it('tags every PDF, names it, embeds only the shipped fonts and outlines its headings', async () => {
    for (const { pdf, html } of pdfs) {
      const info = await pdfInfo(pdf);
      expect(info.Tagged, pdf).toBe('yes');
      for (const field of ['Title', 'Author', 'Subject', 'Keywords']) expect(info[field], `${pdf} ${field}`).toBeTruthy();
      expect(info.Creator).toBe(`Briefwright ${version}`);
      const fonts = (await run('pdffonts', [pdf])).stdout.split('\n').slice(2).filter(Boolean);
      for (const line of fonts) expect(line, pdf).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)-\S+\s.*\byes\s+yes\s+yes\b/);
      // The HTML edition's evidence list is printed only with `evidence_annex: true`, which no real document sets.
      const headings = [...new JSDOM(await readFile(html, 'utf8')).window.document.querySelectorAll('h2:not(#evidence-heading)')].map((h) => h.textContent!.trim());
      const outline = (await pdfOutline(pdf)).map((t) => t.trim());
      for (const heading of headings) expect(outline, pdf).toContain(heading);
    }
  });

  it('labels section and paragraph locators in the Russian memo as such, not as pages', async () => {
    const text = (await pdfText(join(outDir, 'uzbekistan-memo-ru', 'uzbekistan-memo-ru--mfa-uzbekistan.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('цит. по: Allamurodov, 2023, разд. Results]');
    expect(text).not.toMatch(/\bс\. \p{L}/u);
    expect(text).not.toMatch(/\b(sec|para)\. /);
  });

  it('lists the Russian memo’s references in GOST order, each English work marked as English', async () => {
    const html = join(outDir, 'uzbekistan-memo-ru', 'uzbekistan-memo-ru--mfa-uzbekistan.html');
    const entries = [...new JSDOM(await readFile(html, 'utf8')).window.document.querySelectorAll('.references .csl-entry')];
    const authors = entries.map((e) => e.textContent!.replace(/^\d+\.\s*/, '').split(' ')[0]!);
    expect(authors).toEqual([...authors].sort(new Intl.Collator('ru').compare));
    expect(entries.map((e) => e.getAttribute('lang'))).toEqual(entries.map(() => 'en'));
  });

  it('prints "Page X of Y" on every page after the first, in the document language', async () => {
    for (const { pdf, html } of pdfs) {
      const pages = Number((await pdfInfo(pdf)).Pages);
      const lang = new JSDOM(await readFile(html, 'utf8')).window.document.documentElement.lang;
      const { page, of } = languagePack(lang).labels;
      for (let n = 2; n <= pages; n++) expect(await pdfText(pdf, n), `${pdf} page ${n}`).toContain(`${page} ${n} ${of} ${pages}`);
      expect(await pdfText(pdf, 1)).not.toContain(`${page} 1 ${of}`);
    }
  });

  describe.each([
    ['uz', 'uzbekistan-memo-uz', { date: '24-noyabr, 2026', letters: ['oʻ', 'gʻ', 'maʼ'] }],
    ['kk', 'kazakhstan-memo-kk', { date: '2026 ж. 24 қараша', letters: [...'әғқңөұүі'] }],
  ] as const)('the %s edition', (lang, id, expected) => {
    const files = () => editions[lang].map((f) => join(outDir, id, f));

    it('is wholly in its language: no English label, CSL term or month', async () => {
      const { labels } = languagePack(lang);
      // The works' own titles and the papers' section names are English data, not labels: they go first.
      const data = await englishData();
      const english = [
        ...Object.values(languagePack('en').labels).filter((l) => !l.includes(' — ') && l.length < 30),
        'and', 'et al.', 'accessed', 'n.d.', 'no date', 'retrieved', 'from', 'in', 'available at', 'p.', 'pp.', 'sec.',
        'para.', 'chap.', 'vol.', 'no.', 'ed.', 'eds.', 'trans.', 'edited by', 'translated by', 'ibid.', 'anon.',
        'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
      ];
      for (const pdf of files()) {
        const pages = Number((await pdfInfo(pdf)).Pages);
        let text = (await pdfText(pdf)).replace(/\s+/g, ' ').replace(/[’‘]/g, "'");
        for (const phrase of data) text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu'), ' ');
        const found = english.filter((word) => new RegExp(`(?<![\\p{L}.])${escapeRegExp(word)}(?![\\p{L}])`, 'iu').test(text));
        expect(found, pdf).toEqual([]);
        expect(text, pdf).toContain(labels.references);
        expect(text, pdf).toContain(`${labels.page} ${pages} ${labels.of} ${pages}`);
        expect(text, pdf).toContain(expected.date);
        for (const letters of expected.letters) expect(text, pdf).toContain(letters);
      }
    });

    it("names the country in its own language in the PDF's subject and keywords", async () => {
      for (const pdf of files()) {
        const info = await pdfInfo(pdf);
        expect(info.Subject, pdf).toBe(`${languagePack(lang).labels['kind.memo']}: ${languagePack(lang).countries[lang === 'uz' ? 'UZ' : 'KZ']}`);
        expect(info.Keywords, pdf).toContain(languagePack(lang).countries[lang === 'uz' ? 'UZ' : 'KZ']);
      }
    });
  });

  it('lists exactly the works each document cites', async () => {
    for (const document of result.documents) {
      const html = document.files.find((f) => f.endsWith('.html'))!;
      const dom = new JSDOM(await readFile(html, 'utf8')).window.document;
      const listed = [...dom.querySelectorAll('.references .csl-entry')].map((e) => e.id.replace(/^ref-/, '')).sort();
      expect(listed, html).toEqual([...document.citedKeys].sort());
    }
  });

  // Issue 16: the documents read cleanly, every edition of every default document, as a reader sees its HTML.
  describe('citations, in every HTML edition', () => {
    // A block is a paragraph, list item or cell holding no other block: one citation covers its statements.
    const blocks = 'p, li, td, th, dd, dt, figcaption, caption, h1, h2, h3, h4, blockquote';
    const editionsHtml = async () => {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.html') && f !== 'index.html').sort();
      expect(files.length).toBe(result.documents.length);
      return Promise.all(files.map(async (file) => ({ file, dom: parseHtml(await readFile(join(outDir, file), 'utf8')) })));
    };
    const text = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();

    it('prints no citation twice in one paragraph, list item or cell', async () => {
      const repeats: string[] = [];
      for (const { file, dom } of await editionsHtml()) {
        for (const block of dom.querySelectorAll(blocks)) {
          if (block.querySelector(blocks)) continue;
          const citations = [...block.querySelectorAll('.citation')].map(text);
          for (const repeated of new Set(citations.filter((c, i) => citations.indexOf(c) !== i))) repeats.push(`${file}: ${repeated} in "${text(block).slice(0, 70)}…"`);
        }
      }
      expect(repeats).toEqual([]);
    });

    it('prints no citation inside another', async () => {
      for (const { file, dom } of await editionsHtml()) expect([...dom.querySelectorAll('.citation .citation')].map(text), file).toEqual([]);
    });

    it('puts no citation between a figure and its noun', async () => {
      const misplaced: string[] = [];
      for (const { file, dom } of await editionsHtml()) {
        for (const figure of dom.querySelectorAll('.figure')) {
          let next = figure.nextSibling;
          while (next && next.nodeType === next.TEXT_NODE && /^\s*$/.test(next.textContent!)) next = next.nextSibling;
          if (!(next instanceof dom.defaultView!.Element) || !next.matches('.citation, .note-ref')) continue;
          const after = next.nextSibling?.textContent ?? '';
          if (/^\s*[\p{L}\p{N}]/u.test(after)) misplaced.push(`${file}: ${text(figure)} ${text(next)}${after.slice(0, 30)}`);
        }
      }
      expect(misplaced).toEqual([]);
    });

    it('cites every figure and finding whose finding has an original "as cited in" the paper it was read in', async () => {
      const findings = await findingSources();
      const unmarked: string[] = [];
      let checked = 0;
      for (const { file, dom } of await editionsHtml()) {
        const { citedIn } = languagePack(dom.documentElement.lang).labels;
        const shown = [
          ...[...dom.querySelectorAll('.figure[data-finding]')].map((f) => ({ id: f.getAttribute('data-finding')!, where: f.closest(blocks)! })),
          ...[...dom.querySelectorAll('.finding-box[id^="finding-"]')].map((box) => ({ id: box.id.slice('finding-'.length), where: box })),
        ];
        for (const { id, where } of shown) {
          const finding = findings.get(id);
          expect(finding, `${file}: finding ${id}`).toBeDefined();
          if (!finding!.primary) continue;
          checked++;
          const marked = [...where.querySelectorAll('.citation')].some((c) => {
            const keys = c.getAttribute('data-cites')!.split(' ');
            return keys.includes(finding!.primary!) && keys.includes(finding!.source) && text(c).includes(`${citedIn} `);
          });
          if (!marked) unmarked.push(`${file}: ${id} (${finding!.primary} in ${finding!.source}) in "${text(where).slice(0, 70)}…"`);
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(unmarked).toEqual([]);
    });
  });

  it('gives every chart alt text', async () => {
    const dom = new JSDOM(await readFile(join(outDir, 'central-asia/central-asia.html'), 'utf8')).window.document;
    const labels = [...dom.querySelectorAll('.chart figure[role=img]')].map((f) => f.getAttribute('aria-label'));
    expect(labels.length).toBeGreaterThan(0);
    for (const text of labels) expect(text).toMatch(/^Bar chart: .+\. Uzbekistan .+; Kazakhstan .+\.$/);
  });

  // Chromium sometimes printed one line of a link as two touching areas (split where an italic title
  // meets ", n.d."), so that the same inputs gave different bytes; the printer positions links to prevent it.
  it('gives each line of a link one link area', async () => {
    for (const { pdf } of pdfs) {
      const areas = await pdfLinkAreas(pdf);
      expect(areas.length, pdf).toBeGreaterThan(0);
      const split = areas.filter((area, i) => {
        const next = areas[i + 1];
        return next && next.page === area.page && next.target === area.target && next.rect[1] === area.rect[1] && Math.abs(next.rect[0]! - area.rect[2]!) < 0.01;
      });
      expect(split, pdf).toEqual([]);
    }
  });

  // out/assets holds only the fonts Chromium needed to print: a browser showing the same HTML needs no other.
  it('shows its HTML outputs with every stylesheet and font they ask for present in out/assets', async () => {
    const executablePath = await findChromium();
    const browser = await puppeteer.launch({ executablePath, ...launchMode(executablePath), pipe: true });
    try {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      for (const { html } of pdfs) {
        const failed: string[] = [];
        const loaded: string[] = [];
        const onFailed = (request: { url(): string }) => failed.push(request.url());
        const onDone = (response: { url(): string; ok(): boolean }) => (response.ok() ? loaded : failed).push(response.url());
        page.on('requestfailed', onFailed);
        page.on('response', onDone);
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        page.off('requestfailed', onFailed);
        page.off('response', onDone);
        expect(failed, html).toEqual([]);
        expect(loaded.filter((url) => url.endsWith('.woff2')).length, html).toBeGreaterThan(0);
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  // A build of one or two named documents prints them from a single Chromium process (faster to
  // start); it must give the bytes a batch gives.
  it('gives the same bytes for documents built on their own as in the batch', async () => {
    const alone = await mkdtemp(join(tmpdir(), 'briefwright-alone-'));
    try {
      const built = await build({ root: repoRoot, outDir: alone, ids: ['uzbekistan', 'uzbekistan-memo-ru'] });
      const files = built.documents.flatMap((d) => d.files).map((file) => file.slice(alone.length + 1));
      expect(files).toHaveLength(4);
      for (const file of files) expect(Buffer.compare(await readFile(join(outDir, file)), await readFile(join(alone, file))), file).toBe(0);
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  }, 120_000);

  // The second build runs the bundled CLI (dist/), which users run: it must give the very bytes the
  // sources give, so that a bundling mistake (a dependency resolved differently) cannot hide.
  it('gives identical bytes when built again, by the bundled CLI', async () => {
    const again = await mkdtemp(join(tmpdir(), 'briefwright-again-'));
    try {
      await run('node', [join(repoRoot, 'scripts/bundle.mjs')], { cwd: repoRoot });
      await run('node', [join(repoRoot, 'dist/main.cjs'), 'build', '--out', again, '--force', '--quiet'], { cwd: repoRoot });
      const files = result.documents.flatMap((d) => d.files).map((file) => file.slice(outDir.length + 1));
      expect(files.length).toBeGreaterThan(8);
      for (const file of files) expect(Buffer.compare(await readFile(join(outDir, file)), await readFile(join(again, file))), file).toBe(0);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  }, 240_000);
});

/** English text that is data, not labels: titles and other fields of the works, and the papers' section names. */
async function englishData(): Promise<string[]> {
  const parsed = parseBibtex(await readFile(join(repoRoot, 'references.bib'), 'utf8'));
  const strings = stringMacros(parsed);
  const fields = ['author', 'editor', 'title', 'subtitle', 'journaltitle', 'booktitle', 'maintitle', 'eventtitle', 'howpublished', 'publisher', 'institution', 'series', 'issue', 'location'];
  const bib = entries(parsed).flatMap((entry) => {
    const values = fieldValues(entry, strings);
    return fields.flatMap((f) => (values.has(f) ? [values.get(f)!.replace(/[{}]/g, '')] : []));
  });
  const locators: string[] = [];
  for (const file of await readdir(join(repoRoot, 'findings'))) {
    for (const match of (await readFile(join(repoRoot, 'findings', file), 'utf8')).matchAll(/^\s*locator:\s*"?(?:sec|para)\.\s*\{?([^}\n"]+?)\}?"?\s*$/gm)) locators.push(match[1]!);
  }
  return [...new Set([...bib, ...locators].map((t) => t.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()))]
    .filter((t) => /\p{L}{3}/u.test(t))
    .sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An HTML edition's DOM (its print stylesheet's @page rules are beyond jsdom's CSS parser: not reported). */
function parseHtml(html: string): Document {
  return new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
}

/** Every finding's source and original work (`primary:`), by id, as the findings files give them. */
async function findingSources(): Promise<Map<string, { source: string; primary?: string }>> {
  const sources = new Map<string, { source: string; primary?: string }>();
  for (const file of await readdir(join(repoRoot, 'findings'))) {
    const { findings } = parseYaml(await readFile(join(repoRoot, 'findings', file), 'utf8')) as { findings: { id: string; source: string; primary?: string | null }[] };
    for (const { id, source, primary } of findings) sources.set(id, { source, ...(primary ? { primary } : {}) });
  }
  return sources;
}
