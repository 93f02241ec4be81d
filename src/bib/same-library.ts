import { parseBibtex as parseCsl } from '../cite/citation-js.js';
import { entries, expandValue, parseBibtex, stringMacros, type ParsedBibtex } from './parse-bibtex.js';

/**
 * How two texts of a library differ in meaning, compared as parsed values, never as text: every block
 * as this reader sees it (macros expanded, whitespace runs as one space), and every entry as citation-js
 * turns it into CSL, which is what the briefs are built from. Empty when they mean the same.
 */
export function libraryDifferences(before: string, after: string): string[] {
  const a = parseBibtex(before);
  const b = parseBibtex(after);
  if (b.errors.length > 0 && a.errors.length === 0) return [`the new text does not parse: ${b.errors[0]!.message}`];
  const differences = difference(describe(a), describe(b));
  let cslBefore: string[] | undefined;
  try {
    cslBefore = csl(before);
  } catch {
    // citation-js cannot read the original either; the comparison above still holds.
  }
  if (cslBefore) {
    try {
      differences.push(...difference(cslBefore, csl(after)).map((d) => `citation-js: ${d}`));
    } catch (error) {
      differences.push(`citation-js cannot read the new text: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return differences;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function describe(parsed: ParsedBibtex): string[] {
  const strings = stringMacros(parsed);
  const lines: string[] = [];
  for (const block of parsed.blocks) {
    if (block.kind === 'string') lines.push(`@string ${block.name.toLowerCase()} = ${squash(expandValue(block.value, strings))}`);
    if (block.kind === 'preamble') lines.push(`@preamble ${squash(expandValue(block.value, strings))}`);
    if (block.kind === 'comment' || block.kind === 'text') lines.push(`comment ${squash(block.text)}`);
  }
  for (const entry of entries(parsed)) {
    const fields = entry.fields.map((f) => `${f.name.toLowerCase()} = ${squash(expandValue(f.value, strings))}`);
    lines.push(`@${entry.type.toLowerCase()}{${entry.key}} ${fields.sort().map((f) => `[${f}]`).join(' ')}`);
  }
  return lines;
}

function csl(text: string): string[] {
  return parseCsl(text).map((item) => JSON.stringify(sortKeys(item)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Items in one multiset and not the other, each prefixed with - (lost) or + (new). */
function difference(before: string[], after: string[]): string[] {
  const count = new Map<string, number>();
  for (const line of before) count.set(line, (count.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after) {
    const n = count.get(line) ?? 0;
    if (n > 0) count.set(line, n - 1);
    else added.push(`+ ${line}`);
  }
  const lost = [...count].flatMap(([line, n]) => Array.from({ length: n }, () => `- ${line}`));
  return [...lost, ...added];
}
