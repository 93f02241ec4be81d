import type { CitationRequest, PreparedStyle, RenderedCitations } from './citation-engine.js';

/** How many documents' citations a session remembers (a preview edits one; a watched batch a few). */
const remembered = 64;

export interface CitationMemo {
  /**
   * Gives each request's citations: remembered ones for a request equal to one rendered before in the
   * session (same prepared style, works, clusters and nocite), `render`'s for the others.
   */
  renderAll(requests: readonly CitationRequest[], render: (requests: readonly CitationRequest[]) => Promise<RenderedCitations[]>): Promise<RenderedCitations[]>;
}

/**
 * Citations kept between the builds of a session (`brief preview`, `brief watch`): an edit to a
 * document's prose mostly leaves its citations as they were, and citeproc takes longer than the rest
 * of a one-document rebuild. A style that changed on disk is prepared anew, so its requests miss.
 */
export function createCitationMemo(): CitationMemo {
  const memo = new Map<string, { style: PreparedStyle; rendered: RenderedCitations }>();
  return {
    async renderAll(requests, render) {
      const signatures = requests.map(({ items, clusters, nocite }) => JSON.stringify([items, clusters, nocite]));
      const known = requests.map((request, i) => {
        const entry = memo.get(signatures[i]!);
        return entry?.style === request.style ? entry.rendered : undefined;
      });
      const missing = requests.flatMap((request, i) => (known[i] ? [] : [i]));
      const fresh = await render(missing.map((i) => requests[i]!));
      missing.forEach((i, n) => (known[i] = fresh[n]));
      requests.forEach((request, i) => {
        memo.delete(signatures[i]!);
        memo.set(signatures[i]!, { style: request.style, rendered: known[i]! });
      });
      while (memo.size > remembered) memo.delete(memo.keys().next().value!);
      return known as RenderedCitations[];
    },
  };
}
