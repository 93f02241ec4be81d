/**
 * The oracle: the same Markdown (every pandoc citation form, tests/fixtures/citations/citation-forms.md),
 * the same .bib and the same .csl through Briefwright and through `pandoc --citeproc` 2.17, for the five
 * styles Briefwright promises. In-text citations are compared paragraph by paragraph and bibliographies
 * entry by entry, after normalising only whitespace and markup. Every other difference is listed in
 * `knownDifferences` with its cause, as the exact text on each side: the test fails on any new
 * difference, and on a listed one that no longer occurs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { defaultCslDirs } from '../../src/cite/csl-files.ts';
import { removeProject } from '../support/project.ts';
import { citationsFixture, makeCitationsProject, runWithInput, testedStyles } from './support.ts';

const nocite = 'hanson2012baked';

/**
 * pandoc reads locator labels in the document locale only, so the Russian document uses Russian
 * labels (Briefwright reads them too, and English ones besides: see the last test).
 */
const russianLabels = (markdown: string) =>
  markdown
    .replace(/\bpp\. /g, 'сс. ')
    .replace(/\bp\. /g, 'с. ')
    .replace(/\bch\. /g, 'гл. ')
    .replace(/\bsec\. /g, 'разд. ')
    .replace(/\bpara\. /g, 'п. ')
    .replace(/\bchapter /g, 'глава ');

interface KnownDifference {
  style: string;
  /** The paragraph (F01…) of citation-forms.md. */
  form: string;
  pandoc: string;
  ours: string;
  why: string;
}

const labelCh =
  'pandoc 2.17 takes locator labels from the CSL locale (plus the style’s own terms), which for en-US/en-GB has "chap." but not "ch.", so it prints ", ch. 2" as text; and it leaves the order of a cluster whose cites carry free text as written. Briefwright reads "ch." as chapter (as pandoc’s manual lists it), so the style formats the label and sorts the cluster.';

const gostLabels =
  'GOST R 7.0.5 prints every locator after ", с. " (page), whatever its label: pandoc 2.17 follows the style, so a chapter, section or paragraph reads as a page. Briefwright gives a locator other than a page to such a style as text with the locale’s own label (src/cite/citation-engine.ts, labelledAsText).';

