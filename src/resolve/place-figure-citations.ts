/**
 * Where the citation of a figure inserted from a finding goes. Right after the figure it would stand
 * between a number and its noun ("76.6% (Allamurodov, 2023) of people"), so by default it moves to
 * the end of the sentence; `figure_citations: clause` puts it at the end of the clause, `figure` keeps
 * it after the figure. A clause or sentence ends outside citations: the full stop of "sec. Results"
 * in a citation the writer put there ends nothing. Within one paragraph (one block of HTML) a figure's
 * citation identical to one already printed there, or to the writer's citation that comes next, is not
 * printed: the reader has the source once for the sentences it covers, as APA 7 (§8.1) advises for a
 * source cited over several sentences of a paragraph.
 */

export type FigureCitationPlacement = 'sentence' | 'clause' | 'figure';
export const figureCitationPlacements = ['sentence', 'clause', 'figure'] as const;

/** A citation waiting in the HTML for its place: `\uE020<id>\uE021`. */
export const deferredCitation = (id: number) => `\uE020${id}\uE021`;
const deferred = /\uE020(\d+)\uE021/;

// Where a clause or sentence ends: punctuation followed by a space, a tag or the end (in text whose
// tags are masked as \u0001). Decimal points ("76.6") are followed by a digit and so never match.
const sentenceEnd = /[.!?…](?=[\s\u0001]|$)/;
const clauseEnd = /[.!?…,;:](?=[\s\u0001]|$)|\s[–—]\s/;
// A block ends where its closing tag starts: the citation stays inside the paragraph, item or cell.
const blockEnd = /<\/(?:p|li|td|th|dd|dt|h[1-6]|blockquote|figcaption|div)>/;
const placed = /\s*\uE022(\d+)\uE023/g;

/**
 * Puts each deferred citation (`citations`: its HTML by id) in its place in `html`, with a space
 * before it, and leaves out a repeat of an identical citation within one block.
 */
export function placeFigureCitations(
  html: string,
  citations: ReadonlyMap<number, string>,
  placement: FigureCitationPlacement,
  /** Joins two bracketed citations that end up side by side ("(A) (B)" → "(A; B)"); none in numeric styles. */
  delimiter?: string,
): string {
  let text = html;
  for (let match = deferred.exec(text); match; match = deferred.exec(text)) {
    const at = match.index;
    const after = text.slice(at + match[0].length);
    let offset = 0;
    if (placement !== 'figure') {
      const masked = maskCitations(after).replace(/<[^>]*>/g, (tag) => '\u0001'.repeat(tag.length));
      const end = masked.search(placement === 'sentence' ? sentenceEnd : clauseEnd);
      const block = after.search(blockEnd);
      offset = Math.min(end < 0 ? after.length : end, block < 0 ? after.length : block);
      while (offset > 0 && /\s/.test(after[offset - 1]!)) offset--;
      // Before a citation the writer put at the same place: each work keeps its own prefix ("see also").
      const before = after.slice(0, offset);
      const last = before.lastIndexOf('<span class="citation"');
      if (last >= 0 && /^<span class="citation"[^>]*>(?:(?!<\/?span)[\s\S])*<\/span>\s*$/.test(before.slice(last))) {
        offset = last;
        while (offset > 0 && /\s/.test(after[offset - 1]!)) offset--;
      }
    }
    text = `${text.slice(0, at)}${after.slice(0, offset)}\uE022${match[1]}\uE023${after.slice(offset)}`;
  }
  const placedText = dropRepeats(text, citations);
  return delimiter === undefined ? placedText : joinAdjacent(placedText, delimiter);
}

// Two citations side by side: "<span class="citation" …>(A, 2023)</span> <span …>(B, 2024)</span>".
const adjacent = /<span class="citation" data-cites="([^"]*)">((?:(?!<\/?span)[\s\S])*)<\/span>\s*<span class="citation" data-cites="([^"]*)">((?:(?!<\/?span)[\s\S])*)<\/span>/g;

/** A citation's HTML as its brackets and what they hold; a one-work citation is one link around both. */
function bracketed(html: string): { open: string; inner: string; close: string } | undefined {
  const linked = /^(<a [^>]*>)([([])([\s\S]*)([)\]])<\/a>$/.exec(html);
  if (linked) return { open: linked[2]!, inner: `${linked[1]}${linked[3]}</a>`, close: linked[4]! };
  const plain = /^([([])([\s\S]*)([)\]])$/.exec(html);
  return plain ? { open: plain[1]!, inner: plain[2]!, close: plain[3]! } : undefined;
}

/** Citations a placement put side by side become one bracketed cluster, as the style writes several works. */
function joinAdjacent(html: string, delimiter: string): string {
  let text = html;
  let changed = true;
  while (changed) {
    changed = false;
    text = text.replace(adjacent, (whole, firstKeys: string, first: string, secondKeys: string, second: string) => {
      const a = bracketed(first);
      const b = bracketed(second);
      if (!a || !b || a.open !== b.open || a.close !== b.close) return whole;
      changed = true;
      const keys = [...new Set(`${firstKeys} ${secondKeys}`.split(' '))].join(' ');
      return `<span class="citation" data-cites="${keys}">${a.open}${a.inner}${delimiter}${b.inner}${a.close}</span>`;
    });
  }
  return text;
}

/** Where each citation the writer put in `html` starts and ends (its `<span class="citation">` and what it holds). */
function writtenCitations(html: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const tags = /<span\b[^>]*>|<\/span>/g;
  for (let start = html.indexOf('<span class="citation"'); start >= 0; start = html.indexOf('<span class="citation"', start + 1)) {
    let depth = 0;
    tags.lastIndex = start;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        spans.push({ start, end: tags.lastIndex });
        start = tags.lastIndex - 1;
        break;
      }
    }
    if (depth !== 0) break;
  }
  return spans;
}

/** The text with every written citation blanked out (same length), so that no clause ends inside one. */
function maskCitations(html: string): string {
  let masked = html;
  for (const { start, end } of writtenCitations(html)) masked = `${masked.slice(0, start)}${'\u0001'.repeat(end - start)}${masked.slice(end)}`;
  return masked;
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

/**
 * Placed citations as HTML. In each block a figure's citation is left out when the same citation was
 * printed before it there, or when the next citation in the block is the writer's and the same: that
 * one covers the figure's sentence too.
 */
function dropRepeats(text: string, citations: ReadonlyMap<number, string>): string {
  return text
    .split(new RegExp(`(${blockEnd.source})`))
    .map((block) => {
      const written = writtenCitations(block).map((span) => ({ at: span.start, placed: undefined, text: textOf(block.slice(span.start, span.end)) }));
      const placedHere = [...block.matchAll(placed)].map((m) => ({ at: m.index, placed: Number(m[1]), text: textOf(citations.get(Number(m[1])) ?? '') }));
      const inOrder = [...written, ...placedHere].sort((x, y) => x.at - y.at);
      const printed = new Set<string>();
      const keep = new Set<number>();
      inOrder.forEach((citation, i) => {
        if (citation.placed === undefined) return void printed.add(citation.text);
        const next = inOrder[i + 1];
        const coveredByNext = next !== undefined && next.placed === undefined && next.text === citation.text;
        if (citation.text === '' || printed.has(citation.text) || coveredByNext) return;
        printed.add(citation.text);
        keep.add(citation.placed);
      });
      return block.replace(placed, (_, id: string) => (keep.has(Number(id)) ? ` ${citations.get(Number(id))}` : ''));
    })
    .join('');
}
