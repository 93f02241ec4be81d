/**
 * Issue 16, point 1, in print: a document in a note style prints each note at the foot of the page its
 * reference mark lands on (Paged.js, src/print/page-notes.ts), numbered as in the text, with links
 * both ways in the PDF and the HTML; the notes read as `pandoc --citeproc` writes them ("Ibid.", short
 * forms), from the note numbers citeproc was given.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { pdfInfo, pdfLinkAreas, pdfText } from '../support/pdf.ts';
import { runWithInput } from '../cite/support.ts';
import { styledBrief } from '../support/specs.ts';
import { defaultCslDirs } from '../../src/cite/csl-files.ts';
import { axeViolations, seriousViolations } from '../support/axe.ts';
import puppeteer from 'puppeteer-core';
import { writeFile } from 'node:fs/promises';
import { createAssetResolver, launchPrinter } from '../../src/print/print-pdf.ts';
import { findChromium } from '../../src/print/find-chromium.ts';
import { builtinTemplatesDir } from '../../src/render/load-templates.ts';
import { fontPackagesDir } from '../../src/print/fonts.ts';

const fixture = new URL('../fixtures/style-matrix/', import.meta.url).pathname;
// The styles Briefwright reads (BRIEFWRIGHT_CSL_STYLES or Debian's), so pandoc reads the same files.
const styles = defaultCslDirs.styles;

// Prose of our own, long enough that the citations fall on several pages.
const filler =
  'Foreign ministries in the region now publish much of their work online, and their audiences answer in public. ' +
  'The shift changes who speaks for a state, how quickly it must reply, and which audience it has in mind when it does. ' +
  'Officials still weigh every statement against the risk of saying too much, and the channels they choose show it.';

/** Sections of paragraphs, each paragraph ending with the citations given (pandoc's syntax). */
const sections: string[][] = [
  ['A first claim [@arapov2025, p. 50].', 'The same page again [@arapov2025, p. 50].', 'Another page of it [@arapov2025, p. 52].'],
  ['Another work [@bjola2015].', 'Back to the first [@arapov2025].', 'As @faizullaev2024 [p. 3] argues, the self matters.', 'So it does [@faizullaev2024, p. 3].'],
  ['Two works at once [@bjola2015; @karimov2021].', 'A report without a date [@undated].', 'The report again [@undated].', 'A law [@tmlaw2015].'],
  ['The first work once more [@arapov2025, p. 60].', 'And the book [@bjola2015, p. 12].', 'A last word [@faizullaev2024].'],
];

const paragraphs = sections.map((section) => section.map((cited) => `${filler} ${cited}`));

const spec = (style: string) =>
  styledBrief(`Page notes in ${style}`, style, Object.fromEntries(paragraphs.map((section, i) => [`Part ${i + 1}`, section.join('\n\n')])));

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** pandoc's notes for the same paragraphs, style and library: "[N] text" at the end of its plain text. */
async function pandocNotes(style: string): Promise<string[]> {
  const markdown = paragraphs.flat().join('\n\n');
  const plain = await runWithInput(
    'pandoc',
    ['--citeproc', '--bibliography', join(fixture, 'references.bib'), '--csl', join(styles, `${style}.csl`), '-f', 'markdown', '-t', 'plain', '--wrap=none'],
    markdown,
  );
  return [...plain.matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => m[2]!.trim());
}

