import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { stringify, transform, type PandocNode } from '../markdown/pandoc-ast.js';
import type { PlannedFragment } from '../resolve/plan-fragments.js';
import type { Limits } from '../limits.js';

/**
 * Specs come from many authors: Markdown may carry no raw HTML, no script URLs and no images from
 * outside the document (remote or file: URLs); every image needs alt text.
 */
export function validateMarkdown(
  fragments: readonly PlannedFragment[],
  parsed: ReadonlyMap<string, PandocNode[]>,
  limits: Pick<Limits, 'markdownChars'>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const fragment of fragments) {
    const { source, path } = fragment.origin;
    const at = { file: source.file, ...source.positionOf(path) };
    if (fragment.markdown.length > limits.markdownChars) {
      diagnostics.push(diagnostic('limit-exceeded', { ...at, message: `This Markdown field has ${fragment.markdown.length} characters; the limit is ${limits.markdownChars}` }));
    }
    transform(parsed.get(fragment.key) ?? [], (node) => {
      const attributes = attributesOf(node);
      for (const [name] of attributes?.[2] ?? []) {
        if (/^(on|style$|src$|href$|srcdoc$|formaction$)/i.test(name)) {
          diagnostics.push(diagnostic('raw-html', { ...at, message: `The attribute "${name}" is not allowed in Markdown` }));
        }
      }
      if (node.t === 'RawInline' || node.t === 'RawBlock') {
        const [format, text] = node.c as [string, string];
        diagnostics.push(diagnostic('raw-html', { ...at, message: `Raw ${format.toUpperCase()} is not allowed in Markdown: ${JSON.stringify(text.trim().slice(0, 60))}` }));
      } else if (node.t === 'Link' || node.t === 'Image') {
        const [, inlines, [url]] = node.c as [unknown, PandocNode[], [string, string]];
        if (/^\s*(javascript|vbscript|data|file):/i.test(url) && !(node.t === 'Image' && /^data:image\/(png|jpeg|gif|webp);/i.test(url))) {
          diagnostics.push(diagnostic('unsafe-url', { ...at, message: `${node.t === 'Link' ? 'Link' : 'Image'} URL "${url.slice(0, 60)}" is not allowed` }));
        } else if (node.t === 'Image' && /^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('data:')) {
          diagnostics.push(diagnostic('remote-image', { ...at, message: `Image "${url.slice(0, 80)}" is outside the project` }));
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
