import { describe, expect, it } from 'vitest';
import { citationMarkerPattern, convertDocuments, FragmentCache, type Fragment } from '../../src/markdown/convert-fragments.ts';
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
  it('gives each fragment its tree and HTML, a marker for each cluster where its Cite stands, numbered within the fragment', async () => {
    const pandoc = await createPandoc();
    const split = await convertDocuments(pandoc, documents, 2, { documentsPerRun: 12 });
    const single = await convertDocuments(pandoc, documents, 1);
    for (const converted of [split, single]) {
      expect(converted.warnings).toEqual([]);
      expect([...converted.html.keys()].sort()).toEqual(documents.flat().map((f) => f.key).sort());
    }
    expect(split.html.get('d0/body')).toBe('<h3 id="part-0">Part 0</h3>\n<p>Text <!--briefwright-citation-1--> and <!--briefwright-citation-2--> says so.</p>');
    // Inline fragments lose their paragraph, in the tree and the HTML alike.
    expect(split.html.get('d0/claim')).toBe('A claim <!--briefwright-citation-1-->.');
    expect(split.blocks.get('d0/claim')![0]!.t).toBe('Plain');
    for (const [d, fragments] of documents.entries()) {
      const [body, claim] = fragments.map((f) => numbers(split.blocks.get(f.key)!, split.html.get(f.key)!));
      expect(body!.fromHtml).toEqual([body!.fromTree[`a${d} b${d}`], body!.fromTree[`c${d}`]]);
      expect(body!.fromHtml).toEqual([1, 2]);
      expect(claim!.fromHtml).toEqual([claim!.fromTree[`e${d}`]]);
    }
    // A fragment's tree and HTML depend on its own Markdown only: the same however the batch is split.
    for (const key of split.html.keys()) {
      expect(split.html.get(key)).toBe(single.html.get(key));
      expect(split.blocks.get(key)).toEqual(single.blocks.get(key));
    }
  });

  it('converts only the fragments a session has not converted before, with the same result', async () => {
    const real = await createPandoc();
    const sent: string[][] = [];
    // Counts what each run is given: one escaped fragment a line after the header.
    const counting: typeof real = { ...real, run: (input, options) => (sent.push(input.split('\n').slice(1)), real.run(input, options)) };
    const cache = new FragmentCache();
    const first = [
      { key: 'p/body', markdown: 'Text [@a] and [@b].' },
      { key: 'p/claim', markdown: 'A claim [@c].', inline: true },
      { key: 'p/warned', markdown: '[x]: one\n[x]: two\n\n[x]' },
    ];
    await convertDocuments(counting, [first], 1, { cache });
    const edited = [{ ...first[0]!, markdown: 'Text [@a], edited, and [@b].' }, first[1]!, first[2]!];
    const again = await convertDocuments(counting, [edited], 1, { cache });
    expect(sent.map((lines) => lines.length)).toEqual([3, 1]);
    expect(sent[1]![0]).toContain('edited');
    const fresh = await convertDocuments(real, [edited], 1);
    expect(again.html).toEqual(fresh.html);
    expect(again.blocks).toEqual(fresh.blocks);
    // A remembered fragment's warnings come with it, traced to it.
    expect(again.warnings.map((w) => w.fragment?.key)).toEqual(['p/warned']);
    // Nothing new: no pandoc run at all.
    await convertDocuments(counting, [edited], 1, { cache });
    expect(sent).toHaveLength(2);
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

describe('fragments isolated by construction', () => {
  /** Markdown written to reach out of its own field: every way one fragment could end, open or address another. */
  const hostile = [
    // A fenced div left open (not a div, then), fences shaped like the old batch's, fake fragment ids and markers.
    '::::: {#open}\nswallow',
    '::::::::::::\n\n:::::::::::: {#briefwright-fragment-0}\nEVIL REPLACEMENT\n::::::::::::\n\n<!--briefwright-fragment-0-->\nEVIL',
    // A code fence left open, an HTML comment left open.
    '```\nall that follows is code',
    '<!-- all that follows is a comment',
    // Document-wide definitions: link references, footnotes, example numbers; a heading whose id
    // would push another document's to "intro-1".
    '[ref]: https://evil.example\n\n[^1]: evil note\n\n(@) evil example\n\n# Intro',
  ];
  const good = [
    { key: 'good/body', markdown: '# Intro\n\nSee [ref] and a note[^1].\n\n[^1]: The good note.\n\n(@) First example [@a].\n' },
    { key: 'good/claim', markdown: 'A claim [@b].', inline: true },
  ];

  it('gives a document the same trees and HTML whatever else is in the batch', async () => {
    const pandoc = await createPandoc();
    const alone = await convertDocuments(pandoc, [good], 1);
    const withHostile = await convertDocuments(pandoc, [hostile.map((markdown, i) => ({ key: `bad/${i}`, markdown })), good], 1);
    expect(alone.lost).toEqual([]);
    expect(withHostile.lost).toEqual([]);
    const unnumbered = (html: string | undefined) => html?.replace(citationMarkerPattern, '<!--citation-->');
    for (const { key } of good) {
      expect(unnumbered(withHostile.html.get(key))).toBe(unnumbered(alone.html.get(key)));
      expect(JSON.stringify(withHostile.blocks.get(key)).replace(/"citationHash":\d+/g, '')).toBe(JSON.stringify(alone.blocks.get(key)).replace(/"citationHash":\d+/g, ''));
    }
    expect(alone.html.get('good/body')).toContain('<h3 id="intro">Intro</h3>');
    expect(withHostile.html.get('good/body')).not.toMatch(/EVIL|evil/);
    // Each hostile fragment keeps its own text, closed at its own end.
    expect(withHostile.html.get('bad/0')).toBe('<p>::::: {#open} swallow</p>');
    expect(withHostile.html.get('bad/2')).toBe('<p>``` all that follows is code</p>');
    expect(withHostile.html.get('bad/3')).toBe('<p>&lt;!– all that follows is a comment</p>');
  });

  it('reports a fragment that does not come back exactly once and intact', async () => {
    const real = await createPandoc();
    // A pandoc that drops the last fragment's Div and repeats the first: both are reported, not used.
    const faulty: typeof real = {
      ...real,
      async run(input, options) {
        const result = await real.run(input, options);
        const doc = JSON.parse(result.output) as { blocks: unknown[] };
        doc.blocks[doc.blocks.length - 1] = doc.blocks[0];
        return { ...result, output: JSON.stringify(doc) };
      },
    };
    const fragments = [{ key: 'a/1', markdown: 'One.' }, { key: 'a/2', markdown: 'Two.' }];
    const converted = await convertDocuments(faulty, [fragments], 1);
    expect(converted.lost.map((f) => f.key)).toEqual(['a/2']);
    expect([...converted.html.keys()]).toEqual(['a/1']);
  });

  it('traces each pandoc warning to its fragment, even when another fragment quotes a marker', async () => {
    const pandoc = await createPandoc();
    const fragments = [
      { key: 'x/1', markdown: 'Plain.' },
      { key: 'x/2', markdown: '[a]: one\n[a]: two\n\n[a]' },
      { key: 'x/3', markdown: '[b\n0123456789abcdef 0\n]: one\n[b\n0123456789abcdef 0\n]: two' },
    ];
    const converted = await convertDocuments(pandoc, [fragments], 1);
    expect(converted.warnings.map((w) => [w.fragment?.key, w.message.replace(/\s+/g, ' ').split(' at ')[0]])).toEqual([
      ['x/2', "Duplicate link reference '[a]'"],
      ['x/3', "Duplicate link reference '[b 0123456789abcdef 0 ]'"],
    ]);
  });
});
