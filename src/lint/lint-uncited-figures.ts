import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { proseFields } from '../reconcile/read-prose-fields.js';
import { escapeRegExp, mentions, readNumbers } from '../verify/read-numbers.js';
import { languagePack } from '../languages/index.js';
import { datePattern, ordinalPattern, yearPattern } from './typed-figures.js';

/**
 * What makes a number a figure, in the document's language and English: a unit, scale or counted
 * noun right after it (or a currency sign before it), or a number word before a scale or "per cent".
 */
interface FigureWords {
  figure: RegExp;
  year: RegExp;
  abbreviations: ReadonlySet<string>;
}

const figureWordsByLanguage = new Map<string, FigureWords>();

function figureWordsFor(lang: string): FigureWords {
  let found = figureWordsByLanguage.get(lang);
  if (found) return found;
  const words = [...new Set([languagePack(lang), languagePack('en')])].map((p) => p.figureWords);
  const alternatives = (list: readonly string[]) =>
    [...new Set(list.map((w) => w.toLowerCase()))]
      .sort((a, b) => b.length - a.length)
      .map((w) => escapeRegExp(w).replace(/ /g, String.raw`\s?`))
      .join('|');
  const end = String.raw`(?![\p{L}\p{N}_])`;
  const scales = words.flatMap((w) => Object.keys(w.scales)).filter((w) => w.length > 1);
  const percent = words.flatMap((w) => w.percent);
  const unit = `%|(?:${alternatives([...percent, ...scales, ...words.flatMap((w) => [...w.units, ...w.counted])])})${end}`;
  const numberWord = alternatives(words.flatMap((w) => Object.keys(w.numbers)));
  found = {
    figure: new RegExp(
      String.raw`(?:(?:US)?\$|€|£)\s?\d[\d,.]*\d|\d(?:[\d,.]*\d)?(?:\s?(?:${unit}))|(?<![\p{L}\p{N}_])(?:${numberWord})[\s-](?:${alternatives([...scales, ...percent])})${end}`,
      'giu',
    ),
    year: new RegExp(String.raw`^(?:1[89]|20)\d\d\s?(?:${alternatives(words.flatMap((w) => w.counted))})$`, 'iu'),
    abbreviations: new Set(words.flatMap((w) => w.abbreviations.map((a) => a.toLowerCase()))),
  };
  figureWordsByLanguage.set(lang, found);
  return found;
}

