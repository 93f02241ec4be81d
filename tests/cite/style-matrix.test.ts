/**
 * The style matrix: a fixture of its own (tests/fixtures/style-matrix: one library, one paragraph per
 * case) rendered in ten styles by Briefwright and by `pandoc --citeproc`. Paragraphs, notes and
 * bibliography entries are compared one by one after normalising whitespace; every difference must be
 * listed, with its reason, in the table of docs/citation-engine-differences.md (the test reads the
 * table). It fails on a difference the table does not list, and on a listed one that no longer occurs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { defaultCslDirs } from '../../src/cite/csl-files.ts';
import { makeProject, removeProject, repoRoot } from '../support/project.ts';
import { runWithInput } from './support.ts';

const fixture = new URL('../fixtures/style-matrix/', import.meta.url).pathname;

export const matrixStyles = [
  { style: 'apa', lang: 'en' },
  { style: 'chicago-author-date', lang: 'en' },
  { style: 'chicago-note-bibliography', lang: 'en' },
  { style: 'harvard-cite-them-right', lang: 'en' },
  { style: 'ieee', lang: 'en' },
  { style: 'modern-language-association', lang: 'en' },
  { style: 'nature', lang: 'en' },
  { style: 'vancouver', lang: 'en' },
  { style: 'gost-r-7-0-5-2008-numeric', lang: 'ru' },
  { style: 'gost-r-7-0-5-2008', lang: 'ru' },
] as const;

interface Rendering {
  paragraphs: string[];
  notes: string[];
  bibliography: string[];
}

export interface KnownDifference {
  style: string;
  /** M01… for a paragraph, N1… for a note, B: for a bibliography entry. */
  place: string;
  pandoc: string;
  briefwright: string;
  why: string;
}

const cell = (text: string) => text.trim().replace(/^`(.*)`$/, '$1').replace(/\\\|/g, '|');

