import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Pandoc } from './pandoc.js';
import type { PandocDocument, PandocNode } from './pandoc-ast.js';
import { packageRoot } from '../util/package-root.js';

/** A piece of Markdown from a spec or finding, converted together with all others of a batch. */
export interface Fragment {
  key: string;
  markdown: string;
  /** Inline fragments lose their paragraph wrapper (for claims, list items, table cells). */
  inline?: boolean;
}

export interface FragmentWarning {
  message: string;
  fragment?: Fragment;
}

export interface ConvertedFragments {
  /** Each fragment's syntax tree; every Cite carries its cluster's number within the fragment in its first citation's `citationHash`. */
  blocks: Map<string, PandocNode[]>;
  /** Each fragment's HTML, with <!--briefwright-citation-N--> where the fragment's cluster N stands. */
  html: Map<string, string>;
  warnings: FragmentWarning[];
  /** Fragments pandoc did not return exactly once and intact (none, unless pandoc or the reader misbehaves). */
  lost: Fragment[];
}

// Raw HTML stays raw (and is refused later): native spans and divs would turn <span onclick> into attributes.
const readerFormat = 'markdown-raw_tex-raw_attribute-native_spans-native_divs';
// pandoc 2.17 lowercases the --from argument, a custom reader's path included: it runs in the
// reader's folder and is given the reader's (lowercase) name only.
const readerFolder = join(packageRoot, 'src', 'markdown');
const reader = 'fragments.lua';

/** The pattern of the citation markers in `ConvertedFragments.html`: group 1 is the cluster's number. */
export const citationMarkerPattern = /<!--briefwright-citation-(\d+)-->/g;

