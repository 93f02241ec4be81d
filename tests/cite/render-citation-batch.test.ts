import { beforeAll, describe, expect, it } from 'vitest';
import { renderCitations, type CitationCluster, type CitationRequest, type PreparedStyle } from '../../src/cite/citation-engine.ts';
import { itemForDocument, type CslItem } from '../../src/cite/citation-js.ts';
import { startCitationThreads } from '../../src/cite/render-citation-batch.ts';
import { fixtureItems, prepare, testedStyles } from './support.ts';

let items: CslItem[];
let styles: PreparedStyle[];
beforeAll(async () => {
  items = await fixtureItems();
  styles = await Promise.all(testedStyles.map(({ style, lang }) => prepare(style, lang)));
});

/** Documents of every tested style, each with its own sequence of clusters (several works, in-text, locators). */
function documents(): CitationRequest[] {
  const keys = items.map((item) => String(item.id));
  return Array.from({ length: 12 }, (_, n) => {
    const style = styles[n % styles.length]!;
    const key = (i: number) => keys[(n + i) % keys.length]!;
    const clusters: CitationCluster[] = [
      { id: 'c0', mode: 'normal', items: [{ id: key(0) }] },
      { id: 'c1', mode: 'normal', items: [{ id: key(1), locator: '12', label: 'page' }, { id: key(2) }] },
      { id: 'c2', mode: n % 2 === 0 ? 'in-text' : 'suppress-author', items: [{ id: key(0) }] },
      { id: 'c3', mode: 'normal', items: [{ id: key(3), prefix: 'see ' }, { id: key(1) }] },
    ];
    const cited = new Set([...clusters.flatMap((c) => c.items.map((i) => i.id)), key(4)]);
    return { style, items: items.filter((i) => cited.has(String(i.id))).map((i) => itemForDocument(i, style.locale)), clusters, nocite: [key(4)] };
  });
}

describe('citations of a batch rendered in worker threads', () => {
  it('gives each document exactly what one engine in this thread gives it', async () => {
    const requests = documents();
    const threads = startCitationThreads(requests.length, styles, 2);
    try {
      const rendered = await threads.renderAll(requests);
      expect(threads.renderedByWorkers()).toBeGreaterThan(0);
      expect(threads.renderedByWorkers()).toBeLessThan(requests.length);
      expect(rendered).toEqual(requests.map((r) => renderCitations(r.style, r.items, r.clusters, r.nocite)));
    } finally {
      await threads.close();
    }
  });

  it('starts no worker for a few documents or on one core', async () => {
    for (const [documents, cores] of [[3, 2], [40, 1]] as const) {
      const threads = startCitationThreads(documents, styles, cores);
      const rendered = await threads.renderAll(documentsOf(documents));
      expect(rendered).toHaveLength(documents);
      expect(threads.renderedByWorkers()).toBe(0);
      await threads.close();
    }
  });

  it('renders everything in this thread when its worker has stopped', async () => {
    const requests = documents();
    const threads = startCitationThreads(requests.length, styles, 2);
    await threads.close();
    const rendered = await threads.renderAll(requests);
    expect(threads.renderedByWorkers()).toBe(0);
    expect(rendered).toEqual(requests.map((r) => renderCitations(r.style, r.items, r.clusters, r.nocite)));
  });

  it('fails the batch with the error of the document that failed, wherever it was rendered', async () => {
    const requests = documents();
    const broken = { ...requests[7]!, clusters: [{ id: 'c0', mode: 'normal' as const, items: [{ id: 'nowhere2020' }] }] };
    const threads = startCitationThreads(requests.length, styles, 2);
    try {
      await expect(threads.renderAll(requests.map((r, i) => (i === 7 ? broken : r)))).rejects.toThrow('No bibliography item "nowhere2020"');
    } finally {
      await threads.close();
    }
  });
});

function documentsOf(count: number): CitationRequest[] {
  return Array.from({ length: count }, (_, i) => documents()[i % 12]!);
}
