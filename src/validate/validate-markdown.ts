import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { stringify, transform, type PandocNode } from '../markdown/pandoc-ast.js';
import type { PlannedFragment } from '../resolve/plan-fragments.js';
import type { Limits } from '../limits.js';
import { resourceVerdict } from '../policy/resource-policy.js';

/**
 * Specs come from many authors: Markdown may carry no raw HTML, no script URLs and no images from
 * outside the document (remote or file: URLs); every image needs alt text.
 */
export function validateMarkdown(
  fragments: readonly PlannedFragment[],
  parsed: ReadonlyMap<string, PandocNode[]>,
  limits: Pick<Limits, 'markdownChars' | 'markdownDepth'>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const fragment of fragments) {
    const { source, path } = fragment.origin;
    const at = { file: source.file, ...source.positionOf(path) };
    if (fragment.markdown.length > limits.markdownChars) {
      diagnostics.push(diagnostic('limit-exceeded', { ...at, message: `This Markdown field has ${fragment.markdown.length} characters; the limit is ${limits.markdownChars}` }));
    }
    const tree = parsed.get(fragment.key) ?? [];
    const depth = nestingDepth(tree);
    if (depth > limits.markdownDepth) {
      diagnostics.push(diagnostic('limit-exceeded', { ...at, message: `This Markdown field nests ${depth} levels deep; the limit is ${limits.markdownDepth}` }));
      continue;
    }
    transform(tree, (node) => {
      const attributes = attributesOf(node);
      // The notes of a note style and their marks are linked by these ids (resolve-citations.ts): a
      // second element of the same id would take the links, in the HTML, the PDF and the Word file.
      if (attributes && noteId.test(attributes[0])) {
        diagnostics.push(diagnostic('reserved-id', { ...at, message: `The id "${attributes[0]}" names a note or a note's mark` }));
      }
      for (const [name, value] of attributes?.[2] ?? []) {
        if (!allowedAttribute.test(name)) {
          diagnostics.push(diagnostic('raw-html', { ...at, message: `The attribute "${name}" is not allowed in Markdown` }));
        } else if (/^data-/i.test(name) && /[:/\\]/.test(value)) {
          // data-* attributes carry words, not addresses: no stylesheet or script of ours reads a URL from one.
          diagnostics.push(diagnostic('raw-html', { ...at, message: `The attribute "${name}" may not hold a URL or path` }));
        }
      }
      if (node.t === 'RawInline' || node.t === 'RawBlock') {
        const [format, text] = node.c as [string, string];
        diagnostics.push(diagnostic('raw-html', { ...at, message: `Raw ${format.toUpperCase()} is not allowed in Markdown: ${JSON.stringify(text.trim().slice(0, 60))}` }));
      } else if (node.t === 'Link' || node.t === 'Image') {
        const [, inlines, [url]] = node.c as [unknown, PandocNode[], [string, string]];
        const kind = node.t === 'Link' ? 'Link' : 'Image';
        // One resource policy for every output format (src/policy/resource-policy.ts).
        const verdict = resourceVerdict(url, node.t === 'Link' ? 'link' : 'image');
        if (!verdict.allowed) {
          const shown = JSON.stringify(url.slice(0, 80));
          const message = verdict.ruleId === 'unsafe-url' ? `${kind} URL ${shown} ${verdict.reason}` : `${kind} ${shown} ${verdict.reason}`;
          diagnostics.push(diagnostic(verdict.ruleId, { ...at, message }));
        }
        if (node.t === 'Image' && stringify(inlines).trim() === '') {
          diagnostics.push(diagnostic('missing-alt-text', { ...at, message: `Image "${url.slice(0, 60)}" has no alt text` }));
        }
      }
      return undefined;
    });
  }
  return diagnostics;
}

type Attributes = [string, string[], [string, string][]];

/**
 * The key=value attributes Markdown may set ({width=50%}, {lang=ru}, {custom-style="Quote"} for Word,
 * data-*): none that loads (src, srcset, href, poster, data), runs (on…) or styles (style) anything.
 */
const allowedAttribute = /^(width|height|lang|dir|title|custom-style|data-[a-z0-9-]+)$/i;

const noteId = /^note-(?:ref-)?\d+$/;

/** The {#id .class key=value} attributes of the node types that carry them. */
function attributesOf(node: PandocNode): Attributes | undefined {
  const c = node.c as unknown[];
  switch (node.t) {
    case 'Span':
    case 'Div':
    case 'Link':
    case 'Image':
    case 'Code':
    case 'CodeBlock':
    case 'Table':
    case 'Figure':
      return c[0] as Attributes;
    case 'Header':
      return c[1] as Attributes;
    default:
      return undefined;
  }
}

/**
 * How deeply the field's blocks and inlines nest (a quote in a list item in a quote…), counted
 * without recursion, so that a hostile tree cannot exhaust the stack that measures it.
 */
function nestingDepth(nodes: readonly PandocNode[]): number {
  let deepest = 0;
  const pending: [unknown, number][] = nodes.map((node) => [node, 1]);
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (Array.isArray(value)) {
      for (const item of value) pending.push([item, depth]);
    } else if (value !== null && typeof value === 'object' && 't' in value) {
      deepest = Math.max(deepest, depth);
      pending.push([(value as PandocNode).c, depth + 1]);
    }
  }
  return deepest;
}
