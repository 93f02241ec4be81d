import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { build, formatReport } from '../../src/index.ts';
import { defaultCslDirs } from '../../src/cite/csl-files.ts';
import { pdfText } from '../support/pdf.ts';
import { removeProject } from '../support/project.ts';
import { makeCitationsProject } from './support.ts';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await removeProject(root);
});

const dom = (html: string) => new JSDOM(html.replace(/<style[\s\S]*?<\/style>/g, '')).window.document;
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Internal links of a PDF: the named destination of every /Link annotation, and the names defined. */
async function pdfLinks(file: string): Promise<{ targets: string[]; destinations: string[]; uris: string[] }> {
  const pdf = await PDFDocument.load(await readFile(file));
  const targets: string[] = [];
  const uris: string[] = [];
  for (const page of pdf.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookup(i, PDFDict);
      if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const dest = annot.get(PDFName.of('Dest'));
      if (dest instanceof PDFName) targets.push(dest.decodeText());
      const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('URI'));
      if (uri instanceof PDFString || uri instanceof PDFHexString) uris.push(uri.decodeText());
    }
  }
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  return { targets, destinations: dests ? dests.keys().map((k) => k.decodeText()) : [], uris };
}

describe('two documents with the same numeric style in one build (real pandoc and Chromium)', () => {
  let root: string;
  const text: Record<string, string> = {};
  const html: Record<string, Document> = {};

  beforeAll(async () => {
    root = await makeCitationsProject();
    roots.push(root);
    const result = await build({ root, ids: ['numbered-a', 'numbered-b'] });
    expect(formatReport(result.diagnostics.filter((d) => d.severity === 'error'))).toBe('no problems');
    for (const id of ['numbered-a', 'numbered-b']) {
      text[id] = flat(await pdfText(join(root, 'out', id, `${id}.pdf`)));
      html[id] = dom(await readFile(join(root, 'out', id, `${id}.html`), 'utf8'));
    }
  }, 120_000);

  it('numbers each from [1], by first citation, in the text and the bibliography', () => {
    expect(text['numbered-a']).toContain('Networks matter [1], [2, p. 80], as Cull et al. [3, Para. 4] and others note [1], see [4].');
    expect(text['numbered-a']).toMatch(/References \[1\] J\. Smith, “Embassies as networks,”.* \[2\] I\. Manor, “Selfie diplomacy/);
    expect(text['numbered-b']).toContain('Embassies went online [1, Ch. 2]. Later work agrees [1]–[3].');
    expect(text['numbered-b']).toMatch(/References \[1\] C\. Bjola and M\. Holmes, Digital diplomacy/);
  });

  it('lists nocite works without citing them, and every work for nocite: [*]', () => {
    const ids = (id: string) => [...html[id]!.querySelectorAll('.references .csl-entry')].map((e) => e.id.replace(/^ref-/, ''));
    const cited = (id: string) => new Set([...html[id]!.querySelectorAll('.citation')].flatMap((c) => c.getAttribute('data-cites')!.split(' ')));
    expect(ids('numbered-a')).toEqual(['smith2020networks', 'manor2019selfie', 'cull2020public', 'hanson2012baked', 'bjola2015digital']);
    expect(cited('numbered-a').has('bjola2015digital')).toBe(false);
    expect(ids('numbered-b')).toHaveLength(10);
    expect(ids('numbered-b').slice(0, 3)).toEqual(['bjola2015digital', 'manor2019digitalization', 'demircioglu2024digital']);
  });

  it('links every cited work to its bibliography entry in the HTML, one link per work', () => {
    for (const id of ['numbered-a', 'numbered-b']) {
      for (const citation of html[id]!.querySelectorAll('.citation')) {
        const hrefs = [...citation.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
        for (const href of hrefs) expect(html[id]!.querySelector(href), href).not.toBeNull();
        const keys = citation.getAttribute('data-cites')!.split(' ');
        // A numeric range ([1]–[3]) shows, and links, only its ends.
        if (!/–/.test(citation.textContent!)) expect(new Set(hrefs)).toEqual(new Set(keys.map((k) => `#ref-${k}`)));
      }
    }
    const cluster = html['numbered-a']!.querySelector('.citation[data-cites="smith2020networks manor2019selfie"]')!;
    // citeproc renders a bare number ([1]) apart from its brackets, so its link covers the number.
    expect(cluster.innerHTML).toBe('[<a href="#ref-smith2020networks">1</a>], <a href="#ref-manor2019selfie">[2, p. 80]</a>');
  });

  it('links them inside the PDF too: link annotations to named destinations that exist', async () => {
    for (const id of ['numbered-a', 'numbered-b']) {
      const { targets, destinations } = await pdfLinks(join(root, 'out', id, `${id}.pdf`));
      const hrefs = new Set([...html[id]!.querySelectorAll('.citation a')].map((a) => a.getAttribute('href')!.slice(1)));
      expect(new Set(targets)).toEqual(hrefs);
      for (const target of targets) expect(destinations).toContain(target);
    }
    expect((await pdfLinks(join(root, 'out/numbered-b/numbered-b.pdf'))).uris).toContain('https://mfa.uz/en/strategy');
  });
});

describe('styles and locales', () => {
  const brief = (style: string, lang = 'en') =>
    `kind: brief\ntitle: Styles\ndate: 2025-03-01\nlang: ${lang}\ncountries: [UZ]\nstyle: ${style}\nsections:\n  - heading: Text\n    body: Shown [@bjola2015digital, p. 3; @manor2019selfie]. @cull2020public agrees.\n`;

  async function htmlOf(files: Record<string, string>, id: string) {
    const root = await makeCitationsProject(files);
    roots.push(root);
    const result = await build({ root, ids: [id], formats: ['html'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const document = dom(await readFile(join(root, 'out', id, `${id}.html`), 'utf8'));
    return flat(document.querySelector('section.section')!.textContent!);
  }

  it('takes a style by path to a .csl file, relative to the project', async () => {
    expect(await htmlOf({ 'briefs/by-path.yaml': brief('styles/first-and-subsequent.csl') }, 'by-path')).toContain(
      'Shown (Bjola, Holmes, 2015, Digital diplomacy: Theory and practice, 3; Manor, 2019, Selfie diplomacy and soft power). Cull, Hall, Smith, Brown (2020, Public diplomacy in a networked age) agrees.',
    );
  });

  it('takes a dependent style by name and formats with its parent', async () => {
    // dependent/bell-labs-technical-journal.csl names ieee as its parent.
    expect(await htmlOf({ 'briefs/dependent.yaml': brief('bell-labs-technical-journal') }, 'dependent')).toContain('Shown [1, p. 3], [2]. Cull et al. [3] agrees.');
  });

  it('formats a Russian document in GOST with the ru-RU locale', async () => {
    expect(await htmlOf({ 'briefs/gost.yaml': brief('gost-r-7-0-5-2008', 'ru') }, 'gost')).toContain(
      'Shown [Bjola, Holmes, 2015, с. 3; Manor, 2019]. Cull и др. [2020] agrees.',
    );
  });

  it('stops on an unknown style or a missing locale, naming the folder and the closest names', async () => {
    const locales = await mkdtemp(join(tmpdir(), 'briefwright-locales-'));
    roots.push(locales);
    await copyFile(join(defaultCslDirs.locales, 'locales-en-US.xml'), join(locales, 'locales-en-US.xml'));
    await copyFile(join(defaultCslDirs.locales, 'locales-ru-RU.xml'), join(locales, 'locales-ru-KZ.xml'));
    const root = await makeCitationsProject({
      'briefs/typo.yaml': brief('chicago-author-dat'),
      'briefs/russian.yaml': brief('gost-r-7-0-5-2008', 'ru'),
    });
    roots.push(root);
    const { diagnostics } = await build({ root, ids: ['typo', 'russian'], checkOnly: true }, { cslDirs: { styles: defaultCslDirs.styles, locales, ownLocales: locales } });
    expect(formatReport(diagnostics)).toBe(
      [
        `briefs/russian.yaml:4:7 error No CSL locale ru-RU in ${locales} [missing-locale]`,
        '  hint: Closest locales: ru-KZ; or choose another language.',
        `briefs/typo.yaml:6:8 error Unknown citation style "chicago-author-dat": no chicago-author-dat.csl in ${defaultCslDirs.styles} [unknown-style]`,
        '  hint: Closest styles: chicago-author-date, chicago-author-date-de, chicago-author-date-fr, petit-chicago-author-date, chicago-author-date-basque.',
        '2 errors, 0 warnings',
      ].join('\n'),
    );
  });

  it('formats Uzbek and Kazakh documents with the locales Briefwright ships', async () => {
    expect(await htmlOf({ 'briefs/uzbek.yaml': brief('apa', 'uz') }, 'uzbek')).toContain('Shown (Bjola & Holmes, 2015, b. 3; Manor, 2019). Cull va boshq. (2020) agrees.');
    expect(await htmlOf({ 'briefs/kazakh.yaml': brief('apa', 'kk') }, 'kazakh')).toContain('Shown (Bjola & Holmes, 2015, б. 3; Manor, 2019). Cull және т.б. (2020) agrees.');
  });

  it("finds Briefwright's own Uzbek and Kazakh locales whatever the system's folder holds", async () => {
    const locales = await mkdtemp(join(tmpdir(), 'briefwright-locales-'));
    roots.push(locales);
    for (const code of ['en-US', 'ru-RU', 'de-DE']) await copyFile(join(defaultCslDirs.locales, `locales-${code}.xml`), join(locales, `locales-${code}.xml`));
    const root = await makeCitationsProject({ 'briefs/uzbek.yaml': brief('apa', 'uz'), 'briefs/kazakh.yaml': brief('apa', 'kk') });
    roots.push(root);
    const { diagnostics } = await build({ root, ids: ['uzbek', 'kazakh'], checkOnly: true }, { cslDirs: { styles: defaultCslDirs.styles, locales } });
    expect(formatReport(diagnostics)).toBe('no problems');
  });

  it('says where a locale must come from when no folder has one in that language', async () => {
    const [own, locales] = await Promise.all([mkdtemp(join(tmpdir(), 'briefwright-own-')), mkdtemp(join(tmpdir(), 'briefwright-locales-'))]);
    roots.push(own, locales);
    for (const code of ['en-US', 'ru-RU', 'de-DE']) await copyFile(join(defaultCslDirs.locales, `locales-${code}.xml`), join(locales, `locales-${code}.xml`));
    const root = await makeCitationsProject({ 'briefs/uzbek.yaml': brief('apa', 'uz') });
    roots.push(root);
    const { diagnostics } = await build({ root, ids: ['uzbek'], checkOnly: true }, { cslDirs: { styles: defaultCslDirs.styles, locales, ownLocales: own } });
    expect(formatReport(diagnostics)).toBe(
      [
        `briefs/uzbek.yaml:4:7 error No CSL locale uz-Latn-UZ in ${own} or ${locales} [missing-locale]`,
        '  hint: The 3 locales there have none in this language: add csl/locales/locales-uz-Latn-UZ.xml (DEVELOPERS.md, "Adding a language"), or write the document in en or ru.',
        '1 error, 0 warnings',
      ].join('\n'),
    );
  });
});
