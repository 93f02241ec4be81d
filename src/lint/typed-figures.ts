import { languagePacks } from '../languages/index.js';
import { escapeRegExp } from '../verify/read-numbers.js';

/**
 * What a hand-typed date or ordinal looks like, from the month names, their case endings and the
 * ordinal endings of every language pack (src/languages/). The uncited-figure lint takes the union,
 * so a Russian memo quoting an English date is still checked.
 */
const words = Object.values(languagePacks).map((pack) => pack.figureWords);
// Uzbek's ʻ and ʼ are often typed as quotation marks or apostrophes ("39-o‘rin", "39-o'rin"): any of them matches.
const alternatives = (list: readonly string[]) =>
  [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map((word) => escapeRegExp(word).replace(/[ʻʼ]/g, "[ʻʼ‘’'`]"))
    .join('|');

// Month names may take case endings (Uzbek 6-aprelda, Kazakh 24 қарашада).
const month = `(?:${alternatives(words.flatMap((w) => w.months))})(?:${alternatives(words.flatMap((w) => w.monthSuffixes))})?`;

// Every date starts with a digit or a month's first letter. Saying so first lets the search skip
// other positions cheaply; the test for a letter before the match is slow to run at every one of
// them (a 200-document lint: 105 → 34 ms).
const dateInitials = [...new Set(words.flatMap((w) => w.months).map((name) => name[0]!))].filter((c) => /\p{L}/u.test(c)).join('');

/** A day and month, in any order, with an optional year: "6 April 2018", "April 6", "6 апреля", "6-aprel", or numeric dates. */
export const datePattern = new RegExp(
  String.raw`(?=[\d${dateInitials}])(?<![\p{L}\p{N}])(?:\d{1,2}(?:-|\s)?${month}(?:,?\s(?:1[89]|20)\d{2}(?:\s?г\.|-yil)?)?|${month}\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s(?:1[89]|20)\d{2})?|(?:1[89]|20)\d{2}-(?:yil\s)?\d{1,2}-${month}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?![\p{L}\p{N}])`,
  'giu',
);

/** An ordinal typed in digits: "16th", "22-е", "39-o‘rin", "16-шы". */
export const ordinalPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d+(?:-(?:${alternatives(words.flatMap((w) => w.ordinalEndings).filter((e) => !/^(st|nd|rd|th)$/.test(e)))})\p{L}*|(?:st|nd|rd|th)(?![\p{L}]))`,
  'giu',
);

/** A year or a span of years: "2016", "2017–2021", "2018-yil". */
export const yearPattern = /(?<![\p{L}\p{N}])(?:1[89]|20)\d{2}(?:\s?[–-]\s?(?:(?:1[89]|20)\d{2}|\d{2}))?(?![\p{N}])/gu;
