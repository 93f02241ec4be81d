import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/build.ts';
import { makeProject, removeProject } from '../support/project.ts';

const head = (kind: string, title: string) => `kind: ${kind}\ntitle: ${title}\ndate: 2025-01-01\ncountries: [UZ]\n`;

/** A document built next to a hostile one: its Markdown reaches for the fields of other documents in the same pandoc run. */
const good = `${head('brief', 'Good')}summary: |
  ## Intro

  See [ref] and a note[^1] [@bjola2015digital].

  [^1]: The good note.
sections:
  - heading: Body
    body: |
      (@) First example.

      Internet use reached [@fact:uz-connectivity-internet-penetration-2023].
`;
const hostile = `${head('memo', 'Hostile')}from: Team
recipients:
  - name: Ministry A
    paragraphs: |
      ::::: {#open}
      swallow the next recipient

      \`\`\`
      and everything after as code
  - name: Ministry B
    paragraphs: "Text for B."
summary: |
  ::::::::::::

  :::::::::::: {#briefwright-fragment-0}
  EVIL REPLACEMENT
  ::::::::::::

  [ref]: https://evil.example

  [^1]: evil note

  A hostile claim.[^1]

  (@) evil example

  ## Intro
sections:
  - heading: Body
    body: "<!-- and all that follows"
  - heading: More
    body: "A second note numbered 1 in its own field.[^1]\\n\\n[^1]: hostile second note"
`;

describe('one document cannot change another', () => {
  let root: string;
  const formats = ['pdf', 'html', 'docx'] as const;
  beforeAll(async () => {
    // The hostile document sorts first, so its fragments come before the good one's in the batch.
    root = await makeProject({ 'briefs/aa-hostile.yaml': hostile, 'briefs/zz-good.yaml': good });
  });
  afterAll(() => removeProject(root));

  it('gives a document the same bytes in a batch with a hostile one as built alone, in every format', async () => {
    const alone = await build({ root, ids: ['zz-good'], formats, outDir: 'out-alone' });
    expect(alone.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const batch = await build({ root, formats, outDir: 'out-batch' });
    // The hostile memo is valid Markdown: it builds too.
    expect(batch.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const format of formats) {
      const [a, b] = await Promise.all(['out-alone', 'out-batch'].map((out) => readFile(join(root, out, 'zz-good', `zz-good.${format}`))));
      expect(b!.equals(a!), format).toBe(true);
    }
    const html = await readFile(join(root, 'out-batch', 'zz-good', 'zz-good.html'), 'utf8');
    expect(html).not.toMatch(/EVIL|evil/);
    expect(html).toContain('The good note.');
  });

  it("keeps a field's footnotes in its own document, with ids no other field's notes share", async () => {
    // Each run of pandoc writes the footnotes of all it converts after the last fragment: another document's.
    const batch = await build({ root, formats: ['html'], outDir: 'out-notes' });
    expect(batch.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = await readFile(join(root, 'out-notes', 'aa-hostile', 'aa-hostile--ministry-a.html'), 'utf8');
    const document = new JSDOM(html).window.document;
    const notes = [...document.querySelectorAll('li[role="doc-endnote"]')];
    expect(notes.map((note) => note.textContent!.replace(/\s*↩︎?$/, '').trim())).toEqual(['evil note', 'hostile second note']);
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every note reference links to its own note, and every note back to its reference.
    for (const ref of document.querySelectorAll('a.footnote-ref')) {
      const note = document.getElementById(ref.getAttribute('href')!.slice(1))!;
      expect(document.getElementById(note.querySelector('a.footnote-back')!.getAttribute('href')!.slice(1))).toBe(ref);
    }
    const good = await readFile(join(root, 'out-notes', 'zz-good', 'zz-good.html'), 'utf8');
    expect(good).not.toMatch(/evil|hostile/);
  });

  it("keeps each memo recipient's paragraphs to their own field", async () => {
    const result = await build({ root, formats: ['html'], outDir: 'out-memo', ids: ['aa-hostile'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const a = await readFile(join(root, 'out-memo', 'aa-hostile', 'aa-hostile--ministry-a.html'), 'utf8');
    const b = await readFile(join(root, 'out-memo', 'aa-hostile', 'aa-hostile--ministry-b.html'), 'utf8');
    expect(a).toContain('swallow the next recipient');
    expect(a).not.toContain('Text for B.');
    expect(b).toContain('Text for B.');
    expect(b).not.toContain('swallow');
  });
});
