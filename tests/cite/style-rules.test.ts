/**
 * Issue 16, points 2-6: what a style's own readers expect, case by case, on the style-matrix library
 * (each of these failed before the change that made it pass).
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { renderCitations, type CitationCluster, type RenderedCitations } from '../../src/cite/citation-engine.ts';
import { parseBibtex, type CiteprocItem, type CslItem } from '../../src/cite/citation-js.ts';
import { prepare } from './support.ts';

let items: CslItem[];
beforeAll(async () => {
  items = parseBibtex(await readFile(new URL('../fixtures/style-matrix/references.bib', import.meta.url), 'utf8'));
});

const text = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body.textContent!.replace(/\s+/g, ' ').trim();
const cluster = (mode: CitationCluster['mode'], ...cites: (string | CiteprocItem)[]): CitationCluster => ({
  id: 'c0',
  mode,
  items: cites.map((c) => (typeof c === 'string' ? { id: c } : c)),
});
async function render(style: string, clusters: CitationCluster[], lang = 'en'): Promise<{ cites: string[]; entries: Map<string, string>; raw: RenderedCitations }> {
  const raw = renderCitations(await prepare(style, lang), items, clusters.map((c, i) => ({ ...c, id: `c${i}` })), []);
  return {
    cites: [...raw.citations.values()].map(text),
    entries: new Map(raw.bibliography.map((e) => [e.id, text(e.html)])),
    raw,
  };
}
const everything = (r: { raw: RenderedCitations }) => [...r.raw.citations.values(), ...r.raw.bibliography.map((e) => e.html)].join('\n');

describe('2. no processor placeholder reaches a reader', () => {
  it('MLA with the author suppressed and no page prints nothing, not [NO_PRINTED_FORM]', async () => {
    const r = await render('modern-language-association', [cluster('suppress-author', { id: 'faizullaev2024', 'suppress-author': true })]);
    expect(everything(r)).not.toMatch(/NO_PRINTED_FORM|CSL STYLE ERROR|[\uE000-\uE003\uE010]/);
    expect(r.cites).toEqual(['']);
  });
});

describe('3. narrative citations with more works', () => {
  const narrative = cluster('in-text', { id: 'faizullaev2024', locator: '3', label: 'page' }, { id: 'bjola2015', prefix: 'see ' });
  it.each([
    ['apa', 'Faizullaev (2024, p. 3; see Bjola & Holmes, 2015)'],
    ['harvard-cite-them-right', 'Faizullaev (2024, p. 3; see Bjola and Holmes, 2015)'],
  ])('%s: the first work is the narrative author and each prefix stays with its work', async (style, expected) => {
    expect((await render(style, [narrative])).cites).toEqual([expected]);
  });
  it('GOST (Russian)', async () => {
    expect((await render('gost-r-7-0-5-2008', [narrative], 'ru')).cites).toEqual(['Faizullaev [2024, с. 3; see Bjola, Holmes, 2015]']);
  });
});

describe('4. each style decides how an undated work looks', () => {
  it.each([
    ['ieee', /Tashkent\.$/],
    ['harvard-cite-them-right', /\(no date\)/],
    ['modern-language-association', /Ministry of Digital Technologies\.$/],
  ])('%s', async (style, pattern) => {
    const r = await render(style, [cluster('normal', 'undated')]);
    expect(r.entries.get('undated')).toMatch(pattern);
    expect(everything(r)).not.toMatch(style === 'harvard-cite-them-right' ? /n\.d\./ : /n\.d\.|no date/);
  });
  it('Chicago writes "n.d." once in the bibliography', async () => {
    const r = await render('chicago-author-date', [cluster('normal', 'undated')]);
    expect(r.entries.get('undated')!.match(/n\.d\./g)).toHaveLength(1);
  });
});

describe('5. locators', () => {
  it('styles that print no locator (Vancouver, Nature) print none of any kind', async () => {
    for (const style of ['vancouver', 'nature']) {
      const r = await render(style, [cluster('normal', { id: 'bjola2015', locator: '4', label: 'paragraph' }), cluster('normal', { id: 'arapov2025', locator: '50', label: 'page' })]);
      expect(r.cites.join(' '), style).not.toMatch(/para|p\./);
    }
  });
  it('one work cited twice in a cluster is printed once, with both locators', async () => {
    const twice = cluster('normal', { id: 'arapov2025', locator: '50', label: 'page' }, { id: 'arapov2025', locator: '52', label: 'page' });
    expect((await render('apa', [twice])).cites).toEqual(['(Arapov, 2025, pp. 50, 52)']);
    const sections = cluster('normal', { id: 'arapov2025', suffix: ', sec. Conclusion' }, { id: 'arapov2025', suffix: ', sec. Results' });
    expect((await render('apa', [sections])).cites).toEqual(['(Arapov, 2025, sec. Conclusion, sec. Results)']);
  });
});

describe('6. from BibTeX to CSL', () => {
  it('"and others" is et al., in the text and the bibliography', async () => {
    const apa = await render('apa', [cluster('normal', 'karimov2021')]);
    expect(apa.cites).toEqual(['(Karimov et al., 2021)']);
    expect(everything(apa)).not.toMatch(/others/);
    const mla = await render('modern-language-association', [cluster('normal', 'karimov2021')]);
    expect(mla.entries.get('karimov2021')).toMatch(/^Karimov, Aziz, et al\. “Mobile/);
    const gost = await render('gost-r-7-0-5-2008', [cluster('normal', 'karimov2021')], 'ru');
    expect(gost.cites).toEqual(['[Karimov и др., 2021]']);
  });
  it('the type field is printed as written, and a foreign law is no US public law in APA', async () => {
    const chicago = await render('chicago-author-date', [cluster('normal', 'tmlaw2015')]);
    expect(chicago.entries.get('tmlaw2015')).toContain('Law of Turkmenistan');
    const apa = await render('apa', [cluster('normal', 'tmlaw2015')]);
    expect(apa.entries.get('tmlaw2015')).toBe('On information and its protection, Law of Turkmenistan No. 171-V (2015).');
    expect(apa.cites).toEqual(['(On Information and Its Protection, 2015)']);
  });
  it('GOST: [б. г.] for an undated work, «//» only before a host, "P." for English works, DOIs kept', async () => {
    const r = await render('gost-r-7-0-5-2008', [cluster('normal', 'undated'), cluster('normal', 'arapov2025'), cluster('normal', 'ivanov2022')], 'ru');
    expect(r.cites[0]).toBe('[Ministry of Digital Technologies of Uzbekistan, s. a.]');
    expect(r.entries.get('undated')).toMatch(/Ministry of Digital Technologies, \[s\. a\.\]\.$/);
    expect(r.entries.get('arapov2025')).toBe(
      '2. Arapov T. Digital Diplomacy of the Central Asian States // Journal of Eurasian Studies. 2025. Vol. 16. № 1. P. 45–67. DOI: 10.1177/18793665241234567.',
    );
    expect(r.entries.get('ivanov2022')).toMatch(/Т\. 15\. № 2\. С\. 100–118\.$/);
  });
});
