/**
 * What a style needs from an item that BibTeX cannot say in CSL terms, decided once per style: who the
 * "others" of `author = {A and others}` are, how a style without a "no date" form marks an undated
 * work, and a foreign law in a style that would call it a US public law.
 */
import type { CslItem } from './citation-js.js';
import type { CslStyle } from './csl-files.js';
import { latinScriptWork } from './gost-entries.js';

/** Stands for BibTeX's `others` among an item's names until the rendered text turns it into the locale's "et al.". */
export const othersMark = '\uE010';

export interface ItemRules {
  /** The style prints undated works with the locale's "no date" term itself (APA's "n.d."). */
  namesNoDate: boolean;
  /** GOST R 7.0.5 writes "[б. г.]" (Latin-script works: "[s. a.]") where a year is missing; its CSL styles print nothing. */
  gost: boolean;
  /** The style prints a legislation number as a US public law ("Pub. L. No."; APA). */
  usPublicLaw: boolean;
  /** A note style (`class="note"`). */
  note: boolean;
}

export function itemRules(style: CslStyle): ItemRules {
  return {
    namesNoDate: /term="no date"/.test(style.xml),
    gost: /<id>[^<]*gost-r-7-0-5/.test(style.xml),
    usPublicLaw: /prefix="Pub\. L\. No\. "/.test(style.xml),
    note: /<style\b[^>]*\bclass="note"/.test(style.xml),
  };
}

const isOthers = (name: unknown) => {
  const n = name as { family?: string; literal?: string; given?: string };
  return !n.given && (n.family ?? n.literal)?.trim().toLowerCase() === 'others';
};

/** The item as this style should see it (a new object where anything changes). */
const noYear = { cyrillic: '[б. г.]', latin: '[s. a.]' };

/** Inside a bracketed GOST reference ("[Ministry…, б. г.]") the "no year" mark loses its own brackets. */
export function noYearInCitation(html: string): string {
  return html.replace(/\[(б\. г\.|s\. a\.)\]/g, '$1');
}

export function prepareItem(item: CslItem, rules: ItemRules): CslItem {
  let prepared = item;
  for (const role of ['author', 'editor', 'translator']) {
    const names = prepared[role];
    if (Array.isArray(names) && names.length > 1 && isOthers(names[names.length - 1])) {
      prepared = { ...prepared, [role]: [...names.slice(0, -1), { literal: othersMark }] };
    }
  }
  // A short title, for the short forms of note styles: the title before its subtitle (as pandoc derives it).
  const title = typeof prepared.title === 'string' ? prepared.title : '';
  if (prepared['title-short'] === undefined && /\S: \S/.test(title)) prepared = { ...prepared, 'title-short': title.slice(0, title.indexOf(': ')) };
  if (!prepared.issued && !rules.namesNoDate && rules.gost) {
    prepared = { ...prepared, issued: { literal: latinScriptWork(prepared) ? noYear.latin : noYear.cyrillic } };
  }
  if (rules.usPublicLaw && prepared.type === 'legislation' && typeof prepared.genre === 'string' && prepared.number !== undefined) {
    // "Law of Turkmenistan No. 171-V" is no "Pub. L. No.": the law is named by its own kind and number.
    // APA prints the code a law belongs to (its container) where the number was; Chicago prints the kind (genre).
    const { number, genre, ...rest } = prepared;
    const named = `${genre} No. ${String(number)}`;
    prepared = rules.note ? { ...rest, genre: named } : { ...rest, 'container-title': named };
  }
  return numbersAsWritten(prepared);
}

/** The CSL variables BibTeX's `number` becomes: a report's or law's number, an issue, a number in a series. */
const numberVariables = ['number', 'issue', 'collection-number'] as const;

/**
 * citeproc-js reads a hyphen in any number variable as a range and prints an en dash ("Report 2020–3",
 * "no. 2–3"); pandoc prints a number as written ("2020-3", "A-1"). citeproc's own escape, `\-`, keeps a
 * hyphen a hyphen.
 */
function numbersAsWritten(item: CslItem): CslItem {
  let prepared = item;
  for (const variable of numberVariables) {
    const value = prepared[variable];
    if (typeof value === 'string' && value.includes('-')) prepared = { ...prepared, [variable]: value.replace(/\\?-/g, '\\-') };
  }
  return prepared;
}

/**
 * The rendered text with each `others` mark read as the locale's "et al.": the connector before it
 * ("&", "and") goes, as in a name list the style itself shortened; the name delimiter stays only where
 * the style puts one before "et al." (`delimiter-precedes-et-al="always"`: MLA's "Karimov, Aziz, et al.").
 */
export function othersAsEtAl(html: string, etAl: string, and: string, delimiterPrecedesEtAl: boolean): string {
  if (!html.includes(othersMark)) return html;
  const and_ = and.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const connector = new RegExp(`(?:\\s*,)?\\s*(?:&#38;|&amp;|&|(?<!\\p{L})${and_})?\\s*${othersMark}(\\.?)`, 'gu');
  return html.replace(connector, (_, stop: string) => {
    // The term's own full stop stands for the one the style puts after the names.
    const text = etAl.endsWith('.') ? etAl : etAl + stop;
    return `${delimiterPrecedesEtAl ? ',' : ''} ${text}`;
  });
}