const knownDifferences: KnownDifference[] = [
  {
    style: 'apa',
    form: 'F03',
    pandoc: 'F03 prefix and two works (see Manor, 2019b, ch. 2; Demircioğlu, 2024).',
    ours: 'F03 prefix and two works (Demircioğlu, 2024; see Manor, 2019b, Chapter 2).',
    why: labelCh,
  },
  {
    style: 'chicago-author-date',
    form: 'F03',
    pandoc: 'F03 prefix and two works (see Manor 2019b, ch. 2; Demircioğlu 2024).',
    ours: 'F03 prefix and two works (see Manor 2019b, chap. 2; Demircioğlu 2024).',
    why: labelCh,
  },
  {
    style: 'harvard-cite-them-right',
    form: 'F03',
    pandoc: 'F03 prefix and two works (see Manor, 2019b, ch. 2; Demircioğlu, 2024).',
    ours: 'F03 prefix and two works (see Manor, 2019b, chap. 2; Demircioğlu, 2024).',
    why: labelCh,
  },
  {
    style: 'chicago-author-date',
    form: 'F10',
    pandoc: 'F10 same author and year (Manor 2019b, 2019a).',
    ours: 'F10 same author and year (Manor 2019b; 2019a).',
    why: 'citeproc-js: when a style sets after-collapse-delimiter (chicago-author-date: "; "), years collapsed under one author are joined with the layout delimiter instead of the cite-group delimiter (", ").',
  },
  {
    style: 'harvard-cite-them-right',
    form: 'F16',
    pandoc: 'F16 same family name (J. Smith, 2020; A. Smith, 2020, chap. 3).',
    ours: 'F16 same family name (A. Smith, 2020, chap. 3; J. Smith, 2020).',
    why: 'The style sorts cites by year only; on a tie citeproc-js falls back to bibliography order, pandoc keeps the written order.',
  },
  {
    style: 'ieee',
    form: 'F05',
    pandoc: 'F05 in-text [5] argues.',
    ours: 'F05 in-text Cull et al. [5] argues.',
    why: 'In-text citations (@key) in a numeric style: pandoc 2.17 prints the number alone, Briefwright the authors’ names, then the number, so the sentence still reads.',
  },
  {
    style: 'ieee',
    form: 'F06',
    pandoc: 'F06 in-text with locator [3, p. 33] argues.',
    ours: 'F06 in-text with locator Demircioğlu [3, p. 33] argues.',
    why: 'As F05.',
  },
  {
    style: 'gost-r-7-0-5-2008',
    form: 'F03',
    pandoc: 'F03 prefix and two works [Demircioğlu, 2024; see Manor, 2019a, с. 2].',
    ours: 'F03 prefix and two works [Demircioğlu, 2024; see Manor, 2019a, гл. 2].',
    why: gostLabels,
  },
  {
    style: 'gost-r-7-0-5-2008',
    form: 'F07',
    pandoc: 'F07 page range and section [Bjola, Holmes, 2015, с. 12–14; Manor, 2019b, с. 3].',
    ours: 'F07 page range and section [Bjola, Holmes, 2015, с. 12–14; Manor, 2019b, разд. 3].',
    why: gostLabels,
  },
  {
    style: 'gost-r-7-0-5-2008',
    form: 'F08',
    pandoc: 'F08 paragraph and suffix [Cull и др., 2020, с. 4, emphasis added].',
    ours: 'F08 paragraph and suffix [Cull и др., 2020, п. 4, emphasis added].',
    why: gostLabels,
  },
  {
    style: 'gost-r-7-0-5-2008',
    form: 'F16',
    pandoc: 'F16 same family name [Smith, 2020a, с. 3; Smith, 2020b].',
    ours: 'F16 same family name [Smith, 2020a, гл. 3; Smith, 2020b].',
    why: gostLabels,
  },
  {
    style: 'gost-r-7-0-5-2008',
    form: 'F09',
    pandoc: 'F09 organization and Russian book [Ministry of Foreign Affairs of Uzbekistan, 2023; Иванов, 2021, с. 5].',
    ours: 'F09 organization and Russian book [Иванов, 2021, с. 5; Ministry of Foreign Affairs of Uzbekistan, 2023].',
    why: 'Sorting: citeproc-js compares with the Russian collation (Intl.Collator ru-RU), which puts Cyrillic before Latin, as GOST lists do; pandoc 2.17 sorts Latin first. The bibliography differs the same way (see cyrillicFirst).',
  },
];

/**
 * GOST R 7.0.5 gives a work in a Latin-script language that language's abbreviations ("P.", "Vol.",
 * "et al.", "ed. by"), where the CSL style, and so pandoc, prints Russian ones (src/cite/gost-entries.ts;
 * docs/citation-engine-differences.md).
 */
const latinAbbreviations = (entry: string) =>
  /\p{Script=Cyrillic}/u.test(entry.replace(/(С|Т)\. |и др\.|под ред\.|Электронный ресурс|дата обращения/g, ''))
    ? entry
    : entry.replace(/([.,] )С\. (?=\d)/g, '$1P. ').replace(/([.,] )Т\. (?=\d)/g, '$1Vol. ').replace(/ и др\./g, ' et al.').replace(/\/ под ред\. /g, '/ ed. by ');

/** Pandoc's GOST bibliography in the order of the Russian collation: Cyrillic entries first, renumbered. */
function cyrillicFirst(entries: string[]): string[] {
  const bare = entries.map((e) => latinAbbreviations(e.replace(/^\d+\. /, '')));
  const sorted = [...bare.filter((e) => /^\p{Script=Cyrillic}/u.test(e)), ...bare.filter((e) => !/^\p{Script=Cyrillic}/u.test(e))];
  return sorted.map((e, i) => `${i + 1}. ${e}`);
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Citation paragraphs and bibliography entries of a built HTML document, as plain text. */
function ourText(html: string): { paragraphs: string[]; bibliography: string[] } {
  // Bibliography entries of numeric styles are two blocks (number, text): keep a space between them.
  // (The page style's margin boxes are beyond jsdom's CSS parser: leave the <style> out.)
  const body = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<\/div>\s*<div/g, '</div> <div');
  const document = new JSDOM(body).window.document;
  return {
    paragraphs: [...document.querySelectorAll('section.section p')].map((p) => normalize(p.textContent!)),
    bibliography: [...document.querySelectorAll('.references .csl-entry')].map((e) => normalize(e.textContent!)),
  };
}

