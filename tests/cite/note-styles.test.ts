/**
 * Issue 16, point 1: a note style (`class="note"`) prints its citations as numbered notes with links
 * both ways, gives citeproc each citation's note number ("Ibid.", short forms), and keeps a narrative
 * citation's names in the sentence once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { pdfText } from '../support/pdf.ts';
import { styledBrief } from '../support/specs.ts';

const fixture = new URL('../fixtures/style-matrix/', import.meta.url).pathname;

const brief = (style: string, body: string) => styledBrief(`Notes in ${style}`, style, { Notes: body });

const body = [
  'Diplomacy went digital [@arapov2025, p. 50].',
  '',
  'The same page again [@arapov2025, p. 50], and then another work [@bjola2015].',
  '',
  'As @faizullaev2024 [p. 3] argues, the self matters.',
].join('\n');

describe('note styles print notes', () => {
  let root: string;
  const html = new Map<string, Document>();
  beforeAll(async () => {
    root = await makeProject(
      { 'briefs/notes.yaml': brief('chicago-note-bibliography', body), 'briefs/ibid.yaml': brief('chicago-note-bibliography-with-ibid', body) },
      fixture,
    );
    const result = await build({ root, ids: ['notes', 'ibid'], formats: ['html', 'pdf'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const id of ['notes', 'ibid']) html.set(id, new JSDOM(await readFile(join(root, 'out', id, `${id}.html`), 'utf8')).window.document);
  }, 120_000);
  afterAll(() => removeProject(root));

  it('numbers each citation as a note, after the punctuation, linked to the note and back', () => {
    const document = html.get('notes')!;
    const paragraphs = [...document.querySelectorAll('section.section p')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
    expect(paragraphs).toEqual([
      'Diplomacy went digital.1',
      'The same page again,2 and then another work.3',
      'As Faizullaev4 argues, the self matters.',
    ]);
    const refs = [...document.querySelectorAll('a.note-ref')];
    expect(refs.map((a) => [a.id, a.getAttribute('href')])).toEqual([1, 2, 3, 4].map((n) => [`note-ref-${n}`, `#note-${n}`]));
    const notes = [...document.querySelectorAll('section.notes li')];
    expect(notes.map((li) => [li.id, li.querySelector('a.note-back')!.getAttribute('href')])).toEqual([1, 2, 3, 4].map((n) => [`note-${n}`, `#note-ref-${n}`]));
    const text = notes.map((li) => li.textContent!.replace('↩', '').replace(/\s+/g, ' ').trim());
    // The first note is the short form this style uses for every citation, then its subsequent forms.
    expect(text).toEqual(['Arapov, “Digital Diplomacy of the Central Asian States,” 50.', 'Arapov, 50.', 'Bjola and Holmes, Digital Diplomacy.', 'Diplomacy and Self, 3.']);
  });

  it('a style with "Ibid." gets it from the note numbers', () => {
    const notes = [...html.get('ibid')!.querySelectorAll('section.notes li')].map((li) => li.textContent!.replace('↩', '').replace(/\s+/g, ' ').trim());
    expect(notes[1]).toBe('Ibid.');
  });

  it('the PDF prints the notes, numbered, with the text, at the foot of the page (tests/e2e/page-notes.test.ts: over several pages)', async () => {
    const text = (await pdfText(join(root, 'out', 'notes', 'notes.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('Diplomacy went digital.1');
    // The one page ends with its notes, after the references.
    expect(text.trim()).toMatch(/Routledge, 2024\. 1\. Arapov, “Digital Diplomacy of the Central Asian States,” 50\. ↩ 2\. Arapov, 50\. ↩ 3\. Bjola and Holmes, Digital Diplomacy\. ↩ 4\. Diplomacy and Self, 3\. ↩$/);
    expect(text).not.toContain('Notes 1.');
  });
});
