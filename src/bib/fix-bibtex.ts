import { bareDoi, findDuplicates, type Duplicate } from './find-duplicates.js';
import { foldText, personKey, splitNames } from './fold-text.js';
import { collapseSpace, meaningOf, monthNumber, pageRanges, trimSpace, verbatimFields } from './normalize-value.js';
import { expandValue, parseBibtex, stringMacros, type BibBlock, type BibEntry, type BibField, type BibPart, type ParsedBibtex, type Position } from './parse-bibtex.js';
import { blockDifferences } from './same-library.js';

export interface Fix {
  key: string;
  field: string;
  at: Position;
  before: string;
  after: string;
  what: string;
}

export interface Merge {
  /** The entry that stays (the first in the file). */
  keep: BibEntry;
  /** The entry folded into it. */
  drop: BibEntry;
  reason: string;
  /** Fields of `drop` that `keep` lacks or leaves empty: they move over. */
  added: string[];
  /** Fields whose value in `drop` says more (all of `keep`'s words and others): it replaces `keep`'s. */
  fuller: { field: string; taken: string; replaced: string }[];
  /** Fields whose values disagree: `keep`'s stays, and a person should check which is right. */
  conflicts: { field: string; kept: string; dropped: string }[];
}

export interface FixResult {
  /** The blocks after the fixes, before any merge. */
  fixed: BibBlock[];
  /** The blocks after the fixes and, when applied, the merges: what formatBibtex writes. */
  blocks: BibBlock[];
  fixes: Fix[];
  merges: Merge[];
  /** One key on two different works: no merge, one of them needs another key. */
  clashes: Duplicate[];
}

/**
 * The safe fixes of `brief bib fix`: DOIs without URL prefix or spaces, months as numbers (biblatex's
 * form: `month = {3}`), page ranges with `--` (`12--34`; `A-1` is a page, not a range), runs of spaces,
 * tabs and line breaks as one space (other spaces, such as thin spaces, are text). Each changes how a
 * value is written, never what it says (`fixDifferences` proves it). Probable duplicates are proposed
 * as merges and applied only with `merge: true`: the first entry stays and lists the other's key in
 * `ids` (biblatex's alias keys); field by field, a value only the other has, or one that says more
 * than the first's, is taken, and values that disagree keep the first's and are reported.
 */
export function fixBibtex(parsed: ParsedBibtex, options: { merge?: boolean } = {}): FixResult {
  const fixes: Fix[] = [];
  const fixed = parsed.blocks.map((block) => (block.kind === 'entry' ? fixEntry(block, fixes) : block));
  const duplicates = findDuplicates({ blocks: fixed });
  const { merges, fields } = planMerges(fixed, duplicates.filter((d) => d.mergeable));
  const clashes = duplicates.filter((d) => !d.mergeable);
  const blocks = options.merge && merges.length > 0 ? applyMerges(fixed, merges, fields) : fixed;
  return { fixed, blocks, fixes, merges, clashes };
}

/**
 * The proof that `brief bib fix` says what it means to: the fixed library means what the original
 * means (every entry and field compared after `meaningOf`, every @string, @preamble and comment with
 * the entries it heads), and `written`, read again, holds exactly the fixed (and merged) library.
 * Empty when both hold; otherwise what differs, and nothing may be written.
 */
export function fixDifferences(parsed: ParsedBibtex, result: FixResult, written: string): string[] {
  const reread = parseBibtex(written);
  if (reread.errors.length > 0) return [`the new text does not parse: ${reread.errors[0]!.message}`];
  return [...blockDifferences(parsed.blocks, result.fixed, meaningOf), ...blockDifferences(result.blocks, reread.blocks)];
}

