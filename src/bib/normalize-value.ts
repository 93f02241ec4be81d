import { bareDoi } from './find-duplicates.js';

/**
 * What a field's value means, as `brief bib fix` may rewrite it and must prove it did not change:
 * the forms of one value that biblatex reads alike map to one string. Whitespace counts only as
 * TeX reads it (spaces, tabs and line breaks; a blank line is a paragraph break); any other space
 * (thin, no-break, `\,`) is text.
 */

/** Fields whose text biblatex takes literally (verbatim and URI fields): whitespace inside is kept. */
export const verbatimFields = new Set(['url', 'doi', 'eprint', 'file', 'pdf', 'verba', 'verbb', 'verbc']);

const asciiSpace = /[ \t\r\n]+/g;
const paragraphBreak = /[ \t]*\r?\n[ \t]*\r?\n[ \t\r\n]*/;

/** The text without the spaces, tabs and line breaks at its ends (other spaces are kept, unlike `trim()`). */
export const trimSpace = (text: string) => text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/** Runs of spaces, tabs and line breaks as one space, a blank line as one paragraph break. */
export function collapseSpace(text: string, trim = true): string {
  const joined = text
    .split(paragraphBreak)
    .map((paragraph) => paragraph.replace(asciiSpace, ' '))
    .join('\n\n');
  return trim ? trimSpace(joined) : joined;
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The month a value names, as a number 1–12: an English month name or abbreviation, or a number. */
export function monthNumber(value: string): string | undefined {
  const text = trimSpace(value).toLowerCase().replace(/\.$/, '');
  if (/^[0-9]{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= 12) return String(Number(text));
  const index = monthNames.findIndex((name) => name === text || (text.length >= 3 && name.startsWith(text)));
  return index >= 0 ? String(index + 1) : undefined;
}

const dash = /^(.*?)[ \t]*(?:-{1,3}|[‐‑‒–—−])[ \t]*(.*)$/su;
const arabic = /^(\p{L}*)([0-9]+)\p{Ll}?$/u;
const roman = /^(?:[ivxlcdm]+|[IVXLCDM]{2,})$/;

/**
 * Whether two page numbers are the ends of one range: both Arabic with the same letter prefix
 * (`12`–`34`, `A1`–`A5`, `e101`–`e109`) or both Roman (`xi`–`xv`). `A-1` is one page in an
 * appendix, not the pages from A to 1, and `2-a` is no range either.
 */
function rangeEnds(first: string, last: string): boolean {
  const a = arabic.exec(first);
  const b = arabic.exec(last);
  if (a && b) return a[1] === b[1] || b[1] === '';
  return roman.test(first) && roman.test(last) && (first === first.toLowerCase()) === (last === last.toLowerCase());
}

/** Each range of a `pages` value written with `--`, as BibTeX and biblatex write ranges; other text as it is. */
export function pageRanges(value: string): string {
  return value
    .split(',')
    .map((item) => {
      const lead = item.length - item.replace(/^[ \t\r\n]+/, '').length;
      const body = trimSpace(item);
      const tail = item.slice(lead + body.length);
      const range = dash.exec(body);
      if (!range || !rangeEnds(range[1]!, range[2]!)) return item;
      return `${item.slice(0, lead)}${range[1]}--${range[2]}${tail}`;
    })
    .join(',');
}

/** The value of field `name` (lower case, macros expanded) as what it means, for comparing two versions. */
export function meaningOf(name: string, value: string): string {
  if (name === 'doi') return bareDoi(value);
  if (verbatimFields.has(name)) return trimSpace(value);
  const text = collapseSpace(value);
  if (name === 'month') return monthNumber(text) ?? text;
  if (name === 'pages') return pageRanges(text);
  return text;
}
