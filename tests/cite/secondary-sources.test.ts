/**
 * Issue 16, point 8: a fact a paper reports from another work (`primary:` in findings) is cited to
 * both, "(Faizullaev, 2024, as cited in Arapov, 2025, …)", in the document language's words, and both
 * works are in the bibliography.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';

const fixture = new URL('../fixtures/style-matrix/', import.meta.url).pathname;

const findings = `findings:
  - id: uz-public-diplomacy-embassies-online-2023
    country: UZ
    topic: public-diplomacy
    claim: Every embassy of Uzbekistan has an official website.
    metric: { name: embassies-online, value: 58, unit: count, as_of: "2023" }
    source: arapov2025
    locator: p. 52
    evidence: "all 58 embassies"
    primary: faizullaev2024
`;

const brief = (id: string, lang: string, style: string) =>
  [
    'kind: brief',
    `title: Secondary sources ${id}`,
    'date: 2025-03-01',
    `lang: ${lang}`,
    'countries: [UZ]',
    `style: ${style}`,
    'sections:',
    '  - heading: Sources',
    '    body: |',
    '      Embassies online: [@fact:uz-public-diplomacy-embassies-online-2023].',
    '',
    '      Written by hand [@faizullaev2024, p. 7; as cited in @arapov2025, p. 52].',
    '    charts:',
    '      - type: bar',
    '        metric: embassies-online',
    '        title: Embassies online',
    '        countries: [UZ]',
    '',
  ].join('\n');

describe('secondary sources are cited as cited in the source they came from', () => {
  let root: string;
  const documents = new Map<string, Document>();
  beforeAll(async () => {
    root = await makeProject(
      {
        'findings/arapov2025.yaml': findings,
        'briefs/en-apa.yaml': brief('en-apa', 'en', 'apa'),
        'briefs/ru-gost.yaml': brief('ru-gost', 'ru', 'gost-r-7-0-5-2008'),
        'briefs/en-chicago.yaml': brief('en-chicago', 'en', 'chicago-note-bibliography'),
      },
      fixture,
    );
    const result = await build({ root, ids: ['en-apa', 'ru-gost', 'en-chicago'], formats: ['html'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const id of ['en-apa', 'ru-gost', 'en-chicago']) documents.set(id, new JSDOM(await readFile(join(root, 'out', id, `${id}.html`), 'utf8')).window.document);
  }, 120_000);
  afterAll(() => removeProject(root));

  const paragraphs = (id: string) => [...documents.get(id)!.querySelectorAll('section.section p:not(.chart-caption)')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
  const entries = (id: string) => [...documents.get(id)!.querySelectorAll('.references .csl-entry')].map((e) => e.id);

  it('APA: "as cited in"; only the work that was read is in the references (APA 7, 8.6)', () => {
    expect(paragraphs('en-apa')).toEqual([
      'Embassies online: 58 (Faizullaev, 2024, as cited in Arapov, 2025, p. 52).',
      'Written by hand (Faizullaev, 2024, p. 7, as cited in Arapov, 2025, p. 52).',
    ]);
    expect(entries('en-apa')).toEqual(['ref-arapov2025']);
    // A chart's bar is a figure too: its source line names the original as the text does.
    expect(documents.get('en-apa')!.querySelector('.chart-source')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Source: (Faizullaev, 2024, as cited in Arapov, 2025, p. 52)');
    // The original's name is no link to an entry that is not there.
    expect(documents.get('en-apa')!.querySelector('a[href="#ref-faizullaev2024"]')).toBeNull();
  });

  it('GOST in Russian: "цит. по:"', () => {
    expect(paragraphs('ru-gost')[0]).toBe('Embassies online: 58 [Faizullaev, 2024, цит. по: Arapov, 2025, с. 52].');
    expect(entries('ru-gost')).toEqual(['ref-arapov2025', 'ref-faizullaev2024']);
    expect(documents.get('ru-gost')!.querySelector('.chart-source')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Источник: [Faizullaev, 2024, цит. по: Arapov, 2025, с. 52]');
  });

  it('a note style: in the note', () => {
    const note = documents.get('en-chicago')!.querySelector('section.notes li')!.textContent!.replace('↩', '').replace(/\s+/g, ' ').trim();
    expect(entries('en-chicago')).toEqual(['ref-arapov2025', 'ref-faizullaev2024']);
    expect(note).toBe('Faizullaev, Diplomacy and Self, as cited in Arapov, “Digital Diplomacy of the Central Asian States,” 52.');
  });
});
