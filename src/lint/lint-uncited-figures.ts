import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { documentModel } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';
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
  // Dates, ordinals and years hold a digit: prose without one (most of it, once citations and
  // inserted figures are masked) need not be searched for them.
  const digits = /\d/.test(masked);
  for (const [kind, pattern] of patterns) {
    if (kind !== 'figure' && !digits) continue;
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
    for (const node of nodesOf(documentModel(brief, findings), 'markdown')) {
      if (!node.raw) continue;
      const { text, offset } = node.raw;
      const masked = text.replace(notProse, (m) => ' '.repeat(m.length));
      for (const { kind, text: figure, start } of typedNumbers(masked, words.figure)) {
        if (isIdentifier(masked, start) || (kind === 'figure' && words.year.test(figure))) continue;
        const [sentenceStart, sentenceEnd] = sentencesOf(node.raw, brief.spec.lang).find(([, end]) => end >= start) ?? [0, text.length];
        // A figure's citation follows it; a date, ordinal or year is the source's wherever its sentence cites.
        const from = kind === 'figure' ? start + figure.length : sentenceStart;
        if (cites(text.slice(from, sentenceEnd), kind !== 'figure')) continue;
        const same = kind === 'figure' ? sameValue(figure, brief, findings) : [];
        diagnostics.push(
          diagnostic('uncited-figure', {
            file: source.file,
            ...source.positionAt(offset + start),
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

/** Whether a stretch of text holds a citation (other than a figure reference, unless `facts` counts them). */
function cites(text: string, facts: boolean): boolean {
  return (facts ? /(?:^|[\s[;(])-?@[\p{L}\p{N}_]/u : /(?:^|[\s[;(])-?@(?!fact:)[\p{L}\p{N}_]/u).test(text);
}

const sentencesByField = new WeakMap<object, { lang: string; ranges: [number, number][] }>();

/**
 * The sentences of a document model's Markdown field, split once however many checks ask (the
 * claim-citation check and this lint read the same fields).
 */
export function sentencesOf(raw: { text: string }, lang: string): [number, number][] {
  const known = sentencesByField.get(raw);
  if (known?.lang === lang) return known.ranges;
  const ranges = sentenceRanges(raw.text, lang);
  sentencesByField.set(raw, { lang, ranges });
  return ranges;
}

/** The sentences of a Markdown field as [start, end) ranges (a table cell, list item or paragraph ends one too). */
export function sentenceRanges(text: string, lang = 'en'): [number, number][] {
  const { abbreviations } = figureWordsFor(lang);
  const boundary = /[.!?](?=["'”’)\]*_]*(?:\s+[\p{Lu}\p{N}"“'‘(*_]|\s*$))|\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]|\|/gu;
  const ranges: [number, number][] = [];
  let start = 0;
  // One character at a time: a sentence starts right after the boundary's first character, and the
  // next boundary may begin inside a longer one (a blank line before a list item).
  for (let match = boundary.exec(text); match; boundary.lastIndex = match.index + 1, match = boundary.exec(text)) {
    if (match[0] === '.' && abbreviated(wordBefore(text, match.index), abbreviations)) continue;
    ranges.push([start, match.index]);
    start = match.index + 1;
  }
  if (start < text.length) ranges.push([start, text.length]);
  return ranges;
}

/** Whether the word before a full stop makes it an abbreviation's (e.g., "Dr", "U.S", an initial), not a sentence's end. */
function abbreviated(word: string, abbreviations: ReadonlySet<string>): boolean {
  return abbreviations.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/** The letters and dots right before `at`: only the word before a full stop matters, however long the text before it. */
function wordBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < 40 && /[\p{L}.]/u.test(text[start - 1]!)) start--;
  return text.slice(start, at);
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
