/**
 * A hyphen in BibTeX's `number` (a report number, an issue, a number in a series) is part of the
 * number, not a range: `pandoc --citeproc` prints it as written, and so must Briefwright (citeproc-js
 * alone turns "2020-3" into "2020–3"). Page ranges still get their en dash.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/cite/citation-js.ts';
import { renderCitations } from '../../src/cite/citation-engine.ts';
import { defaultCslDirs } from '../../src/cite/csl-files.ts';
import { prepare, runWithInput } from './support.ts';

const library = `@report{smith2020report,
  author = {Smith, Ann},
  title = {A Report},
  institution = {Inst},
  type = {Technical Report},
  number = {2020-3},
  date = {2020}
}

@article{jones2021appendix,
  author = {Jones, Bo},
  title = {Numbered by Letter},
  journaltitle = {Journal},
  volume = {3},
  number = {A-1},
  pages = {5-9},
  date = {2021}
}

@article{kim2021double,
  author = {Kim, Cy},
  title = {A Double Issue},
  journaltitle = {Journal},
  volume = {4},
  number = {2-3},
  pages = {10--19},
  date = {2021}
}

@book{lee2019book,
  author = {Lee, Di},
  title = {A Book in a Series},
  series = {Working Papers},
  number = {WP-12},
  publisher = {Press},
  date = {2019}
}
`;

const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'briefwright-numbers-'));
  await writeFile(join(folder, 'library.bib'), library);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('a hyphen in a BibTeX number', () => {
  for (const style of ['apa', 'chicago-author-date', 'harvard-cite-them-right']) {
    it(`prints as written, as pandoc --citeproc prints it (${style})`, async () => {
      const items = parseBibtex(library);
      const ours = renderCitations(await prepare(style), items, [{ id: 'c1', mode: 'normal', items: items.map((item) => ({ id: String(item.id) })) }], []);
      const markdown = `---\nbibliography: ${join(folder, 'library.bib')}\ncsl: ${join(defaultCslDirs.styles, `${style}.csl`)}\nlink-citations: false\n---\n\n[@smith2020report; @jones2021appendix; @kim2021double; @lee2019book]\n`;
      const pandoc = (await runWithInput('pandoc', ['--citeproc', '-f', 'markdown', '-t', 'plain', '--wrap=none'], markdown)).trim().split(/\n\s*\n/).slice(1);
      expect(ours.bibliography.map((entry) => plain(entry.html))).toEqual(pandoc.map((entry) => entry.replace(/\s+/g, ' ').trim()));
      const text = ours.bibliography.map((entry) => plain(entry.html)).join('\n');
      for (const number of ['2020-3', 'A-1', '2-3']) expect(text).toContain(number);
      expect(text).toMatch(/5–9/);
    });
  }
});
