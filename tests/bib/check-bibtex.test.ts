import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkBibtex } from '../../src/bib/check-bibtex.ts';
import { checkProjectLibrary } from '../../src/bib/check-project-library.ts';
import { citationsIn, citedKeys } from '../../src/bib/cited-keys.ts';
import { findDuplicates } from '../../src/bib/find-duplicates.ts';
import { parseBibtex } from '../../src/bib/parse-bibtex.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { nodeFileSystem } from '../../src/load/file-system.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { repoRoot } from '../support/project.ts';

const fixtures = new URL('../fixtures/bib/', import.meta.url).pathname;

async function report(name: string): Promise<string[]> {
  const text = await readFile(`${fixtures}${name}`, 'utf8');
  return formatReport(checkBibtex(parseBibtex(text), { file: `tests/fixtures/bib/${name}` }), { hints: false }).split('\n');
}

function check(text: string, keys?: string[]) {
  const citations = keys ? { all: keys.includes('*'), keys: new Set(keys) } : undefined;
  return formatReport(checkBibtex(parseBibtex(text), { file: 'lib.bib', citations }), { hints: false }).split('\n');
}

const at = 'tests/fixtures/bib/messy.bib';

describe('brief bib check', () => {
  it('finds the planted duplicates, malformed DOIs and ISBNs, odd keys, missing fields and macros at their positions', async () => {
    expect(await report('messy.bib')).toEqual([
      `${at}:24:10 warning Entry "mueller2020twiplomacy" is probably the same work as "muller2020twiplomacy" (${at}:12:10): same first author, year and a similar title [bibtex-duplicate-work]`,
      `${at}:95:9 warning Malformed DOI "https://doi.org/10.4324/9781315730844": write it bare, as 10.4324/9781315730844 [bibtex-invalid-doi]`,
      `${at}:117:7 warning Entry "consular2018services" is probably the same work as "alpha2018mobile" (${at}:107:10): same DOI 10.1080/09592296.2018.1491743 [bibtex-duplicate-work]`,
      `${at}:121:9 warning Malformed DOI "https://doi.org/10.1080/09592296.2018.1491743": write it bare, as 10.1080/09592296.2018.1491743 [bibtex-invalid-doi]`,
      `${at}:133:9 warning Malformed DOI "http://dx.doi.org/10.1057/s41254-017-0066-y": write it bare, as 10.1057/s41254-017-0066-y [bibtex-invalid-doi]`,
      `${at}:143:9 warning Malformed DOI "doi:10.1093/ia/iiz101": write it bare, as 10.1093/ia/iiz101 [bibtex-invalid-doi]`,
      `${at}:151:9 warning Malformed DOI "10.1177/ 17506352211012345": a DOI has no spaces: 10.1177/17506352211012345 [bibtex-invalid-doi]`,
      `${at}:159:9 warning Malformed DOI "1057/gmj.2016.12": a DOI is "10.", a registrant code, "/" and a suffix [bibtex-invalid-doi]`,
      `${at}:168:10 warning Invalid ISBN "978-0-306-40615-8": the check digit should be 7 [bibtex-invalid-isbn]`,
      `${at}:176:10 warning Invalid ISBN "0-306-4061": an ISBN has 10 or 13 digits [bibtex-invalid-isbn]`,
      `${at}:189:10 error Duplicate key "smith2020digital" (first defined at ${at}:179:10) [bibtex-duplicate-key]`,
      `${at}:983:9 warning Key "Kemp2021digital" does not follow the house style <family name><year or nd><first title word>, in lower-case ASCII [bibtex-key-style]`,
      `${at}:991:9 error Duplicate key "kemp2021digital" (first defined at ${at}:983:9) [bibtex-duplicate-key]`,
      `${at}:1009:7 warning Entry "manor2019digitalisation" is probably the same work as "manor2019digitalization" (${at}:1000:7): same first author, year and a similar title [bibtex-duplicate-work]`,
      `${at}:1017:7 warning Key "Smith:2020" does not follow the house style <family name><year or nd><first title word>, in lower-case ASCII [bibtex-key-style]`,
      `${at}:1024:13 warning Key "jones_2019_report" does not follow the house style <family name><year or nd><first title word>, in lower-case ASCII [bibtex-key-style]`,
      `${at}:1033:9 warning Key "WHO2021infodemic" does not follow the house style <family name><year or nd><first title word>, in lower-case ASCII [bibtex-key-style]`,
      `${at}:1042:10 warning Entry "omega2022missing" (@article) lacks the required field journaltitle or journal [bibtex-missing-field]`,
      `${at}:1048:7 warning Entry "nodate2000book" (@book) lacks the required field date or year [bibtex-missing-field]`,
      `${at}:1054:9 warning Entry "kappa2023portal" (@online) lacks the required field url or doi or eprint [bibtex-missing-field]`,
      `${at}:1060:9 warning Entry "lambda2017diplomacy" (@thesis) lacks the required field institution or school [bibtex-missing-field]`,
      `${at}:1110:15 error Undefined @string macro "springer" in field "publisher" of entry "iota2012undefined" [bibtex-undefined-string]`,
      `${at}:1115:9 warning Entry "hocking2016diplomacyreport" is probably the same work as "hocking2016diplomacy" (${at}:98:7): same first author, year and a similar title [bibtex-duplicate-work]`,
      '3 errors, 20 warnings',
    ]);
  });

  it('points at the planted values themselves', async () => {
    const lines = (await readFile(`${fixtures}messy.bib`, 'utf8')).split('\n');
    const from = (line: number, column: number) => lines[line - 1]!.slice(column - 1);
    expect(from(12, 10)).toMatch(/^muller2020twiplomacy,/);
    expect(from(24, 10)).toMatch(/^mueller2020twiplomacy,/);
    expect(from(95, 9)).toMatch(/^\{https:\/\/doi\.org\/10\.4324/);
    expect(from(151, 9)).toMatch(/^\{10\.1177\/ 175/);
    expect(from(168, 10)).toMatch(/^\{978-0-306-40615-8\}/);
    expect(from(1110, 15)).toMatch(/^springer,/);
  });

  it('reports unbalanced braces and syntax errors where they are, and still checks the entries after them', async () => {
    expect(await report('broken.bib')).toEqual([
      'tests/fixtures/bib/broken.bib:6:11 error Unbalanced braces in field "title" of entry "unclosed2020title": its value runs on into the fields after it [bibtex-unbalanced-braces]',
      'tests/fixtures/bib/broken.bib:13:11 error Unbalanced braces in field "title" of entry "extra2020brace": its value runs on into the fields after it [bibtex-unbalanced-braces]',
      'tests/fixtures/bib/broken.bib:20:34 error Unmatched "}" after field "title" of entry "stray2021brace": the fields after it would be lost [bibtex-unbalanced-braces]',
      'tests/fixtures/bib/broken.bib:27:3 error Missing "," after field "author" of entry "missing2022comma" [bibtex-syntax]',
      'tests/fixtures/bib/broken.bib:39:7 error Duplicate key "fine2019book" (first defined at tests/fixtures/bib/broken.bib:32:7) [bibtex-duplicate-key]',
      'tests/fixtures/bib/broken.bib:42:15 error Undefined @string macro "pubb" in field "publisher" of entry "fine2019book" [bibtex-undefined-string]',
      'tests/fixtures/bib/broken.bib:46:6 error Entry "open2023end" is not closed: its "{" has no matching "}" [bibtex-unbalanced-braces]',
      '7 errors, 0 warnings',
    ]);
  });

  it('reads quoted values, parentheses, @comment bodies and e-mail addresses in free text', () => {
    const text = [
      'Questions to someone@example.org.',
      '@comment{ @misc{ignored, title = {not an entry}} }',
      '@misc(quoted2020title, title = "A {"}quoted{"} {Title}", date = 2020)',
      '@misc{braces2020title, title = {\\{not\\} escaped}, date = {2020}}',
    ].join('\n');
    const parsed = parseBibtex(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['text', 'comment', 'entry', 'entry']);
    expect(check(text)).toEqual(['no problems']);
  });

  it('requires the fields biblatex requires, counting aliases, crossref and the house-style nd and anonymous keys', () => {
    expect(
      check(
        [
          '@techreport{doe2020report, author = {Doe, J.}, title = {R}, institution = {I}, year = 2020}',
          '@phdthesis{doe2021thesis, author = {Doe, J.}, title = {T}, school = {S}, year = 2021}',
          '@collection{doe2019book, editor = {Doe, J.}, title = {The Book}, date = {2019}}',
          '@incollection{roe2019chapter, author = {Roe, R.}, title = {C}, crossref = {doe2019book}}',
          '@online{doendpage, author = {Doe, J.}, title = {P}, url = {https://x.org}}',
          '@article{anonymous2020notes, title = {N}, journal = {J}, date = {2020}}',
          '@legislation{uzbekistan2020law, title = {On Laws}}',
          '@inproceedings{roe2018paper, title = {P}}',
        ].join('\n'),
      ),
    ).toEqual(['lib.bib:8:16 warning Entry "roe2018paper" (@inproceedings) lacks the required fields author, booktitle, date or year [bibtex-missing-field]', '0 errors, 1 warning']);
  });

  it('takes the required fields from biblatex\'s data model (blx-dm.def), not rules of its own', () => {
    expect(
      check(
        [
          '@mvcollection{doe2019works, author = {Doe, J.}, title = {Works}, date = {2019}}',
          '@mvcollection{roe2019works, editor = {Roe, R.}, title = {Works}, date = {2019}}',
          '@online{doe2020page, title = {P}, doi = {10.1000/x}, date = {2020}}',
          '@online{roe2020page, title = {P}, eprint = {2001.00001}, date = {2020}}',
          '@www{poe2020page, title = {P}, year = 2020}',
          '@report{doe2021report, author = {Doe, J.}, title = {R}, institution = {I}, date = {2021}}',
          '@report{roe2021report, author = {Roe, R.}, title = {R}, type = {Working Paper}, institution = {I}, date = {2021}}',
          '@mvreference{doe2015encyclopedia, editor = {Doe, J.}, title = {E}}',
          '@mvproceedings{doe2016proceedings, title = {P}}',
          '@proceedings{roe2016proceedings, title = {P}, date = {2016}}',
          '@software{doe2022tool, title = {T}}',
          '@set{doe2023set, crossref = {doe2020page}}',
          '@misc{doe2024notes, author = {Doe, J.}}',
        ].join('\n'),
      ),
    ).toEqual([
      'lib.bib:1:15 warning Entry "doe2019works" (@mvcollection) lacks the required field editor [bibtex-missing-field]',
      'lib.bib:5:6 warning Entry "poe2020page" (@www) lacks the required field url or doi or eprint [bibtex-missing-field]',
      'lib.bib:6:9 warning Entry "doe2021report" (@report) lacks the required field type [bibtex-missing-field]',
      'lib.bib:12:6 warning Entry "doe2023set" (@set) lacks the required field entryset [bibtex-missing-field]',
      'lib.bib:13:7 warning Entry "doe2024notes" (@misc) lacks the required fields title, date or year [bibtex-missing-field]',
      '0 errors, 5 warnings',
    ]);
  });

  it('takes date xor year from the data model: one of them, not both', () => {
    expect(check('@book{doe2020book,\n  author = {Doe, J.},\n  title = {T},\n  date = {2020-03},\n  month = 3, year = 2020\n}\n@legislation{doe2021law, title = {L}, date = {2021}, year = 2021}')).toEqual([
      'lib.bib:5:14 warning Entry "doe2020book" gives both date and year; biblatex\'s data model allows exactly one of them [bibtex-exclusive-fields]',
      '0 errors, 1 warning',
    ]);
  });

  it('reports a field given twice in one entry where the second one is, as BibTeX and biber read only the first', () => {
    const text = [
      '@book{doe2020book,',
      '  author = {Doe, J.},',
      '  title = {First Title},',
      '  date = {2020},',
      '  Title = {Second Title},',
      '  note = {NN}, DATE = {2020}',
      '}',
    ].join('\n');
    expect(check(text)).toEqual([
      'lib.bib:5:3 warning Field "title" is given twice in entry "doe2020book" (first at lib.bib:3:3): BibTeX and biber read only the first and ignore this value [bibtex-duplicate-field]',
      'lib.bib:6:16 warning Field "date" is given twice in entry "doe2020book" (first at lib.bib:4:3), with the same value [bibtex-duplicate-field]',
      '0 errors, 2 warnings',
    ]);
  });

  it('warns about entries that no brief or finding cites, unless a source paper cites them or a cited entry pulls them in', () => {
    const text = [
      '@book{a2020book, author = {A, A.}, title = {Cited Book}, date = {2020}}',
      '@incollection{b2020chapter, author = {B, B.}, title = {Chapter}, crossref = {c2020book}}',
      '@collection{c2020book, editor = {C, C.}, title = {Parent Book}, date = {2020}}',
      '@book{d2020book, author = {D, D.}, title = {Only in a Paper}, date = {2020}, keywords = {history, cited-by-source}}',
      '@book{e2020book, author = {E, E.}, title = {Nobody Cites This}, date = {2020}}',
    ].join('\n');
    expect(check(text, ['a2020book', 'b2020chapter'])).toEqual([
      'lib.bib:5:7 warning Entry "e2020book" is not cited by any brief or finding [bibtex-uncited-entry]',
      '0 errors, 1 warning',
    ]);
    expect(check(text, ['*'])).toEqual(['no problems']);
    expect(check(text)).toEqual(['no problems']);
  });

  it('collects the keys briefs and findings cite', async () => {
    expect(citationsIn('See [@a2020x, p. 3; -@b2020y] and @c2020z [p. 4], @{odd.key}, [@fact:uz-x-2020], mail me@d2020w.org.')).toEqual(['a2020x', 'b2020y', 'c2020z', 'odd.key']);
    const { project } = await loadProject(repoRoot, nodeFileSystem);
    const cited = citedKeys(project);
    expect(cited.all).toBe(false);
    // Finding sources and primaries, nocite keys of the Turkmenistan brief.
    for (const key of ['demircioglu2024digital', 'datareportal2023digitalb', 'turkmenistanndcyber']) expect(cited.keys).toContain(key);
  });

  it('finds no problems in the real library, whose chapters share their book\'s DOI and whose accounts differ by platform', async () => {
    const { project } = await loadProject(repoRoot, nodeFileSystem);
    expect(checkProjectLibrary(project)).toEqual([]);
    expect(findDuplicates(parseBibtex(await readFile(`${repoRoot}references.bib`, 'utf8')))).toEqual([]);
  });
});
