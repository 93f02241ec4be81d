import { entries, type BibBlock, type BibEntry, type BibField, type BibValue, type ParsedBibtex } from './parse-bibtex.js';

/**
 * Field order of the canonical form. Fields on one line of this list are BibTeX/biblatex aliases
 * (journal for journaltitle, address for location, school for institution) and share a place, so
 * two of them keep their order. Everything else follows in alphabetical order.
 */
const baseOrder: readonly (readonly string[])[] = [
  ['author'],
  ['editor'],
  ['title'],
  ['subtitle'],
  ['booktitle'],
  ['journaltitle'],
  ['journal'],
  ['edition'],
  ['volume'],
  ['number'],
  ['pages'],
  ['publisher'],
  ['institution', 'school'],
  ['organization'],
  ['location', 'address'],
  ['date'],
  ['year'],
  ['month'],
  ['doi'],
  ['isbn'],
  ['issn'],
  ['url'],
  ['urldate'],
  ['langid'],
  ['note'],
  ['annotation', 'annote'],
];

/** Entry types that are part of a larger work: their `editor` edits the container, so it follows `booktitle`. */
export const partTypes = new Set(['inbook', 'bookinbook', 'suppbook', 'incollection', 'suppcollection', 'inreference', 'inproceedings', 'conference']);

function orderFor(type: string): Map<string, number> {
  let order = baseOrder;
  if (partTypes.has(type.toLowerCase())) {
    order = baseOrder.filter(([name]) => name !== 'editor');
    const at = order.findIndex(([name]) => name === 'booktitle') + 1;
    order = [...order.slice(0, at), ['editor'], ...order.slice(at)];
  }
  return new Map(order.flatMap((names, rank) => names.map((name) => [name, rank] as const)));
}

/** Fields in canonical order: the fixed order for the entry type, then the rest by name; stable for ties. */
export function sortFields(type: string, fields: readonly BibField[]): BibField[] {
  const order = orderFor(type);
  const rank = (field: BibField) => order.get(field.name.toLowerCase()) ?? order.size;
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => {
      const byRank = rank(a.field) - rank(b.field);
      if (byRank !== 0) return byRank;
      if (rank(a.field) === order.size) {
        const byName = compareText(a.field.name.toLowerCase(), b.field.name.toLowerCase());
        if (byName !== 0) return byName;
      }
      return a.index - b.index;
    })
    .map(({ field }) => field);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries by key: case-insensitively, then by code point; entries with one key keep their order. */
export function compareKeys(a: BibEntry, b: BibEntry): number {
  return compareText(a.key.toLowerCase(), b.key.toLowerCase()) || compareText(a.key, b.key);
}

const lf = (text: string) => text.replace(/\r\n?/g, '\n');

/** `{braced}` for text, quotes and numbers; macro names bare; parts joined with ` # `. */
export function formatValue(value: BibValue): string {
  return value.parts.map((part) => (part.kind === 'macro' ? part.text : `{${lf(part.text)}}`)).join(' # ');
}

export function formatEntry(entry: BibEntry): string {
  const head = `@${entry.type.toLowerCase()}{${entry.key}`;
  // `@misc{key,}` rather than `@misc{key}`, which citation-js does not read.
  if (entry.fields.length === 0) return `${head},\n}`;
  const fields = sortFields(entry.type, entry.fields).map((f) => `  ${f.name.toLowerCase()} = ${formatValue(f.value)}`);
  return `${head},\n${fields.join(',\n')}\n}`;
}

export function formatBlock(block: BibBlock): string {
  switch (block.kind) {
    case 'entry':
      return formatEntry(block);
    case 'string':
      return `@string{${block.name} = ${formatValue(block.value)}}`;
    case 'preamble':
      return `@preamble{${formatValue(block.value)}}`;
    case 'comment':
      return `@comment{${lf(block.text)}}`;
    case 'text':
      return lf(block.text);
  }
}

/** The entries a comment heads: up to the next comment. The first stays right after the comment. */
export interface Section {
  /** Comment blocks (`%` lines and other free text, `@comment`); empty for the entries before any comment. */
  heading: BibBlock[];
  entries: BibEntry[];
}

/**
 * A library as its top (everything before the first entry, then every @string and @preamble, in
 * order) and its sections: a comment after the first entry heads the entries after it, up to the
 * next comment, as a heading does. The comment is often about the entry right after it, which stays
 * there; the others are sorted.
 */
export function librarySections(blocks: readonly BibBlock[]): { top: BibBlock[]; sections: Section[] } {
  const first = blocks.findIndex((b) => b.kind === 'entry');
  if (first < 0) return { top: [...blocks], sections: [] };
  const top = blocks.slice(0, first);
  const sections: Section[] = [{ heading: [], entries: [] }];
  for (const block of blocks.slice(first)) {
    const section = sections.at(-1)!;
    if (block.kind === 'string' || block.kind === 'preamble') top.push(block);
    else if (block.kind === 'entry') section.entries.push(block);
    else if (section.entries.length > 0) sections.push({ heading: [block], entries: [] });
    else section.heading.push(block);
  }
  return { top, sections };
}

/** A section's entries in canonical order: sorted by key, the one right after a comment first. */
export function sectionOrder({ heading, entries }: Section): BibEntry[] {
  const pinned = heading.length > 0 ? entries.slice(0, 1) : [];
  return [...pinned, ...entries.slice(pinned.length).sort(compareKeys)];
}

/** The blocks in canonical order: the top, then each section's comments and entries (`sectionOrder`). */
export function canonicalOrder(blocks: readonly BibBlock[]): BibBlock[] {
  const { top, sections } = librarySections(blocks);
  return [...top, ...sections.flatMap((section) => [...section.heading, ...sectionOrder(section)])];
}

/**
 * The canonical form of a library: the blocks in `canonicalOrder`, one blank line between blocks,
 * two-space indentation, `name = {value}`, LF line endings. Only for a library that parsed without errors.
 */
export function formatBibtex(parsed: Pick<ParsedBibtex, 'blocks'>): string {
  const blocks = canonicalOrder(parsed.blocks).map(formatBlock);
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

/** What `fmt` would change, one line per block, for `brief bib fmt --check`. */
export function describeFormatting(parsed: ParsedBibtex, file: string): string[] {
  const changes: string[] = [];
  for (const block of parsed.blocks) {
    if (lf(parsed.text.slice(block.start, block.end)) === formatBlock(block)) continue;
    const what = block.kind === 'entry' ? `entry "${block.key}"` : block.kind === 'text' ? 'text between entries' : `@${block.kind}`;
    changes.push(`${file}:${block.at.line}:${block.at.column} would reformat ${what}`);
  }
  const first = parsed.blocks.findIndex((b) => b.kind === 'entry');
  if (first >= 0 && parsed.blocks.slice(first).some((b) => b.kind === 'string' || b.kind === 'preamble')) {
    changes.push(`${file}: would move @string and @preamble above the entries`);
  }
  const order = canonicalOrder(parsed.blocks).filter((b) => b.kind === 'entry');
  if (entries(parsed).some((entry, i) => order[i] !== entry)) changes.push(`${file}: would sort the entries by key (within the sections that comments head)`);
  if (/\r/.test(parsed.text)) changes.push(`${file}: would use LF line endings`);
  return changes;
}
