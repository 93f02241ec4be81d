import { findDuplicates, bareDoi, type Duplicate } from './find-duplicates.js';
import { fieldValues, stringMacros, type BibBlock, type BibEntry, type BibField, type BibPart, type ParsedBibtex, type Position } from './parse-bibtex.js';

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
  /** Fields of `drop` that `keep` lacks: they move over. */
  added: string[];
  /** Fields both have with different values: `keep`'s value stays. */
  conflicts: { field: string; kept: string; dropped: string }[];
}

export interface FixResult {
  /** The blocks after the fixes (and the merges, when applied), for formatBibtex. */
  blocks: BibBlock[];
  fixes: Fix[];
  merges: Merge[];
  /** One key on two different works: no merge, one of them needs another key. */
  clashes: Duplicate[];
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Fields whose text is taken literally by biblatex (verbatim and URI fields): whitespace inside is not collapsed. */
const verbatimFields = new Set(['url', 'doi', 'eprint', 'file', 'pdf', 'verba', 'verbb', 'verbc']);

/**
 * The safe fixes of `brief bib fix`: DOIs without URL prefix or spaces, months as numbers (biblatex's
 * form: `month = {3}`), page ranges with an en dash (`1--2`), whitespace trimmed and collapsed. Each
 * changes how a value is written, never what it says. Probable duplicates are proposed as merges and
 * applied only with `merge: true`: the first entry stays, gains the fields only the other has, and
 * lists the other's key in `ids` (biblatex's alias keys); on conflicting values the first entry's stays.
 */
export function fixBibtex(parsed: ParsedBibtex, options: { merge?: boolean } = {}): FixResult {
  const fixes: Fix[] = [];
  const blocks = parsed.blocks.map((block) => (block.kind === 'entry' ? fixEntry(block, fixes) : block));
  const fixed = { blocks };
  const duplicates = findDuplicates(fixed);
  const merges = planMerges(fixed, duplicates.filter((d) => d.mergeable));
  const clashes = duplicates.filter((d) => !d.mergeable);
  if (!options.merge || merges.length === 0) return { blocks, fixes, merges, clashes };
  return { blocks: applyMerges(blocks, merges), fixes, merges, clashes };
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
    const spaced = parts.map((p) => (p.kind === 'braced' || p.kind === 'quoted' ? { ...p, text: tidySpace(p.text, parts.length === 1, verbatimFields.has(name)) } : p));
    if (spaced.some((p, i) => p.text !== parts[i]!.text)) record('whitespace', spaced);

    if (name === 'doi' && literal) {
      const bare = bareDoi(parts[0]!.text);
      if (bare !== parts[0]!.text) record('DOI without URL prefix or spaces', [{ ...parts[0]!, text: bare }]);
    }
    if (name === 'month') {
      const month = monthNumber(parts);
      if (month && !(parts.length === 1 && parts[0]!.kind !== 'macro' && parts[0]!.text === month)) {
        record('month as a number', [{ kind: 'braced', text: month, at: parts[0]!.at }]);
      }
    }
    if (name === 'pages' && literal) {
      const ranges = parts[0]!.text
        .split(',')
        .map((range) => range.replace(/^(\s*[\p{L}\p{N}]+)\s*(?:-{1,3}|[‐‑‒–—−])\s*([\p{L}\p{N}]+\s*)$/u, '$1--$2'))
        .join(',');
      if (ranges !== parts[0]!.text) record('page range with --', [{ ...parts[0]!, text: ranges }]);
    }
    return parts === field.value.parts ? field : { ...field, value: { ...field.value, parts } };
  });
  return fields.every((f, i) => f === entry.fields[i]) ? entry : { ...entry, fields };
}

function tidySpace(text: string, trim: boolean, verbatim: boolean): string {
  if (verbatim) return trim ? text.trim() : text;
  const paragraphs = text.split(/[ \t]*\r?\n[ \t]*\r?\n\s*/).map((p) => p.replace(/\s+/g, ' '));
  const joined = paragraphs.join('\n\n');
  return trim ? joined.trim() : joined;
}

/** The month a value names, as a number 1–12: a month macro, an English month name or abbreviation, or a number. */
function monthNumber(parts: readonly BibPart[]): string | undefined {
  if (parts.length !== 1) return undefined;
  const text = parts[0]!.text.trim().toLowerCase().replace(/\.$/, '');
  if (/^[0-9]{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= 12) return String(Number(text));
  const index = monthNames.findIndex((name) => name === text || (text.length >= 3 && name.startsWith(text)));
  return index >= 0 ? String(index + 1) : undefined;
}

function planMerges(parsed: Pick<ParsedBibtex, 'blocks'>, duplicates: Duplicate[]): Merge[] {
  const strings = stringMacros(parsed);
  const merges: Merge[] = [];
  const dropped = new Set<BibEntry>();
  // Fold each duplicate into the entry that stays, following chains (c duplicates b, b duplicates a).
  const survivor = (entry: BibEntry): BibEntry => {
    const merge = merges.find((m) => m.drop === entry);
    return merge ? survivor(merge.keep) : entry;
  };
  for (const duplicate of duplicates) {
    const keep = survivor(duplicate.first);
    const drop = duplicate.second;
    if (keep === drop || dropped.has(drop)) continue;
    dropped.add(drop);
    const kept = fieldValues(keep, strings);
    const other = fieldValues(drop, strings);
    const added = [...other.keys()].filter((name) => !kept.has(name));
    const conflicts = [...other]
      .filter(([name, value]) => kept.has(name) && squash(kept.get(name)!) !== squash(value))
      .map(([field, value]) => ({ field, kept: kept.get(field)!, dropped: value }));
    merges.push({ keep, drop, reason: duplicate.reason, added, conflicts });
  }
  return merges;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function applyMerges(blocks: BibBlock[], merges: Merge[]): BibBlock[] {
  const drops = new Set(merges.map((m) => m.drop));
  return blocks
    .filter((block) => block.kind !== 'entry' || !drops.has(block))
    .map((block) => {
      if (block.kind !== 'entry') return block;
      const into = merges.filter((m) => m.keep === block);
      if (into.length === 0) return block;
      const fields = [...block.fields];
      const have = new Set(fields.map((f) => f.name.toLowerCase()));
      for (const merge of into) {
        for (const field of merge.drop.fields) {
          const name = field.name.toLowerCase();
          if (have.has(name) || name === 'ids') continue;
          have.add(name);
          fields.push(field);
        }
      }
      const aliases = into.map((m) => m.drop.key).filter((key) => key !== block.key);
      if (aliases.length > 0) {
        const existing = fields.findIndex((f) => f.name.toLowerCase() === 'ids');
        const old = existing >= 0 ? fields[existing]!.value.parts.map((p) => p.text).join('') : '';
        const ids = [...new Set([...old.split(',').map((k) => k.trim()).filter(Boolean), ...aliases])].join(', ');
        const field: BibField = { name: 'ids', at: block.keyAt, value: { at: block.keyAt, parts: [{ kind: 'braced', text: ids, at: block.keyAt }] } };
        if (existing >= 0) fields[existing] = field;
        else fields.push(field);
      }
      return { ...block, fields };
    });
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
  for (const c of merge.conflicts) lines.push(`  keeps ${c.field} = {${c.kept}}, drops {${c.dropped}}`);
  if (merge.drop.key !== merge.keep.key) lines.push(`  cite "${merge.keep.key}" instead of "${merge.drop.key}" (kept as an alias in ids)`);
  return lines;
}

