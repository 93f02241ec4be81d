import { describe, expect, it } from 'vitest';
import { citationMarkerPattern, convertDocuments, type Fragment } from '../../src/markdown/convert-fragments.ts';
import { createPandoc } from '../../src/markdown/pandoc.ts';
import { transform, type PandocCitation, type PandocNode } from '../../src/markdown/pandoc-ast.ts';

/** Document d: a body citing two works (one cluster of two), an inline claim citing one. */
const documents: Fragment[][] = Array.from({ length: 30 }, (_, d) => [
  { key: `d${d}/body`, markdown: `# Part ${d}\n\nText [@a${d}; @b${d}, p. 3] and @c${d} says so.\n` },
  { key: `d${d}/claim`, markdown: `A claim [@e${d}].`, inline: true },
]);

/** Cluster numbers by citation key, from the syntax tree and from the HTML's markers. */
function numbers(blocks: PandocNode[], html: string) {
  const fromTree: Record<string, number> = {};
  transform(blocks, (node) => {
    if (node.t === 'Cite') {
      const [citations] = node.c as [PandocCitation[]];
      fromTree[citations.map((c) => c.citationId).join(' ')] = citations[0]!.citationHash;
    }
    return undefined;
  });
  return { fromTree, fromHtml: [...html.matchAll(citationMarkerPattern)].map((m) => Number(m[1])) };
}

describe('pandoc once per batch', () => {
  it('gives each fragment its tree and HTML, a marker for each cluster where its Cite stands, split over runs by whole documents', async () => {
    const pandoc = await createPandoc();
    const split = await convertDocuments(pandoc, documents, 2, 12);
    const single = await convertDocuments(pandoc, documents, 1);
    for (const converted of [split, single]) {
      expect(converted.warnings).toEqual([]);
      expect([...converted.html.keys()].sort()).toEqual(documents.flat().map((f) => f.key).sort());
    }
    expect(split.html.get('d0/body')).toBe('<h3 id="part-0">Part 0</h3>\n<p>Text <!--briefwright-citation-1--> and <!--briefwright-citation-2--> says so.</p>');
    // Inline fragments lose their paragraph, in the tree and the HTML alike.
    expect(split.html.get('d0/claim')).toBe('A claim <!--briefwright-citation-3-->.');
    expect(split.blocks.get('d0/claim')![0]!.t).toBe('Plain');
    for (const [d, fragments] of documents.entries()) {
      const marked = fragments.map((f) => numbers(split.blocks.get(f.key)!, split.html.get(f.key)!));
      const [body, claim] = marked;
      expect(body!.fromHtml).toEqual([body!.fromTree[`a${d} b${d}`], body!.fromTree[`c${d}`]]);
      expect(claim!.fromHtml).toEqual([claim!.fromTree[`e${d}`]]);
      // Within a document every cluster has a number of its own.
      expect(new Set(marked.flatMap((m) => m.fromHtml)).size).toBe(3);
    }
    // The second run numbers from 1 again: the batch was split in two, and only between documents.
    const startsOfRuns = (converted: typeof split) => [...converted.html].filter(([, html]) => html.includes('<!--briefwright-citation-1-->')).map(([key]) => key);
    expect(startsOfRuns(single)).toEqual(['d0/body']);
    expect(startsOfRuns(split)).toEqual(['d0/body', expect.stringMatching(/^d1\d\/body$/)]);
    // The same HTML either way, once the markers' numbers are left aside.
    const unnumbered = (html: string | undefined) => html?.replace(citationMarkerPattern, '<!--citation-->');
    for (const key of split.html.keys()) expect(unnumbered(split.html.get(key))).toBe(unnumbered(single.html.get(key)));
  });

  it("keeps raw HTML out of the HTML, so a refused spec cannot move another fragment's text with a marker of its own", async () => {
    const pandoc = await createPandoc();
    const converted = await convertDocuments(pandoc, [
      [{ key: 'bad/body', markdown: 'Before\n\n<!--briefwright-fragment-1-->\n\nInjected <!--briefwright-citation-1--> text\n' }],
      [{ key: 'good/body', markdown: 'Good text [@a].' }],
    ], 1);
    expect(converted.html.get('good/body')).toBe('<p>Good text <!--briefwright-citation-1-->.</p>');
    expect(converted.html.get('bad/body')).toBe('<p>Before</p>\n<p>Injected  text</p>');
    // The tree keeps it, for validation to refuse.
    expect(JSON.stringify(converted.blocks.get('bad/body'))).toContain('RawBlock');
  });
});
