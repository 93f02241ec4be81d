/**
 * Where the citation of a figure inserted from a finding goes. Right after the figure it would stand
 * between a number and its noun ("76.6% (Allamurodov, 2023) of people"), so by default it moves to
 * the end of the sentence; `figure_citations: clause` puts it at the end of the clause, `figure` keeps
 * it after the figure. Within one paragraph (one block of HTML) a citation identical to one already
 * printed there is not printed again: the reader has the source, as styles' own guides advise for
 * repeated parenthetical citations.
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
      const masked = after.replace(/<[^>]*>/g, (tag) => '\u0001'.repeat(tag.length));
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

/** Placed citations as HTML, each printed once per block. */
function dropRepeats(text: string, citations: ReadonlyMap<number, string>): string {
  return text
    .split(new RegExp(`(${blockEnd.source})`))
    .map((block) => {
      const printed = new Set<string>();
      return block.replace(placed, (_, id: string) => {
        const html = citations.get(Number(id)) ?? '';
        const key = html.replace(/<[^>]+>/g, '');
        if (html === '' || printed.has(key)) return '';
        printed.add(key);
        return ` ${html}`;
      });
    })
    .join('');
}