/** Markdown pieces that are not prose: citations, link targets, inline code. */
const notProse = /\[[^\][]*@[^\][]*\]|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*|\]\([^)]*\)|`[^`\n]*`|<[^>\n]*>/gu;

/** What a typed number is, as the lint names it. */
type Typed = 'figure' | 'date' | 'ordinal' | 'year';

/** Every figure, date, ordinal and year typed in a stretch of prose; a longer match hides what it contains. */
function typedNumbers(masked: string, figure: RegExp): { kind: Typed; text: string; start: number }[] {
  const patterns: [Typed, RegExp][] = [
    ['date', datePattern],
    ['figure', figure],
    ['ordinal', ordinalPattern],
    ['year', yearPattern],
  ];
  const found: { kind: Typed; text: string; start: number }[] = [];
  for (const [kind, pattern] of patterns) {
    for (const match of masked.matchAll(pattern)) {
      const [start, end] = [match.index, match.index + match[0].length];
      if (found.some((f) => start < f.start + f.text.length && f.start < end)) continue;
      found.push({ kind, text: match[0].trim(), start });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A figure, date, ordinal or year typed straight into a document's prose, instead of inserted with
 * [@fact:…], is a warning unless a citation follows it in the same sentence (for a date, ordinal or
 * year, a citation or a figure inserted from a finding anywhere in the sentence counts: the finding
 * holds its date). Decree numbers (PP-3654), names with a year (Digital Uzbekistan-2030) and list
 * numbers are not figures.
 */
export function lintUncitedFigures(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const brief of briefs) {
    const { source } = brief;
    const words = figureWordsFor(brief.spec.lang);
    for (const field of proseFields(brief, findings)) {
      const masked = field.raw.replace(notProse, (m) => ' '.repeat(m.length));
      for (const { kind, text: figure, start } of typedNumbers(masked, words.figure)) {
        if (isIdentifier(masked, start) || (kind === 'figure' && words.year.test(figure))) continue;
        if (citedInSentence(field.raw, start + figure.length, words.abbreviations, kind !== 'figure')) continue;
        if (kind !== 'figure' && citedInSentence(field.raw, sentenceStart(field.raw, start, words.abbreviations), words.abbreviations, true)) continue;
        const same = kind === 'figure' ? sameValue(figure, brief, findings) : [];
        diagnostics.push(
          diagnostic('uncited-figure', {
            file: source.file,
            ...source.positionAt(field.offset + start),
            message: `The ${kind} "${figure.replace(/\s+/g, ' ')}" is typed into the text with no citation in its sentence`,
            hint:
              same.length > 0
                ? `Insert it from its finding: ${same.map((id) => `[@fact:${id}]`).join(' or ')}.`
                : kind === 'figure'
                  ? undefined
                  : `Cite the source of the ${kind} in the same sentence, or insert it with [@fact:<finding-id>].`,
          }),
        );
      }
    }
  }
  return diagnostics;
}

/** Part of a name such as PP-3654, UP-60, G20 or a URL, not a figure. */
function isIdentifier(text: string, start: number): boolean {
  return /[\p{L}\p{N}_/.]$|\p{L}[-‑–]$/u.test(text.slice(Math.max(0, start - 2), start));
}

/** Whether a citation (other than a figure reference, unless `facts` counts them) comes before the end of the sentence. */
function citedInSentence(text: string, from: number, abbreviations: ReadonlySet<string>, facts = false): boolean {
  const rest = text.slice(from);
  const end = sentenceEnd(rest, abbreviations);
  return (facts ? /(?:^|[\s[;(])-?@[\p{L}\p{N}_]/u : /(?:^|[\s[;(])-?@(?!fact:)[\p{L}\p{N}_]/u).test(rest.slice(0, end));
}

/** The sentences of a Markdown field as [start, end) ranges (a table cell, list item or paragraph ends one too). */
export function sentenceRanges(text: string, lang = 'en'): [number, number][] {
  const { abbreviations } = figureWordsFor(lang);
  const ranges: [number, number][] = [];
  for (let start = 0; start < text.length; ) {
    const end = start + sentenceEnd(text.slice(start), abbreviations);
    ranges.push([start, end]);
    start = end + 1;
  }
  return ranges;
}

/** Where the sentence around `at` starts. */
function sentenceStart(text: string, at: number, abbreviations: ReadonlySet<string>): number {
  let start = 0;
  for (let end = sentenceEnd(text, abbreviations); end < at; end = start + sentenceEnd(text.slice(start), abbreviations)) {
    const next = end + 1;
    if (next <= start) break;
    start = next;
  }
  return start;
}

function sentenceEnd(text: string, abbreviations: ReadonlySet<string>): number {
  const boundary = /[.!?](?=["'”’)\]*_]*(?:\s+[\p{Lu}\p{N}"“'‘(*_]|\s*$))|\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]|\|/gu;
  for (const match of text.matchAll(boundary)) {
    if (match[0] === '.') {
      // Only the word before the full stop matters: an end-anchored match on the whole text before it
      // would rescan that text at every full stop.
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, match.index - 40), match.index))?.[1] ?? '';
      if (abbreviations.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    return match.index;
  }
  return text.length;
}

/** Findings of the document's countries whose value the typed figure states. */
function sameValue(figure: string, brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): string[] {
  const written = readNumbers(figure);
  const countries = new Set<string>(brief.spec.countries);
  return [...findings.values()]
    .map((f) => f.finding)
    .filter((f) => f.metric && countries.has(f.country) && mentions(written, f.metric.value))
    .map((f) => f.id)
    .sort()
    .slice(0, 3);
}