function fixEntry(entry: BibEntry, fixes: Fix[]): BibEntry {
  const fields = entry.fields.map((field): BibField => {
    const name = field.name.toLowerCase();
    let parts = field.value.parts;
    const record = (what: string, next: BibPart[]) => {
      const show = (ps: readonly BibPart[]) => ps.map((p) => p.text).join(' # ');
      fixes.push({ key: entry.key, field: field.name, at: field.value.at, before: show(parts), after: show(next), what });
      parts = next;
    };
    const literal = parts.length === 1 && parts[0]!.kind !== 'macro' ? parts[0]! : undefined;

    // Whitespace: collapse runs (a blank line stays a paragraph break); trim a value of one part.
    const trim = parts.length === 1;
    const tidy = (text: string) => (verbatimFields.has(name) ? (trim ? trimSpace(text) : text) : collapseSpace(text, trim));
    const spaced = parts.map((p) => (p.kind === 'braced' || p.kind === 'quoted' ? { ...p, text: tidy(p.text) } : p));
    if (spaced.some((p, i) => p.text !== parts[i]!.text)) record('whitespace', spaced);

    if (name === 'doi' && literal) {
      const bare = bareDoi(parts[0]!.text);
      if (bare !== parts[0]!.text) record('DOI without URL prefix or spaces', [{ ...parts[0]!, text: bare }]);
    }
    if (name === 'month' && parts.length === 1) {
      const month = monthNumber(parts[0]!.text);
      if (month && !(parts[0]!.kind !== 'macro' && parts[0]!.text === month)) {
        record('month as a number', [{ kind: 'braced', text: month, at: parts[0]!.at }]);
      }
    }
    if (name === 'pages' && literal) {
      const ranges = pageRanges(parts[0]!.text);
      if (ranges !== parts[0]!.text) record('page range with --', [{ ...parts[0]!, text: ranges }]);
    }
    return parts === field.value.parts ? field : { ...field, value: { ...field.value, parts } };
  });
  return fields.every((f, i) => f === entry.fields[i]) ? entry : { ...entry, fields };
}

const blank = (text: string) => trimSpace(text.replace(/[{}]/g, '')) === '';

/** The name-list fields of biblatex's data model (blx-dm.def, `datatype=name`). */
const nameFields = new Set(['author', 'editor', 'editora', 'editorb', 'editorc', 'translator', 'bookauthor', 'annotator', 'commentator', 'introduction', 'foreword', 'afterword', 'holder', 'namea', 'nameb', 'namec', 'shortauthor', 'shorteditor']);

/**
 * Which of two values of one field says more. `same`: they mean the same, or differ only in case,
 * accents, braces and punctuation. `ours` or `theirs`: that one holds all of the other's words in
 * order and more (a title with its subtitle); for names, the same people in the same order and more
 * (`and others` counts as more). `neither`: they disagree, and a person must choose.
 */
function fullerValue(field: string, ours: string, theirs: string): 'same' | 'ours' | 'theirs' | 'neither' {
  if (meaningOf(field, ours) === meaningOf(field, theirs)) return 'same';
  const [a, b] = nameFields.has(field) ? [people(ours), people(theirs)] : [foldText(ours), foldText(theirs)];
  if (a === b) return 'same';
  if (` ${a} `.includes(` ${b} `)) return 'ours';
  if (` ${b} `.includes(` ${a} `)) return 'theirs';
  return 'neither';
}

/** A name list as its people (`personKey`), in order. */
const people = (names: string) => splitNames(names).map(personKey).join(' ; ');

