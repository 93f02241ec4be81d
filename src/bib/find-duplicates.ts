import { distance } from 'fastest-levenshtein';
import { familyName, foldText, splitNames } from './fold-text.js';
import { partTypes } from './format-bibtex.js';
import { entries, fieldValues, stringMacros, type BibEntry, type ParsedBibtex } from './parse-bibtex.js';

export interface Duplicate {
  /** The entry met first in the file. */
  first: BibEntry;
  second: BibEntry;
  kind: 'key' | 'doi' | 'similar';
  /** Why, as a clause: `same DOI 10.1/x`. */
  reason: string;
  /** False for one key given to two different works: those need a new key, not a merge. */
  mergeable: boolean;
}

/** A DOI without a URL or `doi:` prefix and without spaces, its case kept. */
export function bareDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/\s+/g, '');
}

/** A DOI as a comparable identifier (DOIs are case-insensitive). */
export function normalizeDoi(doi: string): string {
  return bareDoi(doi).toLowerCase();
}

interface Facts {
  entry: BibEntry;
  type: string;
  fields: Map<string, string>;
  doi?: string;
  family?: string;
  year?: string;
  title: string;
  /** The folded title before its first colon (without the subtitle). */
  main: string;
  /** For a part (chapter, paper in proceedings), the folded title of the book it is in. */
  book: string;
}

/**
 * Entries that are probably one work, judged the way bibtex-tidy and JabRef do:
 * - the same key (BibTeX keys are case-insensitive);
 * - the same DOI after normalisation, except a chapter that carries its book's DOI: a part
 *   (`@incollection`, `@inproceedings`, …) whose `booktitle` is the other entry's title, or two parts
 *   of the same book with different titles;
 * - the same first-author family name (editor when there is no author) and year, with titles equal
 *   once LaTeX, case, accents and punctuation are set aside (bibtex-tidy), one title the other's main
 *   title (before a colon), or titles within a 10 % edit distance whose differing words are misspellings
 *   of one another rather than other words (JabRef's word-by-word similarity). Like JabRef, entries with
 *   different DOIs, editions, numbers or pages are different works, and so are a part and a whole.
 */
export function findDuplicates(parsed: Pick<ParsedBibtex, 'blocks'>): Duplicate[] {
  const strings = stringMacros(parsed);
  const list = entries(parsed);
  const titles = new Map(list.map((entry) => [entry.key, fieldValues(entry, strings).get('title') ?? '']));
  const facts = list.map((entry): Facts => {
    const fields = fieldValues(entry, strings);
    const names = fields.get('author') ?? fields.get('editor');
    const first = names ? splitNames(names)[0] : undefined;
    const family = first && first.toLowerCase() !== 'others' ? foldText(familyName(first)) : undefined;
    const doi = fields.get('doi') ? normalizeDoi(fields.get('doi')!) : undefined;
    const year = /[0-9]{4}/.exec(fields.get('date') ?? fields.get('year') ?? '')?.[0];
    const title = fields.get('title') ?? '';
    // A part's book: its booktitle, or the title of the entry it inherits from through crossref.
    const book = fields.get('booktitle') ?? titles.get((fields.get('crossref') ?? '').trim()) ?? '';
    return {
      entry,
      type: entry.type.toLowerCase(),
      fields,
      doi: doi || undefined,
      family: family || undefined,
      year,
      title: foldText(title),
      main: foldText(title.split(':')[0]!),
      book: foldText(book),
    };
  });

  const found: Duplicate[] = [];
  const paired = new Set<string>();
  const add = (a: Facts, b: Facts, kind: Duplicate['kind'], reason: string, mergeable = true) => {
    const id = `${facts.indexOf(a)}/${facts.indexOf(b)}`;
    if (paired.has(id)) return;
    paired.add(id);
    found.push({ first: a.entry, second: b.entry, kind, reason, mergeable });
  };

  const byKey = new Map<string, Facts>();
  const byDoi = new Map<string, Facts[]>();
  const byAuthorYear = new Map<string, Facts[]>();
  for (const b of facts) {
    const sameKey = byKey.get(b.entry.key.toLowerCase());
    if (sameKey) add(sameKey, b, 'key', `same key "${b.entry.key}"`, sameKey.title === b.title || sameWork(sameKey, b));
    else byKey.set(b.entry.key.toLowerCase(), b);

    if (b.doi) {
      const a = (byDoi.get(b.doi) ?? []).find((other) => !chapterOfSameBook(other, b));
      if (a) add(a, b, 'doi', `same DOI ${b.doi}`);
      byDoi.set(b.doi, [...(byDoi.get(b.doi) ?? []), b]);
    }

    if (b.family && b.title) {
      const group = `${b.family}\u0000${b.year ?? 'nd'}`;
      const a = (byAuthorYear.get(group) ?? []).find((other) => sameWork(other, b));
      if (a) add(a, b, 'similar', 'same first author, year and a similar title');
      byAuthorYear.set(group, [...(byAuthorYear.get(group) ?? []), b]);
    }
  }
  return found;
}

function chapterOfSameBook(a: Facts, b: Facts): boolean {
  const aPart = partTypes.has(a.type);
  const bPart = partTypes.has(b.type);
  if (aPart && !bPart) return a.book !== '' && a.book === b.title;
  if (bPart && !aPart) return b.book !== '' && b.book === a.title;
  if (aPart && bPart) return a.book !== '' && a.book === b.book && !similarTitles(a, b);
  return false;
}

function sameWork(a: Facts, b: Facts): boolean {
  if (a.doi && b.doi && a.doi !== b.doi) return false;
  if (partTypes.has(a.type) !== partTypes.has(b.type)) return false;
  for (const field of ['edition', 'number', 'pages']) {
    const x = a.fields.get(field);
    const y = b.fields.get(field);
    if (x && y && normalizeRange(x) !== normalizeRange(y)) return false;
  }
  return similarTitles(a, b);
}

function normalizeRange(value: string): string {
  return foldText(value.replace(/\s*[-–—]+\s*/g, '-'));
}

function similarTitles(x: Pick<Facts, 'title' | 'main'>, y: Pick<Facts, 'title' | 'main'>): boolean {
  const a = x.title;
  const b = y.title;
  if (a === b) return true;
  if (a.length === 0 || b.length === 0) return false;
  // One title is the other without its subtitle; "Introduction" alone does not match every chapter.
  if ((x.main === b || y.main === a) && Math.min(a.split(' ').length, b.split(' ').length) >= 2) return true;
  const ratio = 1 - distance(a, b) / Math.max(a.length, b.length);
  if (ratio < 0.9) return false;
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  const onlyA = wordsA.filter((w) => !wordsB.includes(w));
  const onlyB = wordsB.filter((w) => !wordsA.includes(w));
  const misspelt = (w: string, others: string[]) => w.length <= 3 || others.some((o) => wordSimilarity(w, o) >= 0.75);
  return onlyA.every((w) => misspelt(w, onlyB)) && onlyB.every((w) => misspelt(w, onlyA));
}

/** JabRef's word similarity: the share of the longer word that survives the edit distance. */
function wordSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : (longer - distance(a, b)) / longer;
}