/** The rows of the table in docs/citation-engine-differences.md. */
export async function knownDifferences(): Promise<KnownDifference[]> {
  const doc = await readFile(join(repoRoot, 'docs/citation-engine-differences.md'), 'utf8');
  const rows = doc.split('\n').filter((line) => /^\|\s*`?[a-z]/.test(line) && !/^\|\s*style\s*\|/.test(line));
  return rows.map((row) => {
    const cells = row.slice(1, -1).split(/(?<!\\)\|/).map(cell);
    const [style, place, pandoc, briefwright, why] = cells as [string, string, string, string, string];
    return { style, place, pandoc, briefwright, why };
  });
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Paragraphs (note references as "[N]"), notes ("[N] text") and bibliography entries of a built HTML document. */
function ourText(html: string): Rendering {
  const body = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<\/div>\s*<div/g, '</div> <div');
  const document = new JSDOM(body).window.document;
  for (const ref of document.querySelectorAll('a.note-ref')) ref.textContent = `[${ref.textContent}]`;
  for (const back of document.querySelectorAll('.notes a.note-back')) back.remove();
  // pandoc's plain text writes a superscript as ^(…) (or in superscript digits: see pandocText).
  for (const sup of document.querySelectorAll('section.section sup')) sup.textContent = `^(${sup.textContent})`;
  return {
    paragraphs: [...document.querySelectorAll('section.section p')].map((p) => normalize(p.textContent!)),
    notes: [...document.querySelectorAll('.notes li')].map((li) => normalize(`[${li.getAttribute('value') ?? ''}] ${li.textContent}`)),
    bibliography: [...document.querySelectorAll('.references .csl-entry')].map((e) => normalize(e.textContent!)),
  };
}

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const plainSuperscript = (text: string) =>
  text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (digits) => `^(${[...digits].map((d) => superscripts.indexOf(d)).join('')})`);

async function pandocText(markdown: string, style: string, lang: string, paragraphs: number, note: boolean): Promise<Rendering> {
  const front = lang === 'ru' ? '---\nlang: ru-RU\n---\n\n' : '';
  const output = await runWithInput(
    'pandoc',
    ['--citeproc', '--bibliography', join(fixture, 'references.bib'), '--csl', join(defaultCslDirs.styles, `${style}.csl`), '-t', 'plain', '--wrap=none'],
    front + markdown,
  );
  const blocks = output
    .trim()
    .split(/\n\s*\n/)
    .map(normalize)
    .filter((b) => !/^-+$/.test(b));
  const rest = blocks.slice(paragraphs);
  // In a note style the notes follow the bibliography, as "[N] text"; a numeric bibliography may look the same.
  const isNote = (b: string) => note && /^\[\d+\] /.test(b);
  return { paragraphs: blocks.slice(0, paragraphs).map(plainSuperscript), notes: rest.filter(isNote), bibliography: rest.filter((b) => !isNote(b)) };
}

/** The fixture's Markdown with Russian locator labels, which pandoc reads only in the document's locale. */
const russianLabels = (markdown: string) => markdown.replace(/\bp\. /g, 'с. ').replace(/\bsec\. /g, 'разд. ').replace(/\bpara\. /g, 'п. ');

/** Pairs two renderings place by place: where they differ, both texts. */
export function differences(style: string, ours: Rendering, theirs: Rendering): KnownDifference[] {
  const found: KnownDifference[] = [];
  const compare = (kind: string, mine: string[], pandoc: string[], placeOf: (text: string, i: number) => string) => {
    const count = Math.max(mine.length, pandoc.length);
    for (let i = 0; i < count; i++) {
      const a = mine[i] ?? '';
      const b = pandoc[i] ?? '';
      if (a !== b) found.push({ style, place: placeOf(b || a, i), pandoc: b, briefwright: a, why: kind });
    }
  };
  compare('paragraph', ours.paragraphs, theirs.paragraphs, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
  compare('note', ours.notes, theirs.notes, (_, i) => `N${i + 1}`);
  // Bibliography entries are paired by their first word (the author or title), as their order may differ.
  const key = (entry: string) => normalize(entry.replace(/^\[?\d+\]?\.? /, '')).split(/[ ,.]/)[0]!;
  const theirsByKey = new Map(theirs.bibliography.map((e) => [key(e), e]));
  const oursByKey = new Map(ours.bibliography.map((e) => [key(e), e]));
  for (const k of new Set([...theirsByKey.keys(), ...oursByKey.keys()])) {
    const a = oursByKey.get(k) ?? '';
    const b = theirsByKey.get(k) ?? '';
    if (a !== b) found.push({ style, place: `B:${k}`, pandoc: b, briefwright: a, why: 'bibliography' });
  }
  if (ours.bibliography.length === theirs.bibliography.length) {
    const order = (list: string[]) => list.map(key).join(' ');
    if (order(ours.bibliography) !== order(theirs.bibliography)) {
      found.push({ style, place: 'B:order', pandoc: order(theirs.bibliography), briefwright: order(ours.bibliography), why: 'order' });
    }
  }
  return found;
}

describe('the style matrix agrees with pandoc --citeproc, but for the documented engine differences', () => {
  let root: string;
  let markdown: string;
  let known: KnownDifference[];
  const ours = new Map<string, Rendering>();

  beforeAll(async () => {
    markdown = await readFile(join(fixture, 'citations.md'), 'utf8');
    known = await knownDifferences();
    const briefs: Record<string, string> = {};
    for (const { style, lang } of matrixStyles) {
      const body = lang === 'ru' ? russianLabels(markdown) : markdown;
      briefs[`briefs/matrix-${style}.yaml`] = [
        'kind: brief',
        `title: The style matrix in ${style}`,
        'date: 2025-03-01',
        `lang: ${lang}`,
        'countries: [UZ]',
        `style: ${style}`,
        'sections:',
        '  - heading: Cases',
        '    body: |',
        ...body.trimEnd().split('\n').map((line) => (line ? `      ${line}` : '')),
        '',
      ].join('\n');
    }
    root = await makeProject(briefs, fixture);
    const ids = matrixStyles.map(({ style }) => `matrix-${style}`);
    const result = await build({ root, ids, formats: ['html'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const id of ids) ours.set(id, ourText(await readFile(join(root, 'out', id, `${id}.html`), 'utf8')));
  }, 180_000);
  afterAll(() => removeProject(root));

  it('every row of the table names a tested style and gives a reason', () => {
    expect(known.length).toBeGreaterThan(0);
    for (const row of known) {
      expect(matrixStyles.map((s) => s.style), JSON.stringify(row)).toContain(row.style);
      expect(row.why.length, JSON.stringify(row)).toBeGreaterThan(20);
    }
  });

  describe.each(matrixStyles)('$style', ({ style, lang }) => {
    it('differs from pandoc only as documented', async () => {
      const mine = ours.get(`matrix-${style}`)!;
      const xml = await readFile(join(defaultCslDirs.styles, `${style}.csl`), 'utf8');
      const theirs = await pandocText(lang === 'ru' ? russianLabels(markdown) : markdown, style, lang, mine.paragraphs.length, /class="note"/.test(xml));
      expect(mine.paragraphs.length).toBe(markdown.trim().split(/\n\s*\n/).length);
      const found = differences(style, mine, theirs).map(({ place, pandoc, briefwright }) => ({ place, pandoc, briefwright }));
      if (process.env.MATRIX_DUMP) await (await import('node:fs/promises')).appendFile(process.env.MATRIX_DUMP, found.map((f) => `| ${style} | ${f.place} | ${f.pandoc} | ${f.briefwright} | |\n`).join(''));
      const listed = known.filter((row) => row.style === style).map(({ place, pandoc, briefwright }) => ({ place, pandoc, briefwright }));
      expect(found).toEqual(listed);
    });
  });
});
