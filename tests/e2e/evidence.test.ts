import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { parse } from 'yaml';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { withCharts } from '../support/specs.ts';
import { pdfText } from '../support/pdf.ts';

const fixture = (path: string) => readFile(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

/** A figure of Kazakhstan from a second paper, disagreeing with the first's for the same year. */
const disagreeing = `findings:
  - id: kz-connectivity-internet-penetration-demircioglu-2023
    country: KZ
    topic: connectivity
    claim: A lower figure for Kazakhstan in 2023.
    metric: { name: internet-penetration, value: 88, unit: percent, as_of: "2023" }
    source: demircioglu2024digital
    locator: p. 4
    evidence: "88 percent of Kazakhstan"
`;

// The papers' texts for the check: Allamurodov's has its phrases, figures and years; Demircioğlu's only the follower count.
const sources = {
  'sources.yaml': 'sources:\n  allamurodov2023digital: a.txt\n  demircioglu2024digital: d.txt\n',
  'papers/a.txt': 'In January 2023, 76.6 percent of the people of Uzbekistan used the internet.\nIn Kazakhstan 90.9% did in 2023.\n',
  'papers/d.txt': 'In 2024 the press service had more than 3 million followers on Instagram.\n',
};

/** Every evidence phrase of the project's findings, read from the YAML files themselves. */
async function phrases(root: string, files: string[]): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const file of files) {
    for (const finding of parse(await readFile(join(root, file), 'utf8')).findings) all.set(finding.id, finding.evidence);
  }
  return all;
}

/** Each link to an evidence entry: the figure's text, the finding id its entry is for, and that entry. */
function evidenceLinks(dom: Document) {
  return [...dom.querySelectorAll<HTMLAnchorElement>('a[href^="#evidence-"]')].map((link) => {
    const target = dom.getElementById(link.getAttribute('href')!.slice(1));
    return { text: link.textContent!.trim(), id: link.getAttribute('href')!.slice('#evidence-'.length), target, inside: link.closest('.finding-box, .chart, main p, td, li') };
  });
}

const flat = (text: string) => text.replace(/-\n\s*/g, '').replace(/\s+/g, ' ');

