import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { plugins } from '@citation-js/core';
import { parseBibtex as parseCsl, type CslItem } from '../../src/cite/citation-js.ts';
import { formatBibtex } from '../../src/bib/format-bibtex.ts';
import { entries, parseBibtex } from '../../src/bib/parse-bibtex.ts';
import { libraryDifferences } from '../../src/bib/same-library.ts';
import { repoRoot } from '../support/project.ts';

const fixtures = new URL('../fixtures/bib/', import.meta.url).pathname;
const libraries = {
  'references.bib': `${repoRoot}references.bib`,
  'tests/fixtures/bib/messy.bib': `${fixtures}messy.bib`,
  // A public library with % comments between entries: biblatex's own examples (see tests/fixtures/bib/README.md).
  'tests/fixtures/bib/biblatex-examples.bib': `${fixtures}biblatex-examples.bib`,
};

// citation-js's own reader stops at the biblatex examples (a syntax error in its grammar): they are compared by our reader only.
const { 'tests/fixtures/bib/biblatex-examples.bib': _, ...readable } = libraries;

function fmt(text: string): string {
  const parsed = parseBibtex(text);
  expect(parsed.errors).toEqual([]);
  return formatBibtex(parsed);
}

/**
 * CSL items as citation-js reads them with its own BibTeX reader, in key order: an oracle independent of
 * src/bib/parse-bibtex.ts, the reader the briefs are built from.
 */