async function pandocText(markdown: string, style: string, lang: string, paragraphs: number) {
  const front = `---\nnocite: "@${nocite}"\n${lang === 'ru' ? 'lang: ru-RU\n' : ''}---\n\n`;
  const output = await runWithInput(
    'pandoc',
    ['--citeproc', '--bibliography', join(citationsFixture, 'references.bib'), '--csl', join(defaultCslDirs.styles, `${style}.csl`), '-t', 'plain', '--wrap=none'],
    front + markdown,
  );
  const blocks = output.trim().split(/\n\s*\n/).map(normalize);
  return { paragraphs: blocks.slice(0, paragraphs), bibliography: blocks.slice(paragraphs) };
}

describe('citations and bibliographies agree with pandoc --citeproc', () => {
  let root: string;
  let markdown: string;
  const ours = new Map<string, { paragraphs: string[]; bibliography: string[] }>();

  beforeAll(async () => {
    markdown = await readFile(join(citationsFixture, 'citation-forms.md'), 'utf8');
    const briefs: Record<string, string> = {};
    const brief = (style: string, lang: string, body: string) =>
      [
        'kind: brief',
        `title: Every citation form in ${style}`,
        'date: 2025-03-01',
        `lang: ${lang}`,
        'countries: [UZ]',
        `style: ${style}`,
        `nocite: [${nocite}]`,
        'sections:',
        '  - heading: Forms',
        '    body: |',
        ...body.trimEnd().split('\n').map((line) => (line ? `      ${line}` : '')),
        '',
      ].join('\n');
    for (const { style, lang } of testedStyles) briefs[`briefs/oracle-${style}.yaml`] = brief(style, lang, lang === 'ru' ? russianLabels(markdown) : markdown);
    briefs['briefs/oracle-gost-english-labels.yaml'] = brief('gost-r-7-0-5-2008', 'ru', markdown);
    root = await makeCitationsProject(briefs);
    const ids = Object.keys(briefs).map((path) => path.slice('briefs/'.length, -'.yaml'.length));
    const result = await build({ root, ids, formats: ['html'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const id of ids) {
      ours.set(id, ourText(await readFile(join(root, 'out', id, `${id}.html`), 'utf8')));
    }
  }, 120_000);
  afterAll(() => removeProject(root));

  it('the fixture uses every form of the pandoc citation syntax', () => {
    for (const form of ['[@', ', p. ', ', pp. ', ', ch. ', ', sec. ', ', para. ', '[see @', '; @', '[-@', ' -@', '{pp. ']) expect(markdown).toContain(form);
    expect(markdown).toMatch(/ @\w+ argues/); // in-text
    expect(markdown).toMatch(/ @\w+ \[p\. 33\]/); // in-text with locator
  });

  describe.each(testedStyles)('$style', ({ style, lang }) => {
    let theirs: { paragraphs: string[]; bibliography: string[] };
    let mine: { paragraphs: string[]; bibliography: string[] };
    beforeAll(async () => {
      mine = ours.get(`oracle-${style}`)!;
      theirs = await pandocText(lang === 'ru' ? russianLabels(markdown) : markdown, style, lang, mine.paragraphs.length);
    });

    it('in-text citations', () => {
      expect(mine.paragraphs).toHaveLength(markdown.trim().split(/\n\s*\n/).length);
      const expected = theirs.paragraphs.map((pandoc, i) => {
        const form = `F${String(i + 1).padStart(2, '0')}`;
        const known = knownDifferences.find((d) => d.style === style && d.form === form);
        if (!known) return pandoc;
        expect(pandoc, `pandoc no longer differs on ${style} ${form}; drop it from knownDifferences`).toBe(known.pandoc);
        return known.ours;
      });
      expect(mine.paragraphs).toEqual(expected);
    });

    it('bibliography', () => {
      expect(mine.bibliography).toEqual(style.startsWith('gost') ? cyrillicFirst(theirs.bibliography) : theirs.bibliography);
      expect(mine.bibliography.join('\n')).toContain('Hanson'); // the nocite entry
      if (style.startsWith('gost')) expect(cyrillicFirst(theirs.bibliography)).not.toEqual(theirs.bibliography);
    });
  });

  it('a Russian document reads English locator labels (p., ch., sec., para.) as its own', () => {
    expect(ours.get('oracle-gost-english-labels')).toEqual(ours.get('oracle-gost-r-7-0-5-2008'));
  });
});
