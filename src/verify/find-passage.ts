import { distance } from 'fastest-levenshtein';
import { normalizeText, type NormalizedText } from './normalize-text.js';

/** A source text prepared for searching, under both readings of a hyphen at a line end. */
export interface SourceText {
  /** File name, as the manifest gives it. */
  file: string;
  raw: string;
  /** Hyphenated line ends rejoined (the usual reading). */
  joined: NormalizedText;
  /** Hyphens at line ends kept (for compounds such as `e-\ngovernment`). */
  kept: NormalizedText;
  /** 0-based offsets in `raw` where each line starts. */
  lineStarts: number[];
}

export function prepareSource(file: string, raw: string): SourceText {
  const text = raw.normalize('NFC');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return {
    file,
    raw: text,
    joined: normalizeText(text, { rejoinHyphens: true }),
    kept: normalizeText(text, { rejoinHyphens: false }),
    lineStarts,
  };
}

/** A stretch of a normalized source: [start, end) in `in.text`. */
export interface Passage {
  in: NormalizedText;
  start: number;
  end: number;
}

/** Every place the normalized phrase occurs in the source, under either hyphen reading. */
export function findOccurrences(source: SourceText, phrase: string): Passage[] {
  if (phrase.length === 0) return [];
  for (const text of [source.joined, source.kept]) {
    const found: Passage[] = [];
    for (let at = text.text.indexOf(phrase); at >= 0; at = text.text.indexOf(phrase, at + 1)) {
      found.push({ in: text, start: at, end: at + phrase.length });
    }
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The passage of the source closest to the phrase by edit distance: word-aligned windows of about
 * the phrase's length, so the hint quotes whole words.
 */
export function closestPassage(source: SourceText, phrase: string): (Passage & { distance: number }) | undefined {
  const text = source.joined;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.text.matchAll(/\S+/g)) {
    starts.push(match.index);
    ends.push(match.index + match[0].length);
  }
  const words = phrase.split(' ').length;
  let best: (Passage & { distance: number }) | undefined;
  for (let i = 0; i < starts.length; i++) {
    for (let length = Math.max(1, words - 2); length <= words + 2 && i + length <= starts.length; length++) {
      const end = ends[i + length - 1]!;
      const score = distance(phrase, text.text.slice(starts[i]!, end));
      if (!best || score < best.distance) best = { in: text, start: starts[i]!, end, distance: score };
    }
  }
  return best;
}

/** 1-based line in the source file where a passage begins. */
export function lineOf(source: SourceText, passage: Passage): number {
  const offset = passage.in.offsets[passage.start] ?? 0;
  let low = 0;
  let high = source.lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (source.lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** The passage's text with up to `words` whole words on each side: what "right next to" means. */
export function surroundings(passage: Passage, words: number): string {
  const { text } = passage.in;
  let start = passage.start;
  let end = passage.end;
  // Widen to whole words first, then take `words` more on each side.
  while (start > 0 && text[start - 1] !== ' ') start--;
  while (end < text.length && text[end] !== ' ') end++;
  for (let n = 0; n < words && start > 0; n++) {
    start = text.lastIndexOf(' ', start - 2) + 1;
  }
  // One more word when the window would cut a figure from its scale word ("5.4 | million").
  for (let n = 0; end < text.length && (n < words || (n === words && /\d\S*$/.test(text.slice(start, end)))); n++) {
    const next = text.indexOf(' ', end + 1);
    end = next < 0 ? text.length : next;
  }
  return text.slice(start, end);
}
