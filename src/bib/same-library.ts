import { parseBibtex as parseCsl } from '../cite/citation-js.js';
import { collapseSpace } from './normalize-value.js';
import { librarySections } from './format-bibtex.js';
import { expandValue, parseBibtex, stringMacros, type BibBlock } from './parse-bibtex.js';

/** A field's value (lower-case name, macros expanded) as the comparison sees it. */
export type ValueMeaning = (name: string, value: string) => string;

/** Values as written, but for runs of spaces, tabs and line breaks, which TeX reads as one space. */
const asWritten: ValueMeaning = (_, value) => collapseSpace(value);

/**
 * How two texts of a library differ in meaning, compared as parsed values, never as text: every block
 * as this reader sees it (see `blockDifferences`), and every entry as citation-js turns it into CSL,
 * which is what the briefs are built from. Empty when they mean the same.
 */
export function libraryDifferences(before: string, after: string): string[] {
  const a = parseBibtex(before);
  const b = parseBibtex(after);
  if (b.errors.length > 0 && a.errors.length === 0) return [`the new text does not parse: ${b.errors[0]!.message}`];
  const differences = blockDifferences(a.blocks, b.blocks);
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
      differences.push(`citation-js: cannot read the new text: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return differences;
}

/**
 * How two versions of a library differ: every entry with each of its fields (`meaning` says which
 * forms of a value count as the same), every @string and @preamble, and every comment with the
 * entry right after it and the others it heads (`librarySections`), so a comment that moves differs.
 */
export function blockDifferences(before: readonly BibBlock[], after: readonly BibBlock[], meaning: ValueMeaning = asWritten): string[] {
  return difference(describe(before, meaning), describe(after, meaning));
}

function describe(blocks: readonly BibBlock[], meaning: ValueMeaning): string[] {
  const strings = stringMacros({ blocks });
  const { top, sections } = librarySections(blocks);
  const comments = (list: readonly BibBlock[]) =>
    list.flatMap((b) => (b.kind === 'comment' || b.kind === 'text' ? [b.text] : [])).join(' ').replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  if (comments(top)) lines.push(`comment "${comments(top)}" above the entries`);
  for (const block of top) {
    if (block.kind === 'string') lines.push(`@string{${block.name.toLowerCase()} = ${asWritten('', expandValue(block.value, strings))}}`);
    if (block.kind === 'preamble') lines.push(`@preamble{${asWritten('', expandValue(block.value, strings))}}`);
  }
  for (const section of sections) {
    const [first, ...others] = section.entries.map((e) => e.key);
    if (section.heading.length > 0) lines.push(`comment "${comments(section.heading)}" before ${first ?? 'the end'}${others.length > 0 ? ` and {${others.sort().join(', ')}}` : ''}`);
    for (const entry of section.entries) {
      const fields = entry.fields.map((f) => `${f.name.toLowerCase()} = {${meaning(f.name.toLowerCase(), expandValue(f.value, strings))}}`);
      lines.push(`@${entry.type.toLowerCase()}{${entry.key}} ${fields.sort().join(', ')}`);
    }
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
