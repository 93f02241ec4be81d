import type { Pandoc } from './pandoc.js';
import { rawHtmlBlock, type PandocDocument, type PandocNode } from './pandoc-ast.js';

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

// Raw HTML stays raw (and is refused later): native spans and divs would turn <span onclick> into attributes.
const readerFormat = 'markdown-raw_tex-raw_attribute-native_spans-native_divs';

/**
 * Parses all fragments in one pandoc call: each goes into a fenced div whose id is its index,
 * so the AST splits back into fragments without a process per field.
 */
export async function parseFragments(
  pandoc: Pandoc,
  fragments: readonly Fragment[],
): Promise<{ blocks: Map<string, PandocNode[]>; apiVersion: number[]; warnings: FragmentWarning[] }> {
  const fence = ':'.repeat(12);
  const parts = fragments.map((f, i) => `${fence} {#briefwright-fragment-${i}}\n${f.markdown}\n${fence}\n`);
  const startLines: number[] = [];
  let line = 1;
  for (const part of parts) {
    startLines.push(line + 1);
    line += part.split('\n').length;
  }
  // A `#` heading inside a section body sits under the section's h2: shift it to h3.
  const { output, warnings: raw } = await pandoc.run(parts.join('\n'), { from: readerFormat, to: 'json', args: ['--shift-heading-level-by=2'] });
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
    const index = /^briefwright-fragment-(\d+)$/.exec(id)?.[1];
    const fragment = index === undefined ? undefined : fragments[Number(index)];
    if (!fragment) continue;
    blocks.set(fragment.key, fragment.inline ? unwrapParagraphs(content) : content);
  }
  return { blocks, apiVersion: doc['pandoc-api-version'], warnings };
}

/** Writes all fragments' (resolved) ASTs to HTML in one pandoc call; splits on marker comments. */
export async function writeFragmentsHtml(
  pandoc: Pandoc,
  apiVersion: number[],
  fragments: ReadonlyMap<string, PandocNode[]>,
): Promise<Map<string, string>> {
  const keys = [...fragments.keys()];
  const marker = (i: number) => `<!--briefwright-fragment-${i}-->`;
  const blocks = keys.flatMap((key, i) => [rawHtmlBlock(marker(i)), ...fragments.get(key)!]);
  const doc: PandocDocument = { 'pandoc-api-version': apiVersion, meta: {}, blocks };
  const { output } = await pandoc.run(JSON.stringify(doc), { from: 'json', to: 'html5', args: ['--wrap=none'] });
  const html = new Map<string, string>();
  const parts = output.split(/<!--briefwright-fragment-(\d+)-->\n?/);
  for (let i = 1; i < parts.length; i += 2) html.set(keys[Number(parts[i])]!, parts[i + 1]!.trim());
  return html;
}

function unwrapParagraphs(blocks: PandocNode[]): PandocNode[] {
  return blocks.length === 1 && blocks[0]!.t === 'Para' ? [{ t: 'Plain', c: blocks[0]!.c }] : blocks;
}