function planMerges(blocks: readonly BibBlock[], duplicates: Duplicate[]): { merges: Merge[]; fields: Map<BibEntry, BibField[]> } {
  const strings = stringMacros({ blocks });
  const value = (field: BibField) => expandValue(field.value, strings);
  const merges: Merge[] = [];
  const fields = new Map<BibEntry, BibField[]>();
  // Fold each duplicate into the entry that stays, following chains (c duplicates b, b duplicates a).
  const survivor = (entry: BibEntry): BibEntry => {
    const merge = merges.find((m) => m.drop === entry);
    return merge ? survivor(merge.keep) : entry;
  };
  for (const duplicate of duplicates) {
    const keep = survivor(duplicate.first);
    const drop = duplicate.second;
    if (keep === drop || merges.some((m) => m.drop === drop)) continue;
    const merge: Merge = { keep, drop, reason: duplicate.reason, added: [], fuller: [], conflicts: [] };
    const kept = [...(fields.get(keep) ?? keep.fields)];
    const seen = new Set<string>();
    for (const field of fields.get(drop) ?? drop.fields) {
      const name = field.name.toLowerCase();
      // The first of repeated fields is the one BibTeX reads; ids are joined when the merge is applied.
      if (name === 'ids' || seen.has(name)) continue;
      seen.add(name);
      const theirs = value(field);
      if (blank(theirs)) continue;
      const at = kept.findIndex((f) => f.name.toLowerCase() === name);
      const ours = at >= 0 ? value(kept[at]!) : '';
      const take = () => (at >= 0 ? (kept[at] = { ...field, name: kept[at]!.name }) : kept.push(field));
      if (blank(ours)) {
        take();
        merge.added.push(name);
        continue;
      }
      const fuller = fullerValue(name, ours, theirs);
      if (fuller === 'theirs') {
        take();
        merge.fuller.push({ field: name, taken: theirs, replaced: ours });
      } else if (fuller === 'neither') {
        merge.conflicts.push({ field: name, kept: ours, dropped: theirs });
      }
    }
    fields.set(keep, kept);
    merges.push(merge);
  }
  return { merges, fields };
}

function applyMerges(blocks: readonly BibBlock[], merges: Merge[], merged: ReadonlyMap<BibEntry, BibField[]>): BibBlock[] {
  const drops = new Set(merges.map((m) => m.drop));
  return blocks
    .filter((block) => block.kind !== 'entry' || !drops.has(block))
    .map((block) => {
      if (block.kind !== 'entry' || !merged.has(block)) return block;
      const fields = [...merged.get(block)!];
      // Every key folded into this entry, through chains too, stays citable as an alias.
      const folded = (entry: BibEntry): BibEntry[] => merges.filter((m) => m.keep === entry).flatMap((m) => [m.drop, ...folded(m.drop)]);
      const aliases = folded(block).flatMap((entry) => [entry.key, ...idsOf(entry)]).filter((key) => key !== block.key);
      if (aliases.length > 0) {
        const existing = fields.findIndex((f) => f.name.toLowerCase() === 'ids');
        const ids = [...new Set([...idsOf(block), ...aliases])].join(', ');
        const field: BibField = { name: 'ids', at: block.keyAt, value: { at: block.keyAt, parts: [{ kind: 'braced', text: ids, at: block.keyAt }] } };
        if (existing >= 0) fields[existing] = field;
        else fields.push(field);
      }
      return { ...block, fields };
    });
}

/** The alias keys an entry lists in `ids`. */
function idsOf(entry: BibEntry): string[] {
  const ids = entry.fields.find((f) => f.name.toLowerCase() === 'ids');
  return ids ? ids.value.parts.map((p) => p.text).join('').split(',').map((k) => k.trim()).filter(Boolean) : [];
}

/** A key clash as `brief bib fix` prints it. */
export function describeClash(clash: Duplicate, file: string): string {
  const at = (entry: BibEntry) => `${file}:${entry.keyAt.line}:${entry.keyAt.column}`;
  return `rename "${clash.second.key}" (${at(clash.second)}) or "${clash.first.key}" (${at(clash.first)}): one key for two different works, nothing merged`;
}

/** The merges as `brief bib fix` prints them. */
export function describeMerge(merge: Merge, file: string): string[] {
  const at = (entry: BibEntry) => `${file}:${entry.keyAt.line}:${entry.keyAt.column}`;
  const lines = [`merge "${merge.drop.key}" (${at(merge.drop)}) into "${merge.keep.key}" (${at(merge.keep)}): ${merge.reason}`];
  if (merge.added.length > 0) lines.push(`  takes over: ${merge.added.join(', ')}`);
  for (const f of merge.fuller) lines.push(`  takes the fuller ${f.field} = {${f.taken}}, not {${f.replaced}}`);
  for (const c of merge.conflicts) lines.push(`  conflicting ${c.field}: keeps {${c.kept}}, drops {${c.dropped}}; check which is right`);
  if (merge.drop.key !== merge.keep.key) lines.push(`  cite "${merge.keep.key}" instead of "${merge.drop.key}" (kept as an alias in ids)`);
  return lines;
}