/** One fragment per line: its line breaks, tabs and backslashes escaped (fragments.lua unescapes them). */
function escapeLine(markdown: string): string {
  return markdown.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

/**
 * Converts all fragments of a build in one pandoc run, each parsed on its own: the input is one
 * escaped line per fragment, which the custom reader (fragments.lua) hands to pandoc's Markdown
 * reader one at a time, so no fragment can end, open or address another. The reader returns each
 * fragment's tree (a Div per fragment, in order) and HTML, and the length of what it read; a fragment
 * missing, repeated or changed on the way is reported in `lost`, not silently used.
 */
export async function convertFragments(pandoc: Pandoc, fragments: readonly Fragment[]): Promise<ConvertedFragments> {
  const nonce = randomBytes(8).toString('hex');
  const input = [`briefwright-fragments 1 ${nonce} ${readerFormat}`, ...fragments.map((f) => `${f.inline ? 'i' : 'b'} ${escapeLine(f.markdown)}`)].join('\n');
  // --sandbox: reading Markdown needs no file; nothing a fragment names is read or fetched.
  const { output, warnings: raw, stderr } = await pandoc.run(input, { from: reader, to: 'json', args: ['--sandbox'], cwd: readerFolder });
  const warnings = warningsByFragment(stderr ?? raw.join('\n'), nonce, fragments);
  const doc = JSON.parse(output) as PandocDocument;
  const lengths = metaStrings(doc.meta['briefwright-lengths']) ?? (fragments.length === 0 ? [] : undefined);
  const written = (doc.meta['briefwright-html'] as { t: string; c: string } | undefined)?.c;
  if (typeof written !== 'string' || !lengths) throw new Error('pandoc returned no HTML: its Markdown reader did not run');
  // Each fragment's HTML follows a comment with the run's nonce and its index; a fragment has no raw
  // HTML in its HTML, so it cannot write one.
  const pieces = new Map<number, string>();
  const parts = written.split(new RegExp(`<!--${nonce} (\\d+)-->\\n?`));
  for (let i = 1; i < parts.length; i += 2) pieces.set(Number(parts[i]), pieces.has(Number(parts[i])) ? '\0repeated' : parts[i + 1]!.trim());
  const blocks = new Map<string, PandocNode[]>();
  const html = new Map<string, string>();
  const lost: Fragment[] = [];
  for (const [i, fragment] of fragments.entries()) {
    const block = doc.blocks[i];
    const [[id], content] = (block?.t === 'Div' ? block.c : [['']]) as [[string, string[], unknown], PandocNode[]];
    const piece = pieces.get(i);
    const intact = id === `briefwright-fragment-${i}` && lengths[i] === String(Buffer.byteLength(fragment.markdown)) && piece !== undefined && piece !== '\0repeated';
    if (!intact || blocks.has(fragment.key)) {
      lost.push(fragment);
      continue;
    }
    blocks.set(fragment.key, content);
    html.set(fragment.key, piece);
  }
  if (doc.blocks.length !== fragments.length || pieces.size !== fragments.length) {
    for (const fragment of fragments) if (!lost.includes(fragment)) lost.push(fragment);
  }
  return { blocks, html, warnings, lost };
}

function metaStrings(value: unknown): string[] | undefined {
  const list = value as { t: string; c: { t: string; c: unknown }[] } | undefined;
  return list?.t === 'MetaList' ? list.c.map((item) => (item.t === 'MetaString' ? String(item.c) : '')) : undefined;
}

/** Pandoc's warnings, each with the fragment it arose in: the reader marks where each fragment starts. */
function warningsByFragment(stderr: string, nonce: string, fragments: readonly Fragment[]): FragmentWarning[] {
  const warnings: FragmentWarning[] = [];
  let current: Fragment | undefined;
  for (const part of stderr.split(/\n(?=\[WARNING\]|[0-9a-f]{16} \d+\n)/)) {
    const marker = new RegExp(`^${nonce} (\\d+)(?:\\n|$)`).exec(part);
    if (marker) {
      current = fragments[Number(marker[1])];
      continue;
    }
    const message = part.replace(/^\[WARNING\]\s*/, '').trim();
    if (message !== '') warnings.push({ message, fragment: current });
  }
  return warnings;
}

/**
 * What pandoc made of fragments in earlier builds of a session, by their Markdown: a fragment's tree
 * and HTML depend on nothing else, so a preview converts only the fields that changed.
 */
export class FragmentCache {
  private readonly converted = new Map<string, { blocks: PandocNode[]; html: string; warnings: string[] }>();
  constructor(private readonly size = 5000) {}

  static key = (fragment: Fragment) => `${fragment.inline ? 'i' : 'b'} ${fragment.markdown}`;

  has(fragment: Fragment): boolean {
    return this.converted.has(FragmentCache.key(fragment));
  }

  /** Puts a cached fragment's tree, HTML and warnings into `into`. */
  recall(fragment: Fragment, into: ConvertedFragments): void {
    const { blocks, html, warnings } = this.converted.get(FragmentCache.key(fragment))!;
    into.blocks.set(fragment.key, blocks);
    into.html.set(fragment.key, html);
    into.warnings.push(...warnings.map((message) => ({ message, fragment })));
  }

  remember(fragments: readonly Fragment[], from: ConvertedFragments): void {
    for (const fragment of fragments) {
      const blocks = from.blocks.get(fragment.key);
      if (blocks === undefined || from.lost.includes(fragment)) continue;
      const warnings = from.warnings.filter((w) => w.fragment === fragment).map((w) => w.message);
      this.converted.set(FragmentCache.key(fragment), { blocks, html: from.html.get(fragment.key)!, warnings });
    }
    for (const key of this.converted.keys()) {
      if (this.converted.size <= this.size) break;
      this.converted.delete(key);
    }
  }
}

/**
 * Converts the fragments of many documents in as many pandoc runs at a time as `processes`, each with
 * whole documents and about the same amount of Markdown (fragments a `cache` holds are not converted
 * again). One run costs pandoc ~0.15 s before any input and ~25 ms per four-page
 * document, so a run takes at least `documentsPerRun` documents: one run for a single document, two
 * at once for a large batch on two cores.
 */
export async function convertDocuments(
  pandoc: Pandoc,
  all: readonly (readonly Fragment[])[],
  processes: number,
  { documentsPerRun = 12, cache }: { documentsPerRun?: number; cache?: FragmentCache } = {},
): Promise<ConvertedFragments> {
  const documents = cache ? all.map((fragments) => fragments.filter((f) => !cache.has(f))).filter((fragments) => fragments.length > 0) : all;
  const runs = Math.max(1, Math.min(processes, Math.floor(documents.length / documentsPerRun)));
  const size = (fragments: readonly Fragment[]) => fragments.reduce((sum, f) => sum + f.markdown.length, 0);
  const total = documents.reduce((sum, fragments) => sum + size(fragments), 0);
  const groups: Fragment[][] = [[]];
  let done = 0;
  for (const fragments of documents) {
    if (done >= (total * groups.length) / runs && groups.length < runs) groups.push([]);
    groups.at(-1)!.push(...fragments);
    done += size(fragments);
  }
  const converted = await Promise.all(groups.filter((group) => group.length > 0).map((group) => convertFragments(pandoc, group)));
  const result: ConvertedFragments = {
    blocks: new Map(converted.flatMap((c) => [...c.blocks])),
    html: new Map(converted.flatMap((c) => [...c.html])),
    warnings: converted.flatMap((c) => c.warnings),
    lost: converted.flatMap((c) => c.lost),
  };
  if (cache) {
    const fresh = new Set(documents.flat());
    const recalled = all.flat().filter((fragment) => !fresh.has(fragment));
    cache.remember([...fresh], result);
    for (const fragment of recalled) cache.recall(fragment, result);
  }
  for (const [key, html] of result.html) if (html.includes('footnote')) result.html.set(key, withFootnoteIdsOf(key, html));
  return result;
}

/**
 * pandoc numbers each fragment's footnotes from 1 (fn1, fnref1): the fragment's key, unique in the
 * document, goes into their ids and links, so two fields' notes neither clash nor link to each other.
 * Text cannot forge these attributes: its quotes are escaped and raw HTML is dropped.
 */
function withFootnoteIdsOf(key: string, html: string): string {
  const scope = key.replace(/[^A-Za-z0-9-]+/g, '-');
  return html.replace(/\b(id="|href="#)fn(ref)?(\d+)"/g, (_, attribute: string, ref = '', n: string) => `${attribute}fn${ref}-${scope}-${n}"`);
}
