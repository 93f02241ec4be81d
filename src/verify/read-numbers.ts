import { languagePacks } from '../languages/index.js';

/**
 * Reads the figures written in a stretch of text, with every value each could stand for:
 * "76.6%" → 76.6, "3 million" → 3000000, "20,000" → 20000, "20,7 mln" → 20700000.
 */
export interface WrittenFigure {
  /** The figure as written, scale word included ("20,7 mln"). */
  text: string;
  /** The values it can be read as (a comma may group thousands or mark decimals). */
  values: number[];
}

// Papers and documents may be in any of the packs' languages: every pack's words are read.
const packs = Object.values(languagePacks);
const scales: Record<string, number> = Object.assign({}, ...packs.map((p) => lowerKeys(p.figureWords.scales)));
const numberWords: Record<string, number> = Object.assign({}, ...packs.map((p) => lowerKeys(p.figureWords.numbers)));

// "k" and "m" may also be units (km, metres).
const ambiguousScales = new Set(['k', 'm']);

const scaleWord = `(?:${Object.keys(scales).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})\\.?`;
// Digits with , . or a single space between groups; then an optional scale word.
const digitsPattern = new RegExp(`(?<![\\p{L}\\p{N}])(\\d+(?:(?:[.,]| (?=\\d{3}(?!\\d)))\\d+)*)(?:\\s?(${scaleWord})(?![\\p{L}]))?`, 'giu');
const wordsPattern = new RegExp(`(?<![\\p{L}])(${Object.keys(numberWords).map(escapeRegExp).join('|')})(?:[ -](${scaleWord})(?![\\p{L}]))?(?![\\p{L}])`, 'giu');

export function readNumbers(text: string): WrittenFigure[] {
  const figures: WrittenFigure[] = [];
  for (const match of text.matchAll(digitsPattern)) {
    const word = match[2]?.toLowerCase().replace(/\.$/, '');
    const scale = word ? scales[word] ?? 1 : 1;
    const values = readDigits(match[1]!).map((v) => v * scale);
    // "k" and "m" may also be units (km, metres): keep the bare number too.
    if (word && ambiguousScales.has(word)) values.push(...readDigits(match[1]!));
    // A space-grouped figure ("20 000") may also be two figures side by side.
    if (match[1]!.includes(' ')) for (const part of match[1]!.split(' ')) values.push(...readDigits(part));
    figures.push({ text: match[0], values: unique(values) });
  }
  for (const match of text.matchAll(wordsPattern)) {
    const scale = match[2] ? scales[match[2].toLowerCase().replace(/\.$/, '')] ?? 1 : 1;
    figures.push({ text: match[0], values: [numberWords[match[1]!.toLowerCase()]! * scale] });
  }
  return figures;
}

/** The values a run of digits and separators can mean. */
function readDigits(written: string): number[] {
  const values: number[] = [];
  const compact = written.replace(/ /g, '');
  if (/^\d+$/.test(compact)) values.push(Number(compact));
  // 20,000 · 1,234.5 (commas group thousands)
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(written)) values.push(Number(written.replace(/,/g, '')));
  // 20.000 · 1.234,5 (dots group thousands)
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(written)) values.push(Number(written.replace(/\./g, '').replace(',', '.')));
  // 76.6 · 20,7 (one decimal mark)
  if (/^\d+[.,]\d+$/.test(written)) values.push(Number(written.replace(',', '.')));
  return values;
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}

/** True when two figures are the same number (up to floating-point noise from scaling). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function mentions(figures: readonly WrittenFigure[], value: number): boolean {
  return figures.some((f) => f.values.some((v) => sameNumber(v, value)));
}

function lowerKeys(words: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(words).map(([word, value]) => [word.toLowerCase(), value]));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
