import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { SourceYaml } from '../load/parse-yaml.js';
import { lineOf, type SourceText } from './find-passage.js';
import { findSharedPassages, type ReuseOptions, type SharedPassage } from './find-text-reuse.js';

/** Two sources that share passages of text. */
export interface ReusePair {
  /** BibTeX keys; `a` is the later paper when the years tell (the likely copier), else the first key. */
  a: string;
  b: string;
  passages: SharedPassage[];
  /** Words in all shared passages. */
  words: number;
  /** Whether sources.yaml records the reuse (either direction). */
  recorded: boolean;
}

/** Words in the longest shared passage that makes two texts a case of reuse. */
export const minReusedPassage = 25;

/** Every pair of source texts that share a long passage, later paper first, with all they share. */
export function findSourceReuse(
  texts: ReadonlyMap<string, SourceText>,
  recorded: ReadonlyMap<string, readonly string[]>,
  yearOf: (key: string) => number | undefined,
  options?: ReuseOptions,
): ReusePair[] {
  const keys = [...texts.keys()].sort();
  const pairs: ReusePair[] = [];
  for (let x = 0; x < keys.length; x++) {
    for (let y = x + 1; y < keys.length; y++) {
      let [a, b] = [keys[x]!, keys[y]!];
      // Two keys for one file are a manifest mistake, reported elsewhere, not reuse.
      if (texts.get(a)!.file === texts.get(b)!.file) continue;
      if ((yearOf(b) ?? 0) > (yearOf(a) ?? 0)) [a, b] = [b, a];
      const passages = findSharedPassages(texts.get(a)!.joined, texts.get(b)!.joined, options);
      // Stock phrases ("the Ministry of Foreign Affairs of the Republic of Uzbekistan") and a shared
      // reference are not reuse; one long copied passage is, and then the short ones count too.
      if (!passages.some((p) => p.words >= minReusedPassage)) continue;
      const isRecorded = (recorded.get(a) ?? []).includes(b) || (recorded.get(b) ?? []).includes(a);
      pairs.push({ a, b, passages, words: passages.reduce((sum, p) => sum + p.words, 0), recorded: isRecorded });
    }
  }
  return pairs;
}

/** Longest quotation of a shared passage in a report. */
const quoteWords = 12;

function quote(text: string): string {
  const words = text.split(' ');
  return words.length > quoteWords ? `${words.slice(0, quoteWords).join(' ')} …` : text;
}

/** One line per shared passage: where it is in both files, its length and its first words. */
export function describePassages(pair: ReusePair, texts: ReadonlyMap<string, SourceText>): string[] {
  const ta = texts.get(pair.a)!;
  const tb = texts.get(pair.b)!;
  return pair.passages.map((p) => {
    const at = `${ta.file}:${lineOf(ta, { in: ta.joined, ...p.a })}`;
    const from = `${tb.file}:${lineOf(tb, { in: tb.joined, ...p.b })}`;
    return `${at} = ${from} (${p.words} words): "${quote(ta.joined.text.slice(p.a.start, p.a.end))}"`;
  });
}

/** `brief verify`'s report of text reuse, for standard output. */
export function formatReuse(pairs: readonly ReusePair[], texts: ReadonlyMap<string, SourceText>): string {
  if (pairs.length === 0) return 'no text reuse between sources';
  const lines = ['text reuse between sources:'];
  for (const pair of pairs) {
    lines.push(
      `  ${pair.a} repeats ${pair.b}: ${pair.passages.length} shared passage${pair.passages.length === 1 ? '' : 's'}, ${pair.words} words${pair.recorded ? ' (recorded in sources.yaml)' : ''}`,
    );
    for (const line of describePassages(pair, texts)) lines.push(`    ${line}`);
  }
  return lines.join('\n');
}

/**
 * Reuse found but not recorded under `reuses:` (a warning at the later paper's entry), and reuse
 * recorded but not found in the texts (a warning at the record).
 */
export function checkReuseRecords(
  pairs: readonly ReusePair[],
  recorded: ReadonlyMap<string, readonly string[]>,
  texts: ReadonlyMap<string, SourceText>,
  manifest: SourceYaml,
  file: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const pair of pairs) {
    if (pair.recorded) continue;
    const passages = describePassages(pair, texts);
    diagnostics.push(
      diagnostic('unrecorded-text-reuse', {
        file,
        ...manifest.keyPositionOf(['sources'], pair.a),
        message: `"${pair.a}" and "${pair.b}" share ${pair.passages.length} passage${pair.passages.length === 1 ? '' : 's'} of text (${pair.words} words), first ${passages[0]}`,
        hint: `If one repeats the other, record it in ${file} ("reuses:\\n  ${pair.a}: [${pair.b}]"), so that findings from both count as one source; \`brief verify\` lists every shared passage.`,
      }),
    );
  }
  for (const [key, others] of recorded) {
    others.forEach((other, i) => {
      if (!texts.has(key) || !texts.has(other)) return;
      if (pairs.some((p) => (p.a === key && p.b === other) || (p.a === other && p.b === key))) return;
      diagnostics.push(
        diagnostic('recorded-reuse-not-found', {
          file,
          ...manifest.positionOf(['reuses', key, i]),
          message: `"${key}" is recorded as repeating "${other}", but their texts share no passage`,
        }),
      );
    });
  }
  return diagnostics;
}
