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
  /** Each fragment's syntax tree; every Cite carries its cluster's number in its first citation's `citationHash`. */
  blocks: Map<string, PandocNode[]>;
  /** Each fragment's HTML, with <!--briefwright-citation-N--> where cluster N stands. */
  html: Map<string, string>;
  warnings: FragmentWarning[];
}

// Raw HTML stays raw (and is refused later): native spans and divs would turn <span onclick> into attributes.
const readerFormat = 'markdown-raw_tex-raw_attribute-native_spans-native_divs';
const filter = join(packageRoot, 'src', 'markdown', 'fragments.lua');

/** The pattern of the citation markers in `ConvertedFragments.html`: group 1 is the cluster's number. */
export const citationMarkerPattern = /<!--briefwright-citation-(\d+)-->/g;

/**
 * Converts all fragments of a build in one pandoc run: each goes into a fenced div whose id is its
 * index, so the output splits back into fragments without a process per field, and the filter
 * (fragments.lua) returns their HTML along with their syntax trees.
 */
export async function convertFragments(pandoc: Pandoc, fragments: readonly Fragment[]): Promise<ConvertedFragments> {
  const fence = ':'.repeat(12);
  const parts = fragments.map((f, i) => `${fence} {#briefwright-fragment-${i}${f.inline ? ' .briefwright-inline' : ''}}\n${f.markdown}\n${fence}\n`);
  const startLines: number[] = [];
  let line = 1;
  for (const part of parts) {
    startLines.push(line + 1);
    line += part.split('\n').length;
  }
  // A `#` heading inside a section body sits under the section's h2: shift it to h3.
  const { output, warnings: raw } = await pandoc.run(parts.join('\n'), {
    from: readerFormat,
    to: 'json',
    args: ['--shift-heading-level-by=2', `--lua-filter=${filter}`],
  });
  // Pandoc reports lines of the combined input: map each warning back to its fragment.
  const warnings = raw.map((message): FragmentWarning => {
    const at = /line (\d+)/.exec(message);
    const index = at ? startLines.findLastIndex((start) => start <= Number(at[1])) : -1;
    return { message, fragment: index >= 0 ? fragments[index] : undefined };
  });
  const doc = JSON.parse(output) as PandocDocument;
  const blocks = new Map<string, PandocNode[]>();
  for (const block of doc.blocks) {
    if (block.t !== 'Div') continue;
    const [[id], content] = block.c as [[string, string[], unknown], PandocNode[]];
    const fragment = fragmentOf(id, fragments);
    if (fragment) blocks.set(fragment.key, fragment.inline ? unwrapParagraphs(content) : content);
  }
  const written = (doc.meta['briefwright-html'] as { t: string; c: string } | undefined)?.c;
  if (typeof written !== 'string') throw new Error('pandoc returned no HTML: its Lua filter did not run');
  const html = new Map<string, string>();
  const pieces = written.split(/<!--(briefwright-fragment-\d+)-->\n?/);
  for (let i = 1; i < pieces.length; i += 2) {
    const fragment = fragmentOf(pieces[i]!, fragments);
    if (fragment) html.set(fragment.key, pieces[i + 1]!.trim());
  }
  return { blocks, html, warnings };
}

/**
 * Converts the fragments of many documents in as many pandoc runs at a time as `processes`, each with
 * whole documents (a document's citation markers are numbered within one run) and about the same
 * amount of Markdown. One run costs pandoc ~0.15 s before any input and ~25 ms per four-page
 * document, so a run takes at least `documentsPerRun` documents: one run for a single document, two
 * at once for a large batch on two cores.
 */
export async function convertDocuments(pandoc: Pandoc, documents: readonly (readonly Fragment[])[], processes: number, documentsPerRun = 12): Promise<ConvertedFragments> {
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
  const converted = await Promise.all(groups.map((group) => convertFragments(pandoc, group)));
  return {
    blocks: new Map(converted.flatMap((c) => [...c.blocks])),
    html: new Map(converted.flatMap((c) => [...c.html])),
    warnings: converted.flatMap((c) => c.warnings),
  };
}

function fragmentOf(id: string, fragments: readonly Fragment[]): Fragment | undefined {
  const index = /^briefwright-fragment-(\d+)$/.exec(id)?.[1];
  return index === undefined ? undefined : fragments[Number(index)];
}

/** As the filter does for the HTML. */
function unwrapParagraphs(blocks: PandocNode[]): PandocNode[] {
  return blocks.length === 1 && blocks[0]!.t === 'Para' ? [{ t: 'Plain', c: blocks[0]!.c }] : blocks;
}
