import { englishLocatorTerms } from '../languages/en.js';

/**
 * Splits a pandoc citation suffix (", p. 12 and passim") into CSL locator, label and suffix, following
 * the rules of pandoc's citeproc (Text.Pandoc.Citeproc.Locator):
 *
 * - `{…}` right after the key or its comma delimits a locator exactly, with an optional label inside:
 *   `[@key, {pp. iv, vi-xi} and elsewhere]`, `[@key{ii, A, D-Z}]`;
 * - otherwise a locator is a label followed by words with digits or roman numerals (`p. 12`, `ch. iv`,
 *   `pp. 33-35, 38`), or, without a label, words with digits, which are pages (`[@key, 33]`);
 * - anything else, and whatever follows the locator, is the suffix.
 *
 * Labels are the English terms pandoc documents plus every locator term of the document's CSL locale
 * (so `с. 12` in a Russian document). Briefwright also reads `label {value}`, which pandoc prints
 * literally: finding locators such as `sec. {Digital Diplomacy in Uzbekistan}` need it.
 */
export interface ParsedSuffix {
  locator?: string;
  label?: string;
  suffix?: string;
}

/** Locator labels to CSL locator types, keyed lower case without a final full stop. */
export type LocatorTerms = ReadonlyMap<string, string>;

const noTerms: LocatorTerms = new Map();

export function parseSuffix(raw: string, localeTerms: LocatorTerms = noTerms): ParsedSuffix {
  const lookup = (label: string) => {
    const key = label.trim().replace(/\s+/g, ' ').toLowerCase().replace(/\.$/, '');
    return key === '' ? undefined : ((Object.hasOwn(englishLocatorTerms, key) ? englishLocatorTerms[key] : undefined) ?? localeTerms.get(key));
  };
  const tokens = tokenize(raw);
  let start = 0;
  if (tokens[start]?.text === ',') start++;
  if (tokens[start]?.kind === 'space') start++;
  const found = delimited(tokens, start, lookup) ?? integrated(tokens, start, lookup);
  if (!found) {
    const suffix = raw.replace(/^\s+/, '');
    return suffix ? { suffix } : {};
  }
  const locator = found.locator.trim();
  const rest = tokens.slice(found.end).map((t) => t.text).join('');
  const suffix = rest.trim();
  return {
    label: found.label,
    ...(locator ? { locator } : {}),
    ...(suffix ? { suffix: /^[\p{P}]/u.test(suffix) && !/^[([{]/.test(suffix) ? suffix : ` ${suffix}` } : {}),
  };
}

interface Token {
  kind: 'space' | 'punct' | 'word';
  text: string;
}

// Punctuation splits words, except the dashes and colon of page ranges ("33-35", "4:12-14").
function tokenize(text: string): Token[] {
  return [...text.matchAll(/(\s+)|([\p{P}\p{S}](?<![-–—:]))|([^\s\p{P}\p{S}]|[-–—:])+/gu)].map((m) => ({
    kind: m[1] ? 'space' : m[2] ? 'punct' : 'word',
    text: m[0],
  }));
}

interface Found {
  label: string;
  locator: string;
  end: number;
}

type Lookup = (label: string) => string | undefined;

/** `{label value}`: braces (balanced with brackets) delimit the locator; no label means a page. */
function delimited(tokens: Token[], start: number, lookup: Lookup): Found | undefined {
  if (tokens[start]?.text !== '{') return undefined;
  let depth = 0;
  let end = start;
  for (; end < tokens.length; end++) {
    const t = tokens[end]!.text;
    if (t === '{' || t === '[') depth++;
    else if (t === '}' || t === ']') depth--;
    if (depth === 0) break;
  }
  if (end >= tokens.length || tokens[end]!.text !== '}') return undefined;
  let inner = start + 1;
  while (tokens[inner]?.kind === 'space') inner++;
  // The longest run of tokens that is a label, as long as something follows it.
  let label: string | undefined;
  let after = inner;
  for (let i = inner + 1; i < end; i++) {
    const type = lookup(text(tokens, inner, i));
    if (type) {
      label = type;
      after = i;
    }
  }
  return { label: label ?? 'page', locator: text(tokens, after, end), end: end + 1 };
}

/** `label words…` or `words…` whose first word has digits. */
function integrated(tokens: Token[], start: number, lookup: Lookup): Found | undefined {
  const labelled = integratedLabel(tokens, start, lookup);
  let at = start;
  let label = 'page';
  let implicit = true;
  if (labelled) {
    ({ label, end: at } = labelled);
    implicit = false;
  } else {
    const first = locatorWord(tokens, start, true);
    if (!first || !first.digits) return braced(tokens, start, lookup);
  }
  const accept = (word: LocatorWord | undefined) => word && (implicit ? word.digits : word.digits || word.roman);
  const first = locatorWord(tokens, at, true);
  if (!accept(first)) return labelled ? braced(tokens, start, lookup) : undefined;
  let end = first!.end;
  for (;;) {
    const next = locatorWord(tokens, end, false);
    if (!accept(next)) break;
    end = next!.end;
  }
  return { label, locator: text(tokens, at, end), end };
}

/** Briefwright's `label {value}`: a label, then braces holding the whole locator. */
function braced(tokens: Token[], start: number, lookup: Lookup): Found | undefined {
  for (let i = start + 1; i < tokens.length; i++) {
    if (tokens[i]!.text !== '{') continue;
    const label = lookup(text(tokens, start, i));
    if (!label) return undefined;
    const found = delimited(tokens, i, () => undefined);
    return found && { ...found, label };
  }
  return undefined;
}

/** The longest label starting at `start` that is followed by a word with digits or roman numerals. */
function integratedLabel(tokens: Token[], start: number, lookup: Lookup): { label: string; end: number } | undefined {
  let best: { label: string; end: number } | undefined;
  for (let i = start + 1; i < tokens.length; i++) {
    const word = locatorWord(tokens, i, true);
    if (!word || !(word.digits || word.roman)) continue;
    const label = lookup(text(tokens, start, i));
    if (label) best = { label, end: i };
  }
  return best;
}

interface LocatorWord {
  digits: boolean;
  roman: boolean;
  end: number;
}

/**
 * One word of a locator: an optional `,` (not for the first), an optional space, then units joined by
 * full stops ("12", "4.2", "xii", "22-33A").
 */
function locatorWord(tokens: Token[], start: number, first: boolean): LocatorWord | undefined {
  let at = start;
  if (!first && tokens[at]?.text === ',') at++;
  if (tokens[at]?.kind === 'space') at++;
  const unit = (i: number) => (tokens[i]?.kind === 'word' ? tokens[i]!.text : undefined);
  let word = unit(at);
  let digits = false;
  let roman = false;
  if (word === undefined) {
    if (tokens[at]?.text !== '.' || unit(at + 1) === undefined) return undefined;
  } else {
    digits = /\d/.test(word);
    roman = isRoman(word);
    at++;
  }
  while (tokens[at]?.text === '.' && (word = unit(at + 1)) !== undefined) {
    digits ||= /\d/.test(word);
    roman ||= isRoman(word);
    at += 2;
  }
  return { digits, roman, end: at };
}

/** A roman numeral, or a range of them ("iv-vi"). */
function isRoman(word: string): boolean {
  return word
    .split(/[-–—]/)
    .every((part) => part !== '' && /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/i.test(part));
}

const text = (tokens: Token[], from: number, to: number) =>
  tokens
    .slice(from, to)
    .map((t) => t.text)
    .join('');
