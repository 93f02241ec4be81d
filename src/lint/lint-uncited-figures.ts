import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { proseFields } from '../reconcile/read-prose-fields.js';
import { mentions, readNumbers } from '../verify/read-numbers.js';

/** What makes a number a figure: a unit or scale right after it (or a currency sign before it). */
const unit = String.raw`%|per\s?cent\b|percent(?:age points?)?\b|(?:thousand|million|billion|trillion)s?\b|mln\b|bn\b|km\b|kilomet(?:re|er)s?\b|[kmg]bps\b|(?:people|persons|individuals|users|followers|subscribers|posts|views)\b|(?:US\s?)?dollars?\b|USD\b|euros?\b|EUR\b`;
const numberWord = String.raw`one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred`;
const figurePattern = new RegExp(
  String.raw`(?:(?:US)?\$|€|£)\s?\d[\d,.]*\d|\d(?:[\d,.]*\d)?(?:\s?(?:${unit}))|\b(?:${numberWord})[\s-](?:thousand|million|billion|per\s?cent|percent)\b`,
  'giu',
);
/** Markdown pieces that are not prose: citations, link targets, inline code. */
const notProse = /\[[^\][]*@[^\][]*\]|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*|\]\([^)]*\)|`[^`\n]*`|<[^>\n]*>/gu;
/** Abbreviations after which a full stop does not end the sentence. */
const abbreviations = new Set(['e.g', 'i.e', 'etc', 'no', 'nos', 'p', 'pp', 'para', 'sec', 'ch', 'fig', 'vol', 'cf', 'al', 'vs', 'dr', 'mr', 'mrs', 'ms', 'st', 'approx', 'ca', 'art']);

/**
 * A figure typed straight into a document's prose, instead of inserted with [@fact:…], is a
 * warning unless a citation follows it in the same sentence. Years, decree numbers (PP-3654) and
 * list numbers carry no unit, so they are not figures.
 */
export function lintUncitedFigures(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const brief of briefs) {
    const { source } = brief;
    for (const field of proseFields(brief, findings)) {
      const masked = field.raw.replace(notProse, (m) => ' '.repeat(m.length));
      for (const match of masked.matchAll(figurePattern)) {
        const figure = match[0];
        const start = match.index;
        if (isIdentifier(masked, start) || isYear(figure)) continue;
        if (citedInSentence(field.raw, start + figure.length)) continue;
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

/** "In 2016 people …": a year before a counted noun. */
function isYear(figure: string): boolean {
  return /^(?:1[89]|20)\d\d\s?(?:people|persons|individuals|users|followers|subscribers|posts|views)$/iu.test(figure);
}

/** Part of a name such as PP-3654, UP-60, G20 or a URL, not a figure. */
function isIdentifier(text: string, start: number): boolean {
  return /[\p{L}\p{N}_/.]$|\p{L}[-‑–]$/u.test(text.slice(Math.max(0, start - 2), start));
}

/** Whether a citation (other than a figure reference) comes before the end of the sentence. */
function citedInSentence(text: string, from: number): boolean {
  const rest = text.slice(from);
  const end = sentenceEnd(rest);
  return /(?:^|[\s[;(])-?@(?!fact:)[\p{L}\p{N}_]/u.test(rest.slice(0, end));
}

function sentenceEnd(text: string): number {
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
