import { beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { clearCitationEngines, renderCitations, type CitationCluster, type RenderedCitations } from '../../src/cite/citation-engine.ts';
import type { CslItem } from '../../src/cite/citation-js.ts';
import { citationsFixture, fixtureItems, prepare } from './support.ts';

let items: CslItem[];
beforeAll(async () => {
  items = await fixtureItems();
});

const cluster = (id: string, ...keys: (string | { id: string; locator?: string; label?: string; prefix?: string })[]): CitationCluster => ({
  id,
  mode: 'normal',
  items: keys.map((k) => (typeof k === 'string' ? { id: k } : k)),
});

/** Text without markup, as a reader sees it. */
const text = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body.textContent!.replace(/\s+/g, ' ').trim();
const citations = (rendered: RenderedCitations) => [...rendered.citations.values()].map(text);
const bibliography = (rendered: RenderedCitations) => rendered.bibliography.map((e) => text(e.html));
const links = (html: string) =>
  [...new JSDOM(`<body>${html}</body>`).window.document.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);

describe('one citeproc engine per document', () => {
  it('numbers a numeric style by first citation, in the text and the bibliography alike', async () => {
    const ieee = await prepare('ieee');
    const rendered = renderCitations(
      ieee,
      items,
      [cluster('c0', 'smith2020networks'), cluster('c1', 'bjola2015digital', 'smith2020networks'), cluster('c2', 'bjola2015digital')],
      ['hanson2012baked'],
    );
    expect(citations(rendered)).toEqual(['[1]', '[1], [2]', '[2]']);
    expect(rendered.bibliography.map((e) => e.id)).toEqual(['smith2020networks', 'bjola2015digital', 'hanson2012baked']);
    expect(bibliography(rendered).map((e) => e.slice(0, 3))).toEqual(['[1]', '[2]', '[3]']);
  });

  it('gives two works of one author and year the same year suffixes in the text as in the bibliography', async () => {
    const apa = await prepare('apa');
    const rendered = renderCitations(apa, items, [cluster('c0', 'manor2019digitalization'), cluster('c1', 'manor2019selfie')], []);
    const [digitalization, selfie] = citations(rendered);
    const entry = (id: string) => bibliography(rendered)[rendered.bibliography.findIndex((e) => e.id === id)]!;
    expect(digitalization).toBe('(Manor, 2019b)');
    expect(selfie).toBe('(Manor, 2019a)');
    expect(entry('manor2019digitalization')).toMatch(/^Manor, I\. \(2019b\)\. The digitalization/);
    expect(entry('manor2019selfie')).toMatch(/^Manor, I\. \(2019a\)\. Selfie diplomacy/);
  });

  it('renders first, subsequent and ibid positions from the document order', async () => {
    const style = await prepare(`${citationsFixture}styles/first-and-subsequent.csl`);
    const rendered = renderCitations(
      style,
      items,
      [
        cluster('c0', 'bjola2015digital'),
        cluster('c1', 'manor2019selfie'),
        cluster('c2', { id: 'bjola2015digital', locator: '12', label: 'page' }),
        cluster('c3', { id: 'bjola2015digital', locator: '14', label: 'page' }),
        // The same cluster as the first: a style that looks at positions prints it as a repeat.
        cluster('c4', 'bjola2015digital'),
      ],
      [],
    );
    expect(citations(rendered)).toEqual([
      '(Bjola, Holmes, 2015, Digital diplomacy: Theory and practice)',
      '(Manor, 2019, Selfie diplomacy and soft power)',
      '(Bjola, Holmes, op. cit., 12)',
      '(ibid., 14)',
      '(Bjola, Holmes, op. cit.)',
    ]);
  });

  it('prints a repeated cluster as its first one in a style that does not look at positions, links included', async () => {
    const apa = await prepare('apa');
    const repeated = [cluster('c0', 'manor2019selfie', { id: 'bjola2015digital', locator: '3', label: 'page' }), cluster('c1', 'smith2020networks')];
    const rendered = renderCitations(apa, items, [...repeated, cluster('c2', 'manor2019selfie', { id: 'bjola2015digital', locator: '3', label: 'page' })], []);
    expect(rendered.citations.get('c2')).toBe(rendered.citations.get('c0'));
    expect(links(rendered.citations.get('c2')!).map(([href]) => href)).toEqual(['#ref-bjola2015digital', '#ref-manor2019selfie']);
  });

  it('carries nothing from one document into the next, though the compiled engine is reused', async () => {
    const ieee = await prepare('ieee');
    const subsequent = await prepare(`${citationsFixture}styles/first-and-subsequent.csl`);
    const apa = await prepare('apa');
    const documentA = (style: typeof ieee) =>
      renderCitations(style, items, [cluster('a0', 'smith2020networks', 'manor2019selfie'), cluster('a1', 'bjola2015digital'), cluster('a2', 'manor2019digitalization')], ['cull2020public']);
    const documentB = (style: typeof ieee) =>
      renderCitations(style, items, [cluster('b0', 'bjola2015digital'), cluster('b1', 'manor2019digitalization', 'demircioglu2024digital')], []);
    const fresh = () => {
      clearCitationEngines();
      return [ieee, subsequent, apa].map((style) => documentB(style));
    };
    const alone = fresh();
    for (const style of [ieee, subsequent, apa]) documentA(style);
    const afterA = [ieee, subsequent, apa].map((style) => documentB(style));
    expect(afterA).toEqual(alone);
    // Concretely: numbering restarts, a work cited before is cited in full again, no stale year suffix.
    expect(citations(afterA[0]!)).toEqual(['[1]', '[2], [3]']);
    expect(citations(afterA[1]!)[0]).toBe('(Bjola, Holmes, 2015, Digital diplomacy: Theory and practice)');
    expect(citations(afterA[2]!)).toEqual(['(Bjola & Holmes, 2015)', '(Demircioğlu, 2024; Manor, 2019)']);
  });
});

describe('links from citations to the bibliography', () => {
  it('links each work of a cluster, keeping the style’s brackets and delimiters outside the links', async () => {
    const apa = await prepare('apa');
    const rendered = renderCitations(
      apa,
      items,
      [cluster('c0', { id: 'manor2019digitalization', prefix: 'see ', locator: '2', label: 'chapter' }, 'demircioglu2024digital')],
      [],
    );
    const html = rendered.citations.get('c0')!;
    expect(text(html)).toBe('(Demircioğlu, 2024; see Manor, 2019, Chapter 2)');
    expect(links(html)).toEqual([
      ['#ref-demircioglu2024digital', 'Demircioğlu, 2024'],
      ['#ref-manor2019digitalization', 'see Manor, 2019, Chapter 2'],
    ]);
    for (const entry of rendered.bibliography) expect(entry.html).toContain(`id="ref-${entry.id}"`);
  });

  it('links each number of a numeric cluster, and both ends of a range', async () => {
    const ieee = await prepare('ieee');
    const rendered = renderCitations(
      ieee,
      items,
      [
        cluster('c0', 'bjola2015digital', 'manor2019digitalization', 'demircioglu2024digital'),
        cluster('c1', 'manor2019digitalization', { id: 'cull2020public', locator: '4', label: 'paragraph' }),
      ],
      [],
    );
    expect(text(rendered.citations.get('c0')!)).toBe('[1]–[3]');
    expect(links(rendered.citations.get('c0')!)).toEqual([
      ['#ref-bjola2015digital', '1'],
      ['#ref-demircioglu2024digital', '3'],
    ]);
    expect(links(rendered.citations.get('c1')!)).toEqual([
      ['#ref-manor2019digitalization', '2'],
      ['#ref-cull2020public', '[4, Para. 4]'],
    ]);
  });

  it('links a one-work cluster whole, in-text citations included', async () => {
    const apa = await prepare('apa');
    const rendered = renderCitations(apa, items, [{ id: 'c0', mode: 'in-text', items: [{ id: 'cull2020public', locator: '33', label: 'page' }] }], []);
    expect(links(rendered.citations.get('c0')!)).toEqual([['#ref-cull2020public', 'Cull et al. (2020, p. 33)']]);
  });
});

describe('what the engine is given', () => {
  it('lists nocite works in the bibliography, after the cited ones in a numeric style', async () => {
    const ieee = await prepare('ieee');
    const rendered = renderCitations(ieee, items, [cluster('c0', 'manor2019selfie')], ['hanson2012baked', 'bjola2015digital']);
    expect(rendered.bibliography.map((e) => e.id)).toEqual(['manor2019selfie', 'hanson2012baked', 'bjola2015digital']);
    const nothingCited = renderCitations(await prepare('apa'), items, [], ['smith2020twitter']);
    expect(bibliography(nothingCited)).toEqual(['Smith, A. (2020). Twitter and the foreign ministry. Global Policy, 11, 40–52.']);
  });

  it('puts the in-text author before the parenthesis, without the affixes of the parenthetical form', async () => {
    const gost = await prepare('gost-r-7-0-5-2008', 'ru');
    const rendered = renderCitations(gost, items, [{ id: 'c0', mode: 'in-text', items: [{ id: 'cull2020public', locator: '33', label: 'page' }] }], []);
    expect(citations(rendered)).toEqual(['Cull и др. [2020, с. 33]']);
  });

  it('labels locators other than pages in a style that takes every locator for a page (GOST), in the locale’s words', async () => {
    const gost = await prepare('gost-r-7-0-5-2008', 'ru');
    const rendered = renderCitations(
      gost,
      items,
      [
        cluster('c0', { id: 'cull2020public', locator: '33', label: 'page' }),
        cluster('c1', { id: 'cull2020public', locator: 'Results', label: 'section' }),
        cluster('c2', { id: 'manor2019selfie', locator: '2-3', label: 'chapter' }, { id: 'bjola2015digital', locator: '4', label: 'paragraph' }),
      ],
      [],
    );
    expect(citations(rendered)).toEqual(['[Cull и др., 2020, с. 33]', '[Cull и др., 2020, разд. Results]', '[Bjola, Holmes, 2015, п. 4; Manor, 2019, гл. 2-3]']);
    // A style that prints labels itself keeps the locator as a locator.
    const apa = renderCitations(await prepare('apa'), items, [cluster('c0', { id: 'cull2020public', locator: 'Results', label: 'section' })], []);
    expect(citations(apa)).toEqual(['(Cull et al., 2020, sec. Results)']);
  });

  it('marks bibliography entries of works in another language than the document’s with that language', async () => {
    const langs = (rendered: RenderedCitations) =>
      Object.fromEntries(rendered.bibliography.map((e) => [e.id, new JSDOM(e.html).window.document.querySelector('.csl-entry')!.getAttribute('lang')]));
    const english = renderCitations(await prepare('apa'), items, [], ['ivanov2021tsifrovaya', 'bjola2015digital']);
    expect(langs(english)).toEqual({ ivanov2021tsifrovaya: 'ru', bjola2015digital: null });
    // A work without a langid is taken to be in the document's language: it is not marked.
    const withLangid = items.map((item) => (item.id === 'bjola2015digital' ? { ...item, language: 'english' } : item));
    const russian = renderCitations(await prepare('gost-r-7-0-5-2008', 'ru'), withLangid, [], ['ivanov2021tsifrovaya', 'bjola2015digital', 'manor2019selfie']);
    expect(langs(russian)).toEqual({ ivanov2021tsifrovaya: null, bjola2015digital: 'en', manor2019selfie: null });
  });

  it('gives English documents sentence-case titles of English works, braced words kept', async () => {
    const apa = renderCitations(await prepare('apa'), items, [], ['demircioglu2024digital', 'hanson2012baked', 'ivanov2021tsifrovaya']);
    expect(bibliography(apa)).toEqual([
      'Demircioğlu, F. (2024). Digital diplomacy and its impacts on Uzbekistan’s international relations. İmgelem, 8, 171–190.',
      'Hanson, F. (2012). Baked in and wired: eDiplomacy@State [Foreign Policy at Brookings Policy Paper]. Brookings Institution.',
      'Иванов, П. С. (2021). Цифровая дипломатия в Центральной Азии. Наука.',
    ]);
    // A Russian document keeps titles of works without a langid as written (as pandoc does).
    const gost = renderCitations(await prepare('gost-r-7-0-5-2008', 'ru'), items, [], ['hanson2012baked']);
    expect(bibliography(gost)).toEqual(['1. Hanson F. Baked In and Wired: eDiplomacy@State. Washington, DC: Brookings Institution, 2012.']);
  });

  it('uses the style’s own locale when it is in the document’s language (en-GB for Harvard)', async () => {
    const harvard = await prepare('harvard-cite-them-right');
    expect(harvard.locale).toBe('en-GB');
    const rendered = renderCitations(harvard, items, [cluster('c0', 'mfa2023strategy')], []);
    expect(bibliography(rendered)).toEqual([
      'Ministry of Foreign Affairs of Uzbekistan (2023) Digital strategy of the foreign ministry. Available at: https://mfa.uz/en/strategy (Accessed: 1 May 2024).',
    ]);
    expect(rendered.bibliography[0]!.html).toContain('<a href="https://mfa.uz/en/strategy">');
  });
});
