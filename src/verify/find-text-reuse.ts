import type { NormalizedText } from './normalize-text.js';

/**
 * Text reuse between two source texts by shingling: every run of `shingle` consecutive words
 * (lowercased, punctuation and digits' separators kept apart) of one text is looked up in the
 * other; matching shingles on the same diagonal become one shared passage, and passages a few words
 * apart (a running page header, a footnote number or a changed word between them) are merged.
 */
export interface ReuseOptions {
  /** Words per shingle. Eight words in a row rarely coincide in independent prose. */
  shingle?: number;
  /** Shortest shared passage reported, in words. */
  minWords?: number;
  /** Largest gap, in words on either side, bridged when merging neighbouring passages. */
  maxGap?: number;
}

export interface SharedPassage {
  /** [start, end) offsets in each text's normalized `text`. */
  a: { start: number; end: number };
  b: { start: number; end: number };
  /** Words in the passage (of the shorter side). */
  words: number;
}

interface Word {
  token: string;
  start: number;
  end: number;
}

/** Words as compared: letters and digits, lowercased; punctuation and case never hide a copy. */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    found.push({ token: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return found;
}

export function findSharedPassages(a: NormalizedText, b: NormalizedText, options: ReuseOptions = {}): SharedPassage[] {
  const k = options.shingle ?? 8;
  const minWords = options.minWords ?? 12;
  const maxGap = options.maxGap ?? 12;
  const wa = words(a.text);
  const wb = words(b.text);
  const index = new Map<string, number[]>();
  for (let i = 0; i + k <= wa.length; i++) {
    const key = shingleAt(wa, i, k);
    const at = index.get(key);
    if (at) at.push(i);
    else index.set(key, [i]);
  }
  // Runs of matching shingles along a diagonal (i - j constant), in word positions [start, end).
  const runs: { ai: number; aj: number; bi: number; bj: number }[] = [];
  const open = new Map<number, (typeof runs)[number]>();
  for (let j = 0; j + k <= wb.length; j++) {
    for (const i of index.get(shingleAt(wb, j, k)) ?? []) {
      const run = open.get(i - j);
      if (run && run.bj === j + k - 1) {
        run.aj = i + k;
        run.bj = j + k;
      } else {
        const fresh = { ai: i, aj: i + k, bi: j, bj: j + k };
        runs.push(fresh);
        open.set(i - j, fresh);
      }
    }
  }
  runs.sort((x, y) => x.bi - y.bi || x.ai - y.ai);
  const merged: (typeof runs)[number][] = [];
  for (const run of runs) {
    const last = merged.find((m) => run.bi >= m.bi && run.bi - m.bj <= maxGap && run.ai - m.aj <= maxGap && run.ai >= m.ai);
    if (last) {
      last.aj = Math.max(last.aj, run.aj);
      last.bj = Math.max(last.bj, run.bj);
    } else merged.push({ ...run });
  }
  return merged
    .map((m) => ({
      a: { start: wa[m.ai]!.start, end: wa[m.aj - 1]!.end },
      b: { start: wb[m.bi]!.start, end: wb[m.bj - 1]!.end },
      words: Math.min(m.aj - m.ai, m.bj - m.bi),
    }))
    .filter((p) => p.words >= minWords)
    .sort((x, y) => x.a.start - y.a.start || x.b.start - y.b.start);
}

function shingleAt(list: readonly Word[], at: number, k: number): string {
  let key = list[at]!.token;
  for (let n = 1; n < k; n++) key += ` ${list[at + n]!.token}`;
  return key;
}