describe.each(['chicago-note-bibliography-with-ibid', 'chicago-note-bibliography'])('notes at the foot of the page (%s)', (style) => {
  let root: string;
  let pdf: string;
  let html: Document;
  let expected: string[];
  beforeAll(async () => {
    root = await makeProject({ 'briefs/notes.yaml': spec(style) }, fixture);
    const result = await build({ root, ids: ['notes'], formats: ['html', 'pdf', 'docx'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    pdf = join(root, 'out', 'notes', 'notes.pdf');
    html = new JSDOM(await readFile(join(root, 'out', 'notes', 'notes.html'), 'utf8')).window.document;
    expected = await pandocNotes(style);
  }, 120_000);
  afterAll(() => removeProject(root));

  it('the notes read as pandoc --citeproc writes them, from the same citations', () => {
    const notes = [...html.querySelectorAll('section.notes li')].map((li) => normalize(li.textContent!.replace('↩', '')));
    expect(expected.length).toBe(14);
    expect(notes).toEqual(expected);
    if (style.endsWith('-with-ibid')) expect(notes.filter((n) => /^Ibid\./.test(n)).length).toBeGreaterThanOrEqual(3);
  });

  it('every reference mark links to its note and the note back, in the HTML edition', () => {
    const marks = [...html.querySelectorAll('a.note-ref')];
    expect(marks.map((a) => a.textContent)).toEqual(expected.map((_, i) => String(i + 1)));
    for (const mark of marks) {
      const note = html.getElementById(mark.getAttribute('href')!.slice(1));
      expect(note?.matches('section.notes li')).toBe(true);
      const back = note!.querySelector('a.note-back');
      expect(back?.getAttribute('href')).toBe(`#${mark.id}`);
      expect(html.getElementById(mark.id)).toBe(mark);
    }
  });

  it('the Word edition has them as Word footnotes (read back by pandoc), and no list of notes', async () => {
    const plain = await runWithInput('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(root, 'out', 'notes', 'notes.docx')], '');
    expect([...plain.matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => m[2]!.trim())).toEqual(expected);
    expect(plain).toContain('A first claim.[1]');
    expect(plain).toContain('As Faizullaev[6] argues');
    expect(plain).not.toMatch(/^Notes$/m);
    expect(plain).not.toContain('↩');
  });

  it('each note is printed at the foot of the page its mark is on, with its number', async () => {
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const links = await pdfLinkAreas(pdf);
    const text = await Promise.all(Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1).then(normalize)));
    const markPages = new Set<number>();
    expected.forEach((note, i) => {
      const n = i + 1;
      // The mark links to the note, and the note back to the mark, on one page.
      const toNote = links.filter((l) => l.target === `/note-${n}`);
      const toMark = links.filter((l) => l.target === `/note-ref-${n}`);
      expect(toNote.length, `links to note ${n}`).toBe(1);
      expect(toMark.length, `links back from note ${n}`).toBe(1);
      const page = toNote[0]!.page;
      expect(toMark[0]!.page, `note ${n}`).toBe(page);
      // Below the mark (PDF y grows upwards).
      expect(toMark[0]!.rect[1]!).toBeLessThan(toNote[0]!.rect[1]!);
      expect(text[page - 1], `note ${n} on page ${page}`).toContain(normalize(`${n}. ${note}`));
      markPages.add(page);
    });
    // The notes follow their marks over several pages; no list of notes is left after the text.
    expect(markPages.size).toBeGreaterThanOrEqual(2);
    expect(text.join(' ')).not.toContain('Notes 1.');
  });
});

describe("the analyst's footnotes are notes among the citations' notes", () => {
  // The same paragraphs as pandoc --citeproc reads them: one sequence of notes, a citation inside a
  // footnote printed in it (and "Ibid." counted from it), a footnote of two paragraphs.
  const style = 'chicago-note-bibliography-with-ibid';
  const body = [
    'A first claim [@arapov2025, p. 50].^[An aside of our own, citing [@bjola2015, p. 12] as well.]',
    '',
    'The book again [@bjola2015, p. 12], then the first work [@arapov2025, p. 50].',
    '',
    'A longer aside.[^long] And once more [@arapov2025, p. 50].',
    '',
    '[^long]: Its first paragraph.',
    '',
    '    Its second paragraph, with [@faizullaev2024, p. 3].',
  ].join('\n');
  let root: string;
  let ours: Document;
  let theirs: Document;
  beforeAll(async () => {
    root = await makeProject({ 'briefs/footnotes.yaml': styledBrief('Footnotes', style, { Text: body }) }, fixture);
    const result = await build({ root, ids: ['footnotes'], formats: ['html', 'pdf', 'docx'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    ours = new JSDOM(await readFile(join(root, 'out', 'footnotes', 'footnotes.html'), 'utf8')).window.document;
    const html = await runWithInput(
      'pandoc',
      ['--citeproc', '--bibliography', join(fixture, 'references.bib'), '--csl', join(styles, `${style}.csl`), '-f', 'markdown', '-t', 'html'],
      body,
    );
    theirs = new JSDOM(html).window.document;
  }, 120_000);
  afterAll(() => removeProject(root));

  it('numbers and words them as pandoc --citeproc does, in the HTML edition', () => {
    for (const mark of ours.querySelectorAll('a.note-ref')) mark.textContent = `[${mark.textContent}]`;
    for (const mark of theirs.querySelectorAll('a.footnote-ref')) mark.textContent = `[${mark.textContent}]`;
    const paragraphs = (document: Document, selector: string) => [...document.querySelectorAll(selector)].map((p) => normalize(p.textContent!));
    expect(paragraphs(ours, 'section.section > p')).toEqual(paragraphs(theirs, 'body > p'));
    const noteText = (li: Element) => normalize(li.textContent!.replace(/↩\uFE0E?/g, ''));
    const expected = [...theirs.querySelectorAll('section.footnotes li')].map(noteText);
    expect(expected).toHaveLength(6);
    expect([...ours.querySelectorAll('section.notes li')].map(noteText)).toEqual(expected);
    expect(expected[2]).toBe('Ibid.');
    // Each mark links to its note and back, the analyst's as the citations'.
    for (const mark of ours.querySelectorAll('a.note-ref')) {
      expect(ours.getElementById(mark.getAttribute('href')!.slice(1))?.querySelector('a.note-back')?.getAttribute('href')).toBe(`#${mark.id}`);
    }
    expect(ours.querySelector('section.footnotes, a.footnote-ref')).toBeNull();
  });

  it('the HTML edition with its notes has no serious or critical axe-core violation', async () => {
    const browser = await puppeteer.launch({ executablePath: await findChromium(), headless: true, args: ['--no-sandbox'] });
    try {
      const file = join(root, 'out', 'footnotes', 'footnotes.html');
      expect(seriousViolations(await axeViolations(browser, { file }))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints them at the foot of the page, and the Word file has six Word footnotes', async () => {
    const text = normalize(await pdfText(join(root, 'out', 'footnotes', 'footnotes.pdf')));
    expect(text).toContain('A first claim.12 The book again,3 then the first work.4 A longer aside.5 And once more.6');
    expect(text).toMatch(/2\. An aside of our own, citing \(Bjola and Holmes, Digital Diplomacy, 12\) as well\. ↩ 3\. Ibid\. ↩/);
    // A note of two paragraphs stays in the notes, whole.
    expect(text).toMatch(/5\. Its first paragraph\. Its second paragraph, with \(Faizullaev, Diplomacy and Self, 3\)\. ↩ 6\. Arapov/);
    const plain = await runWithInput('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(root, 'out', 'footnotes', 'footnotes.docx')], '');
    expect([...plain.matchAll(/^\[(\d+)\] /gm)].map((m) => m[1])).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(plain).toMatch(/^\[5\] Its first paragraph\.\n\nIts second paragraph, with \(Faizullaev, Diplomacy and Self, 3\)\.$/m);
    expect(plain).not.toMatch(/^Notes$/m);
    expect(plain).not.toContain('↩');
  });
});

describe('page notes print the same bytes', () => {
  it('built alone and in a batch (reused pages, documents side by side), and again', async () => {
    const style = 'chicago-note-bibliography-with-ibid';
    const ids = ['notes-a', 'notes-b', 'notes-c'];
    const root = await makeProject(Object.fromEntries(ids.map((id) => [`briefs/${id}.yaml`, spec(style)])), fixture);
    try {
      const pdf = (id: string) => readFile(join(root, 'out', id, `${id}.pdf`));
      expect((await build({ root, ids: ['notes-a'], formats: ['pdf'] })).documents).toHaveLength(1);
      const alone = await pdf('notes-a');
      expect((await build({ root, ids, formats: ['pdf'], force: true })).documents).toHaveLength(3);
      for (const id of ids) expect((await pdf(id)).equals(alone), id).toBe(true);
    } finally {
      await removeProject(root);
    }
  }, 120_000);
});

describe('Markdown cannot pass for a note', () => {
  it("a class, a link to a note or Paged.js's own attributes leave the text where it is, and the notes with their marks", async () => {
    const body = [
      'Cited once [@arapov2025, p. 50].',
      '',
      'A [floated span]{.page-note} and [a fake mark](#note-1){.note-ref} stay.',
      '',
      '[Kept as a call]{data-footnote-call=x} and [kept as a note]{data-note=footnote data-ref=x} stay too [@bjola2015].',
    ].join('\n');
    const root = await makeProject({ 'briefs/forged.yaml': styledBrief('Forged notes', 'chicago-note-bibliography', { Notes: body }) }, fixture);
    try {
      const result = await build({ root, ids: ['forged'], formats: ['pdf', 'docx'] });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const text = normalize(await pdfText(join(root, 'out', 'forged', 'forged.pdf')));
      expect(text).toContain('Cited once.1 A floated span and a fake mark stay. Kept as a call and kept as a note stay too.2');
      expect(text).toMatch(/1\. Arapov, “Digital Diplomacy of the Central Asian States,” 50\. ↩ 2\. Bjola and Holmes, Digital Diplomacy\. ↩$/);
      const links = await pdfLinkAreas(join(root, 'out', 'forged', 'forged.pdf'));
      expect(links.filter((l) => l.target === '/note-ref-1')).toHaveLength(1);
      const plain = await runWithInput('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(root, 'out', 'forged', 'forged.docx')], '');
      expect(normalize(plain)).toContain('Cited once.[1] A floated span and a fake mark stay.');
      expect([...plain.matchAll(/^\[(\d+)\] /gm)]).toHaveLength(2);
    } finally {
      await removeProject(root);
    }
  }, 120_000);
});

describe('a page that runs Paged.js runs nothing else', () => {
  // The resource policy refuses scripts long before the printer (tests/hostile); this is the line
  // behind it: HTML that carried a script anyway, printed straight through the printer.
  const hostile = [
    '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="../assets/brief.css">',
    '<script>document.documentElement.dataset.ran = "inline"; document.title = "RAN";</script>',
    '<script src="http://briefwright.invalid/assets/brief.css"></script>',
    '</head><body><main><section class="section"><p>A claim.<a class="note-ref" id="note-ref-1" href="#note-1" role="doc-noteref"><sup>1</sup></a></p>',
    '<p><img src="data:," onerror="document.body.insertAdjacentText(\'beforeend\', \'HANDLER RAN\')" alt=""></p>',
    '<p id="probe">untouched</p></section>',
    '<section class="notes"><ol><li id="note-1" value="1">The note. <a class="note-back" href="#note-ref-1">↩</a></li></ol></section></main>',
    '<script>document.getElementById("probe").textContent = "SCRIPT RAN";</script></body></html>',
  ].join('\n');

  it('inline scripts and handlers stay inert; the notes are still laid out; JavaScript is off again for the next document', async () => {
    const printer = await launchPrinter(await findChromium(), createAssetResolver([builtinTemplatesDir], fontPackagesDir()), { pages: 1 });
    const dir = await makeProject({}, fixture);
    try {
      const notes = await printer.print({ id: 'hostile', html: hostile, pageNotes: true });
      await writeFile(join(dir, 'notes.pdf'), notes.pdf);
      const text = normalize(await pdfText(join(dir, 'notes.pdf')));
      expect(text).toContain('untouched');
      expect(text).not.toMatch(/RAN/);
      expect(text).toMatch(/A claim\.1 .*1\. The note\. ↩$/);
      // The same page, reused for a document without notes: no script of any kind runs.
      const plain = await printer.print({ id: 'plain', html: hostile.replace(/<section class="notes">[\s\S]*?<\/section>/, '') });
      await writeFile(join(dir, 'plain.pdf'), plain.pdf);
      const plainText = normalize(await pdfText(join(dir, 'plain.pdf')));
      expect(plainText).toContain('untouched');
      expect(plainText).not.toMatch(/RAN/);
      expect(plain.blocked).toEqual([]);
    } finally {
      await printer.close();
      await removeProject(dir);
    }
  }, 60_000);
});

describe('one printer page, documents with and without page-foot notes in turn', () => {
  // A page that printed a document without script gets the next one as new content of the same
  // document (its fonts stay loaded); one that ran Paged.js navigates. Either way each document must
  // print as it does on its own.
  let root: string;
  let alone: string;
  afterAll(async () => {
    await removeProject(root);
    await rm(alone, { recursive: true, force: true });
  });

  it('prints each to the bytes it has when built alone', async () => {
    const body = (n: string) => `${n} claim [@arapov2025, p. 50], and another [@bjola2015, p. 12].`;
    root = await makeProject(
      {
        'briefs/a-first.yaml': styledBrief('First', 'apa', { Text: body('A first') }),
        'briefs/b-notes.yaml': styledBrief('Notes', 'chicago-note-bibliography', { Text: body('A noted') }),
        'briefs/c-after-notes.yaml': styledBrief('After the notes', 'apa', { Text: body('A third') }),
        'briefs/d-replaced.yaml': styledBrief('Replaced', 'apa', { Text: body('A fourth') }),
      },
      fixture,
    );
    const ids = ['a-first', 'b-notes', 'c-after-notes', 'd-replaced'];
    const batch = await build({ root, ids, formats: ['pdf'], concurrency: 1, force: true });
    expect(batch.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    alone = await mkdtemp(join(tmpdir(), 'briefwright-alone-'));
    for (const id of ids) {
      const single = await build({ root, ids: [id], formats: ['pdf'], outDir: alone, force: true });
      expect(single.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const [batchPdf, alonePdf] = await Promise.all([readFile(join(root, 'out', id, `${id}.pdf`)), readFile(join(alone, id, `${id}.pdf`))]);
      expect(Buffer.compare(batchPdf, alonePdf), id).toBe(0);
    }
    expect((await pdfText(join(root, 'out', 'd-replaced', 'd-replaced.pdf'))).replace(/\s+/g, ' ')).toContain('A fourth claim');
  }, 180_000);
});
