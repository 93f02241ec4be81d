import { beforeAll, describe, expect, it } from 'vitest';
import citeprocModule from 'citeproc';
import { createCiteprocEngine, type CiteprocEngine, type CiteprocSys, type CslItem } from '../../src/cite/citation-js.ts';
import { defaultCslDirs, loadLocale, loadStyle } from '../../src/cite/csl-files.ts';
import { citationsFixture, fixtureItems } from './support.ts';

// createCiteprocEngine finds macros through an index while citeproc compiles a style; citeproc's own
// constructor, called directly, searches the style as it always did. Both must compile the same engine.
const Engine = (citeprocModule as unknown as { Engine: new (sys: CiteprocSys, style: string, lang: string, force: boolean) => CiteprocEngine }).Engine;

/** Styles with many macros, macros calling macros, macro sort keys and dates inside macros. */
const styles = [
  'apa',
  'chicago-author-date',
  'chicago-fullnote-bibliography',
  'modern-language-association',
  'harvard-cite-them-right',
  'ieee',
  'american-medical-association',
  'vancouver',
  'nature',
  'gost-r-7-0-5-2008',
];

let items: CslItem[];
let localeXml: string;
beforeAll(async () => {
  items = await fixtureItems();
  localeXml = (await loadLocale('en-US', defaultCslDirs))!;
});

interface Compiled {
  macros: Record<string, unknown[]>;
  citation: { tokens: unknown[] };
  bibliography: { tokens: unknown[] };
  citation_sort: { tokens: unknown[] };
  bibliography_sort: { tokens: unknown[] };
}

function render(engine: CiteprocEngine) {
  const compiled = engine as unknown as Compiled;
  const citations = engine.rebuildProcessorState(
    items.map((item, i) => ({ citationID: `c${i}`, citationItems: [{ id: item.id, locator: '12', label: 'page' }], properties: { noteIndex: i + 1 } })),
    'html',
  );
  const bibliography = engine.makeBibliography();
  return {
    shape: {
      macros: Object.fromEntries(Object.entries(compiled.macros).map(([name, tokens]) => [name, tokens.length])),
      tokens: [compiled.citation, compiled.bibliography, compiled.citation_sort, compiled.bibliography_sort].map((area) => area.tokens.length),
    },
    citations,
    bibliography: bibliography ? bibliography[1] : [],
  };
}

describe('looking up macros through an index while citeproc compiles a style', () => {
  it.each(styles)('compiles %s to the same engine as citeproc on its own, which renders the same', async (name) => {
    const style = await loadStyle(name, defaultCslDirs, citationsFixture);
    const byId = new Map(items.map((item) => [item.id, item]));
    const sys: CiteprocSys = { retrieveItem: (id) => byId.get(id)!, retrieveLocale: () => localeXml };
    const indexed = render(createCiteprocEngine(sys, style.xml, 'en-US'));
    const searched = render(new Engine(sys, style.xml, 'en-US', true));
    expect(Object.keys(indexed.shape.macros).length).toBeGreaterThan(0);
    expect(indexed.bibliography.length).toBe(items.length);
    expect(indexed).toEqual(searched);
  });
});
