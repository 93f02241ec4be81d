import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { proseFields } from '../reconcile/read-prose-fields.js';
import { escapeRegExp, mentions, readNumbers } from '../verify/read-numbers.js';
import { languagePack } from '../languages/index.js';

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

/**
 * A figure typed straight into a document's prose, instead of inserted with [@fact:…], is a
 * warning unless a citation follows it in the same sentence. Years, decree numbers (PP-3654) and
 * list numbers carry no unit, so they are not figures.
 */
export function lintUncitedFigures(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const brief of briefs) {
    const { source } = brief;
    const words = figureWordsFor(brief.spec.lang);
    for (const field of proseFields(brief, findings)) {
      const masked = field.raw.replace(notProse, (m) => ' '.repeat(m.length));
      for (const match of masked.matchAll(words.figure)) {
        const figure = match[0];
        const start = match.index;
        if (isIdentifier(masked, start) || words.year.test(figure)) continue;
        if (citedInSentence(field.raw, start + figure.length, words.abbreviations)) continue;
        const same = sameValue(figure, brief, findings);
        diagnostics.push(
          diagnostic('uncited-figure', {
            file: source.file,
            ...source.positionAt(field.offset + start),
            message: `The figure "${figure.replace(/\s+/g, ' ')}" is typed into the text with no citation in its sentence`,
            hint:
              same.length > 0
                ? `Insert it from its finding: ${same.map((id) => `[@fact:${id}]`).join(' or ')}.`
                : undefined,
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

/** Whether a citation (other than a figure reference) comes before the end of the sentence. */
function citedInSentence(text: string, from: number, abbreviations: ReadonlySet<string>): boolean {
  const rest = text.slice(from);
  const end = sentenceEnd(rest, abbreviations);
  return /(?:^|[\s[;(])-?@(?!fact:)[\p{L}\p{N}_]/u.test(rest.slice(0, end));
}

function sentenceEnd(text: string, abbreviations: ReadonlySet<string>): number {
  const boundary = /[.!?](?=["'”’)\]*_]*(?:\s+[\p{Lu}\p{N}"“'‘(*_]|\s*$))|\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d+[.)])[ \t]|\|/gu;
  for (const match of text.matchAll(boundary)) {
    if (match[0] === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(0, match.index))?.[1] ?? '';
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
