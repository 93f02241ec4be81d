import type { CountryCode, Qualifier, Topic } from '../schema/vocabulary.js';

/** The labels every layout template may ask for with `{{t "key"}}`; every pack gives each one. */
export const labelKeys = [
  'kind.brief', 'kind.memo', 'kind.comparison',
  'date', 'audience', 'authors', 'summary', 'keyFindings', 'recommendations', 'addressedTo', 'basis',
  'references', 'notes', 'noteBack', 'citedIn', 'comparison', 'indicator', 'noFigure', 'gapNote', 'contents', 'chartBar', 'chartLine',
  'source', 'to', 'from', 'subject', 'reference', 'purpose', 'background', 'keyPoints', 'actions',
  'action', 'owner', 'deadline', 'page', 'of', 'reportedIn',
  'evidence', 'asOf', 'quoted', 'verification', 'verification.verified', 'verification.not-found', 'verification.unchecked',
  'conflicts', 'noConflicts',
] as const;
export type LabelKey = (typeof labelKeys)[number];

/** CSL 1.0.2 locator types (pandoc's `[@key, p. 12]` labels map to these). */
export type LocatorType =
  | 'book' | 'chapter' | 'column' | 'figure' | 'folio' | 'issue' | 'line' | 'note' | 'opus' | 'page'
  | 'paragraph' | 'part' | 'section' | 'sub verbo' | 'verse' | 'volume';

/**
 * Everything Briefwright knows about one language, in one place: a document with `lang: <code>` takes
 * its labels, names, formats, figure words and citation defaults from its pack. The CSL locale file
 * (`cslLocale`) holds the bibliography's terms; Debian's package or csl/locales/ provides it.
 */
export interface LanguagePack {
  /** The code a spec gives as `lang:` (ISO 639-1), also the HTML and PDF language. */
  code: string;
  /** The language's name in English, for messages ("Uzbek"). */
  name: string;
  /** Locales of `Intl` number and date formats (English numbers as "en", dates as "en-GB": 5 April 2018). */
  intlLocale: { numbers: string; dates: string };
  /** CSL locale of the bibliography: csl/locales/ or the system's locales-<id>.xml. */
  cslLocale: string;
  /** Citation style when the spec names none (a CSL style name). */
  defaultStyle: string;
  /** Template labels. */
  labels: Readonly<Record<LabelKey, string>>;
  /** Country and region names, as a cover, a table head or a PDF's subject prints them. */
  countries: Readonly<Record<CountryCode, string>>;
  /** Finding topics as the PDF's keywords name them. */
  topics: Readonly<Record<Topic, string>>;
  /** How a finding's figure reads in prose. */
  figures: {
    /**
     * A qualified figure ("more than 3 million", "40 000 dan ortiq"): `{n}` is the formatted number, or
     * a function of it where the words depend on the number (Kazakh suffixes follow its last word).
     */
    qualifiers: Readonly<Record<Qualifier, string | ((formatted: string) => string)>>;
    /** A rank out of a total ("28 of 193"): `{rank}` and `{total}` are formatted numbers. */
    rank: string;
  };
  /**
   * Words used to read figures written in text: papers (`brief verify`) and figures typed into a
   * document's prose (the uncited-figure warning). Lower case.
   */
  figureWords: {
    /** Scale words after a number: "million" → 1e6, "млн" → 1e6. */
    scales: Readonly<Record<string, number>>;
    /** Numbers written as words: "twenty" → 20. */
    numbers: Readonly<Record<string, number>>;
    /** Words for "per cent" (after digits or number words, "twenty per cent"). */
    percent: readonly string[];
    /** Units and counted nouns after a number that make it a figure ("per cent", "users", "км"). */
    units: readonly string[];
    /** Counted nouns: "2016 people" reads as a year before a noun, not a figure. */
    counted: readonly string[];
    /** Abbreviations whose full stop does not end a sentence ("p", "г"), without the stop. */
    abbreviations: readonly string[];
    /**
     * Month names as a typed date writes them, next to a day number ("6 April", "6 апреля",
     * "6-aprel", "24 қараша"): full names in the form a date takes, and abbreviations with their stop.
     */
    months: readonly string[];
    /** Case endings a month name takes in a date ("6-aprelda", "24 қарашада"); none in most languages. */
    monthSuffixes: readonly string[];
    /** Endings that make a number written in digits an ordinal ("16th", "22-е", "39-o‘rin", "16-шы"). */
    ordinalEndings: readonly string[];
  };
}

/** `{name}` placeholders filled in. */
export function fill(pattern: string, values: Readonly<Record<string, string>>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Whether a formatted figure ends in a whole word ("27,2 million", "3 yil"), not digits, a sign or an abbreviation ("km", "Mbit/s"). */
export function endsInWord(formatted: string): boolean {
  return /(?<![\p{L}/.])\p{L}{3,}$/u.test(formatted);
}