describe('evidence entries for every figure', () => {
  let root: string;
  let dom: Document;
  let findingPhrases: Map<string, string>;
  beforeAll(async () => {
    const spec = withCharts(await fixture('basic/briefs/sample.yaml'));
    root = await makeProject({
      'briefs/sample.yaml': spec.replace('key_findings:\n', 'comparison:\n  rows:\n    - metric: internet-penetration\n      label: Internet users\nkey_findings:\n').replace('countries: [UZ]', 'countries: [UZ, KZ]'),
      'findings/more.yaml': await fixture('charts/more-findings.yaml'),
      'findings/disagreeing.yaml': disagreeing,
      ...sources,
    });
    const result = await build({ root, sourcesDir: 'papers' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    dom = new JSDOM(await readFile(join(root, 'out/sample/sample.html'), 'utf8')).window.document;
    findingPhrases = await phrases(root, ['findings/test.yaml', 'findings/more.yaml', 'findings/disagreeing.yaml']);
  });
  afterAll(() => removeProject(root));

  it('links every figure in the HTML edition to an entry quoting its finding\'s evidence phrase', () => {
    // No figure is left unlinked: in the text, the key-finding boxes, the table and under the charts.
    expect(dom.querySelectorAll('span.figure')).toHaveLength(0);
    const links = evidenceLinks(dom);
    const figures = [...dom.querySelectorAll('.figure, .finding-figure')];
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(figure.matches('a[href^="#evidence-"]') || figure.querySelector('a[href^="#evidence-"]'), figure.outerHTML).toBeTruthy();
    for (const link of links) {
      expect(link.target, `#evidence-${link.id}`).not.toBeNull();
      expect(link.target!.matches('li.evidence-entry')).toBe(true);
      expect(link.target!.querySelector('.evidence-phrase')!.textContent).toBe(findingPhrases.get(link.id));
    }
    // The figures the document prints, each with its entry: the text's, the box's, the table's and the charts'.
    expect(new Set(links.map((l) => l.id))).toEqual(
      new Set([
        'uz-connectivity-internet-penetration-2023',
        'uz-social-media-president-instagram-followers-2024',
        'uz-connectivity-internet-penetration-2020',
        'kz-connectivity-internet-penetration-2023',
        'kz-connectivity-internet-penetration-demircioglu-2023',
      ]),
    );
    // Entries are in the order a reader meets the figures, one per finding.
    const entries = [...dom.querySelectorAll('li.evidence-entry')].map((li) => li.id);
    expect(entries[0]).toBe('evidence-uz-connectivity-internet-penetration-2023');
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('gives each entry its source with locator, as-of year, verification against the paper and conflicts', () => {
    const entry = (id: string) => {
      const li = dom.getElementById(`evidence-${id}`)!;
      return Object.fromEntries(
        [...li.querySelectorAll('.evidence-facts > div')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent!.replace(/\s+/g, ' ').trim()]),
      );
    };
    expect(entry('uz-connectivity-internet-penetration-2023')).toEqual({
      Source: 'Allamurodov (2023), p. 29',
      'As of': '2023',
      'In the source': '76.6 percent',
      Checked: 'Found in the text of the source',
      'Conflicting findings': 'None',
    });
    // Demircioğlu's text lacks the phrase; the 90.9% figure conflicts with it and links to its entry.
    expect(entry('kz-connectivity-internet-penetration-demircioglu-2023')).toMatchObject({
      Source: 'Demircioğlu (2024), p. 4',
      Checked: 'Not found in the text of the source',
      'Conflicting findings': '90.9% (Allamurodov (2023), p. 28; 2023)',
    });
    expect(entry('kz-connectivity-internet-penetration-2023')).toMatchObject({ Checked: 'Found in the text of the source', 'Conflicting findings': '88% (Demircioğlu (2024), p. 4; 2023)' });
    expect(entry('uz-social-media-president-instagram-followers-2024')).toMatchObject({ 'As of': '2024', Checked: 'Found in the text of the source' });
    const conflict = dom.querySelector('#evidence-kz-connectivity-internet-penetration-2023 .evidence-conflict a')!;
    expect(conflict.getAttribute('href')).toBe('#evidence-kz-connectivity-internet-penetration-demircioglu-2023');
    // The source links to its entry in the references.
    const source = dom.querySelector<HTMLAnchorElement>('#evidence-uz-connectivity-internet-penetration-2023 dd a')!;
    expect(dom.getElementById(source.getAttribute('href')!.slice(1))!.textContent).toContain('Allamurodov');
  });

  it('leaves the list and the links out of the PDF unless the spec asks for the annex', async () => {
    const text = flat(await pdfText(join(root, 'out/sample/sample.pdf')));
    expect(text).not.toContain('Evidence for the figures');
    expect(text).not.toContain('In the source');
  });
});

describe('evidence_annex: true', () => {
  let root: string;
  beforeAll(async () => {
    const spec = (await fixture('basic/briefs/sample.yaml')).replace('lang: en\n', 'lang: en\nevidence_annex: true\n');
    root = await makeProject({ 'briefs/sample.yaml': spec });
    const result = await build({ root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  afterAll(() => removeProject(root));

  it('prints the same entries as an annex of the PDF', async () => {
    const html = new JSDOM(await readFile(join(root, 'out/sample/sample.html'), 'utf8')).window.document;
    const text = flat(await pdfText(join(root, 'out/sample/sample.pdf')));
    expect(text).toContain('Evidence for the figures');
    const entries = [...html.querySelectorAll('li.evidence-entry')];
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(text).toContain(`“${entry.querySelector('.evidence-phrase')!.textContent}”`);
      // Not checked: the build was given no papers.
      expect(entry.querySelector('.verification')!.textContent).toBe('Not checked against the text of the source in this build');
    }
    expect(text).toContain('In the source “76.6 percent”');
    expect(text).toContain('Source Allamurodov (2023), p. 29');
  });
});
