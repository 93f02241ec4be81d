/** The parts of pandoc's JSON AST that Briefwright reads or writes. */
export interface PandocNode {
  t: string;
  c?: unknown;
}

export interface PandocDocument {
  'pandoc-api-version': number[];
  meta: Record<string, unknown>;
  blocks: PandocNode[];
}

export interface PandocCitation {
  citationId: string;
  citationPrefix: PandocNode[];
  citationSuffix: PandocNode[];
  citationMode: { t: 'NormalCitation' | 'AuthorInText' | 'SuppressAuthor' };
  citationNoteNum: number;
  citationHash: number;
}

export function isNode(value: unknown): value is PandocNode {
  return typeof value === 'object' && value !== null && typeof (value as PandocNode).t === 'string';
}

/** Plain text of a list of inlines (pandoc's `stringify`). */
export function stringify(inlines: readonly PandocNode[]): string {
  return inlines
    .map((node) => {
      switch (node.t) {
        case 'Str':
          return node.c as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
        case 'Math':
          return (node.c as [unknown, string])[1];
        case 'Quoted': {
          const [kind, content] = node.c as [{ t: string }, PandocNode[]];
          const [open, close] = kind.t === 'SingleQuote' ? ['‘', '’'] : ['“', '”'];
          return open + stringify(content) + close;
        }
        case 'Cite':
          return stringify((node.c as [unknown, PandocNode[]])[1]);
        case 'Link':
        case 'Image':
        case 'Span':
          return stringify((node.c as unknown[])[1] as PandocNode[]);
        case 'RawInline':
          return '';
        default:
          return Array.isArray(node.c) ? stringify((node.c as unknown[]).filter(isNode) as PandocNode[]) : '';
      }
    })
    .join('');
}

/** Visits every node depth-first in document order; a visitor may return a replacement. */
export function transform(value: unknown, visit: (node: PandocNode) => PandocNode | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => transform(item, visit));
  if (isNode(value)) {
    const replaced = visit(value);
    if (replaced) return replaced;
    return value.c === undefined ? value : { t: value.t, c: transform(value.c, visit) };
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(v, visit)]));
  }
  return value;
}