function cslItems(text: string) {
  const items = plugins.input.chain(text, { forceType: '@biblatex/text', generateGraph: false }) as CslItem[];
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe('one BibTeX reader', () => {
  for (const [name, path] of Object.entries({ ...readable, 'tests/fixtures/citations/references.bib': new URL('../fixtures/citations/references.bib', import.meta.url).pathname })) {
    it(`gives the briefs the CSL items citation-js's own reader gives for ${name}`, async () => {
      const text = await readFile(path, 'utf8');
      const sorted = (items: CslItem[]) => items.map((item) => JSON.stringify(item)).sort();
      expect(sorted(parseCsl(text))).toEqual(sorted(cslItems(text)));
    });
  }
});

describe('brief bib fmt', () => {
  for (const [name, path] of Object.entries(libraries)) {
    it(`is idempotent and lossless on ${name}`, async () => {
      const text = await readFile(path, 'utf8');
      const once = fmt(text);
      expect(fmt(once)).toBe(once);
      // Lossless, compared as parsed values: citation-js's CSL items are the same, and so is every
      // field of every entry (macros expanded) and every @string, @preamble and comment.
      if (name in readable) expect(cslItems(once)).toEqual(cslItems(text));
      expect(libraryDifferences(text, once)).toEqual([]);
      const fields = (t: string) => entries(parseBibtex(t)).flatMap((e) => e.fields.map((f) => `${e.key}.${f.name.toLowerCase()}`)).sort();
      expect(fields(once)).toEqual(fields(text));
    });
  }

  it('keeps the % comments of the biblatex examples where they are, before the entry they are about', async () => {
    const text = await readFile(libraries['tests/fixtures/bib/biblatex-examples.bib'], 'utf8');
    const comment = "% booktitle and booksubtitle are only needed for BibTeX's less sophisticated";
    expect(text).toContain(`${comment}\n% inheritance set-up to make sure westfahl:space shows correctly.\n% With Biber they are not needed.\n@collection{westfahl:frontier,`);
    const once = fmt(text);
    expect(once).toContain(`${comment}\n% inheritance set-up to make sure westfahl:space shows correctly.\n% With Biber they are not needed.\n\n@collection{westfahl:frontier,`);
    // Sorted by key before the comment and after the entry it is about.
    const keys = (t: string) => entries(parseBibtex(t)).map((e) => e.key);
    const at = keys(once).indexOf('westfahl:frontier');
    const sorted = (list: string[]) => [...list].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    expect(keys(once).slice(0, at)).toEqual(sorted(keys(text).slice(0, keys(text).indexOf('westfahl:frontier'))));
    expect(keys(once).slice(at + 1)).toEqual(sorted(keys(text).slice(keys(text).indexOf('westfahl:frontier') + 1)));
  });

  it('keeps comments between entries as the heads of their sections: the entry after a comment stays, the others are sorted', () => {
    const text = [
      '% Library of X',
      '@book{b2020x, title = {B}}',
      '@book{a2020x, title = {A}}',
      '',
      '% ---- Reports ----',
      '% numbered by the institute',
      '@report{z2019r, title = {Z}}',
      '@report{m2019r, title = {M}}',
      '@string{p = {Press}}',
      '@report{c2019r, title = {C}, publisher = p}',
      '@comment{JabRef meta}',
    ].join('\n');
    const once = fmt(text);
    expect(once).toBe(
      [
        '% Library of X',
        '@string{p = {Press}}',
        '@book{a2020x,\n  title = {A}\n}',
        '@book{b2020x,\n  title = {B}\n}',
        '% ---- Reports ----\n% numbered by the institute',
        '@report{z2019r,\n  title = {Z}\n}',
        '@report{c2019r,\n  title = {C},\n  publisher = p\n}',
        '@report{m2019r,\n  title = {M}\n}',
        '@comment{JabRef meta}\n',
      ].join('\n\n'),
    );
    expect(fmt(once)).toBe(once);
    expect(libraryDifferences(text, once)).toEqual([]);
    // A comment that moves to other entries is a change of meaning.
    expect(libraryDifferences(text, once.replace('% ---- Reports ----\n% numbered by the institute\n\n', '').replace('% Library of X', '% Library of X\n\n% ---- Reports ----\n% numbered by the institute'))).toEqual([
      '- comment "% Library of X" above the entries',
      '- comment "% ---- Reports ---- % numbered by the institute" before z2019r and {c2019r, m2019r}',
      '+ comment "% Library of X % ---- Reports ---- % numbered by the institute" above the entries',
    ]);
  });

  it('keeps references.bib in the canonical form', async () => {
    const text = await readFile(libraries['references.bib'], 'utf8');
    expect(fmt(text)).toBe(text);
  });

  it('reads the messy library completely: every entry, CRLF lines, Cyrillic, accents and macros', async () => {
    const text = await readFile(libraries['tests/fixtures/bib/messy.bib'], 'utf8');
    expect(text).toContain('\r\n');
    const parsed = parseBibtex(text);
    expect(parsed.errors).toEqual([]);
    expect(entries(parsed).length).toBeGreaterThanOrEqual(100);
    expect(parsed.blocks.filter((b) => b.kind === 'string').map((b) => b.kind === 'string' && b.name)).toEqual(['ACM', 'routledge', 'cup', 'dd', 'oup']);
    const tsvetkova = entries(parsed).find((e) => e.key === 'tsvetkova2015tsifrovaya')!;
    expect(tsvetkova.fields[1]).toMatchObject({ name: 'title', value: { parts: [{ kind: 'braced', text: 'Цифровая дипломатия США: теория и практика' }] } });
    const items = new Map(parseCsl(fmt(text)).map((item) => [item.id, item]));
    expect(items.get('sahin2019dijital')).toMatchObject({ author: [{ family: 'Şahin', given: 'Mehmet' }, { family: 'Demircioğlu', given: 'Ayşe' }] });
    expect(items.get('holmes2015digital')).toMatchObject({ title: 'Digital Diplomacy: Theory and Practice', publisher: 'Routledge' });
  });

  it('writes the canonical form: field order, braces, indentation, @string on top, entries by key', () => {
    const messy = [
      '@Comment{A comment}',
      '@INCOLLECTION(zeta2020chapter,',
      '\tPages = "1-2",  editor={Ed, Ed}, Title = "{{Protected}} Chapter",',
      '\tbooktitle = pub # " Book", Author = {Z, Zed}, YEAR = 2020, keywords = {b}, abstract = {a})',
      '',
      '@string{pub = "Big"}',
      '@article{alpha2020first, title={First}, author = {A, Al}, journal = {J}, date = {2020}, note = {N}, doi = {10.1/x}, url={https://x.org}}',
      '',
    ].join('\r\n');
    expect(fmt(messy)).toBe(
      [
        '@comment{A comment}',
        '',
        '@string{pub = {Big}}',
        '',
        '@article{alpha2020first,',
        '  author = {A, Al},',
        '  title = {First},',
        '  journal = {J},',
        '  date = {2020},',
        '  doi = {10.1/x},',
        '  url = {https://x.org},',
        '  note = {N}',
        '}',
        '',
        '@incollection{zeta2020chapter,',
        '  author = {Z, Zed},',
        '  title = {{{Protected}} Chapter},',
        '  booktitle = pub # { Book},',
        '  editor = {Ed, Ed},',
        '  pages = {1-2},',
        '  year = {2020},',
        '  abstract = {a},',
        '  keywords = {b}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps two entries with one key, and text outside entries, instead of dropping them', () => {
    const text = '% kept\n@misc{b, title={2}}\n@misc{a, title={1}}\n@misc{b, title={3}}\n';
    expect(fmt(text)).toBe('% kept\n\n@misc{a,\n  title = {1}\n}\n\n@misc{b,\n  title = {2}\n}\n\n@misc{b,\n  title = {3}\n}\n');
  });
});
