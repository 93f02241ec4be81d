import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkBibtex } from '../../src/bib/check-bibtex.ts';
import { describeClash, describeMerge, fixBibtex, fixDifferences } from '../../src/bib/fix-bibtex.ts';
import { formatBibtex } from '../../src/bib/format-bibtex.ts';
import { entries, fieldValues, parseBibtex, stringMacros } from '../../src/bib/parse-bibtex.ts';

const messyPath = new URL('../fixtures/bib/messy.bib', import.meta.url).pathname;

function fix(text: string, merge = false) {
  const result = fixBibtex(parseBibtex(text), { merge });
  return { ...result, text: formatBibtex(result) };
}

function fieldsOf(text: string, key: string): Record<string, string> {
  const parsed = parseBibtex(text);
  const entry = entries(parsed).find((e) => e.key === key)!;
  return Object.fromEntries(fieldValues(entry, stringMacros(parsed)));
}

describe('brief bib fix', () => {
  it('strips DOI prefixes and spaces, writes months as numbers, page ranges with --, and tidies whitespace', () => {
    const text = [
      '@article{a2020x,',
      '  author = {A,   Ann},',
      '  title = {  Two',
      '     Lines  },',
      '  journal = {J},',
      '  year = 2020,',
      '  month = sep,',
      '  pages = {12-34, 40 – 42},',
      '  doi = {https://doi.org/10.1000/ ABC},',
      '  note = "First paragraph.',
      '',
      '    Second   paragraph."',
      '}',
      '@article{b2021y, author = {B, Bo}, title = {T}, journal = {J}, year = 2021, month = {March}, pages = {5--9}, doi = {doi:10.2000/x}}',
      '@article{c2022z, author = {C, Cy}, title = {T}, journal = {J}, year = 2022, month = {03}}',
    ].join('\n');
    const result = fix(text);
    expect(result.fixes.map((f) => `${f.at.line}:${f.at.column} ${f.key}.${f.field} ${f.what}: {${f.before}} -> {${f.after}}`)).toEqual([
      '2:12 a2020x.author whitespace: {A,   Ann} -> {A, Ann}',
      '3:11 a2020x.title whitespace: {  Two\n     Lines  } -> {Two Lines}',
      '7:11 a2020x.month month as a number: {sep} -> {9}',
      '8:11 a2020x.pages page range with --: {12-34, 40 – 42} -> {12--34, 40--42}',
      '9:9 a2020x.doi DOI without URL prefix or spaces: {https://doi.org/10.1000/ ABC} -> {10.1000/ABC}',
      '10:10 a2020x.note whitespace: {First paragraph.\n\n    Second   paragraph.} -> {First paragraph.\n\nSecond paragraph.}',
      '14:85 b2021y.month month as a number: {March} -> {3}',
      '14:116 b2021y.doi DOI without URL prefix or spaces: {doi:10.2000/x} -> {10.2000/x}',
      '15:85 c2022z.month month as a number: {03} -> {3}',
    ]);
    expect(fieldsOf(result.text, 'a2020x')).toMatchObject({ month: '9', pages: '12--34, 40--42', doi: '10.1000/ABC', title: 'Two Lines', note: 'First paragraph.\n\nSecond paragraph.' });
    expect(fix(result.text).fixes).toEqual([]);
  });

  it('keeps what each value says: thin and no-break spaces, a page such as A-1, and % comments where they are', () => {
    const text = [
      '% Reports, numbered by the institute',
      '@report{b2019r, author = {B, Bo}, title = {Ten\u2009000 \u00a0Users\\,Online}, type = {Report}, institution = {I}, pages = {A-1}, date = {2019}}',
      '@report{a2019r, author = {A, Al}, title = {T}, type = {Report}, institution = {I}, pages = {A1-A5, xi-xv, 7 -- 9, 2-a}, date = {2019}}',
      '',
      '% Books',
      '@book{z2020b, author = {Z, Zo}, title = {  Spaced   Out  }, date = {2020}}',
      '@book{c2020b, author = {C, Cy}, title = {C}, date = {2020}}',
    ].join('\n');
    const result = fix(text);
    expect(result.text).toBe(
      [
        '% Reports, numbered by the institute',
        '',
        '@report{a2019r,\n  author = {A, Al},\n  title = {T},\n  pages = {A1--A5, xi--xv, 7--9, 2-a},\n  institution = {I},\n  date = {2019},\n  type = {Report}\n}',
        '',
        '@report{b2019r,\n  author = {B, Bo},\n  title = {Ten\u2009000 \u00a0Users\\,Online},\n  pages = {A-1},\n  institution = {I},\n  date = {2019},\n  type = {Report}\n}',
        '',
        '% Books',
        '',
        '@book{z2020b,\n  author = {Z, Zo},\n  title = {Spaced Out},\n  date = {2020}\n}',
        '',
        '@book{c2020b,\n  author = {C, Cy},\n  title = {C},\n  date = {2020}\n}',
        '',
      ].join('\n'),
    );
    expect(fixDifferences(parseBibtex(text), result, result.text)).toEqual([]);
  });

  it('proves its output means what the library means, and names what would differ', () => {
    const text = '@book{b2020x, title = {Ten\u2009000}, pages = {A-1}, date = {2020}}\n\n% About a2020x\n\n@book{a2020x, title = {A}, date = {2020}}\n';
    const parsed = parseBibtex(text);
    const result = fixBibtex(parsed);
    expect(fixDifferences(parsed, result, formatBibtex(result))).toEqual([]);
    // What the fixes did before they were proved: each is caught, in the fixed library or in the text written.
    const wrong = (changed: string) => ({ ...result, fixed: parseBibtex(changed).blocks, blocks: parseBibtex(changed).blocks });
    const thin = text.replace('\u2009', ' ');
    expect(fixDifferences(parsed, wrong(thin), thin)).toEqual(['- @book{b2020x} date = {2020}, pages = {A-1}, title = {Ten\u2009000}', '+ @book{b2020x} date = {2020}, pages = {A-1}, title = {Ten 000}']);
    const range = text.replace('A-1', 'A--1');
    expect(fixDifferences(parsed, wrong(range), range)).toEqual(['- @book{b2020x} date = {2020}, pages = {A-1}, title = {Ten\u2009000}', '+ @book{b2020x} date = {2020}, pages = {A--1}, title = {Ten\u2009000}']);
    const moved = '% About a2020x\n\n@book{a2020x, title = {A}, date = {2020}}\n\n@book{b2020x, title = {Ten\u2009000}, pages = {A-1}, date = {2020}}\n';
    expect(fixDifferences(parsed, wrong(moved), moved)).toEqual(['- comment "% About a2020x" before a2020x', '+ comment "% About a2020x" above the entries']);
    expect(fixDifferences(parsed, result, moved)).toEqual(['- comment "% About a2020x" before a2020x', '+ comment "% About a2020x" above the entries']);
    expect(fixDifferences(parsed, result, '@book{b2020x, title = {B}')).toEqual(['the new text does not parse: Entry "b2020x" is not closed: its "{" has no matching "}"']);
  });

  it('merges two entries field by field: a value only one has, the fuller of two, and conflicts reported', () => {
    const text = [
      '@book{roe2020digital, author = {Roe, Ann}, title = {Digital Diplomacy}, publisher = {Routledge}, note = {}, date = {2020}}',
      '@book{roe2020digitalb, author = {Ann Roe and Bo Lee}, title = {Digital Diplomacy: {Theory} and Practice}, publisher = {Palgrave}, note = {Second printing}, isbn = {978-0-306-40615-7}, date = {2020}}',
    ].join('\n');
    const result = fix(text, true);
    expect(result.merges.flatMap((m) => describeMerge(m, 'lib.bib'))).toEqual([
      'merge "roe2020digitalb" (lib.bib:2:7) into "roe2020digital" (lib.bib:1:7): same first author, year and a similar title',
      '  takes over: note, isbn',
      '  takes the fuller author = {Ann Roe and Bo Lee}, not {Roe, Ann}',
      '  takes the fuller title = {Digital Diplomacy: {Theory} and Practice}, not {Digital Diplomacy}',
      '  conflicting publisher: keeps {Routledge}, drops {Palgrave}; check which is right',
      '  cite "roe2020digital" instead of "roe2020digitalb" (kept as an alias in ids)',
    ]);
    expect(fieldsOf(result.text, 'roe2020digital')).toEqual({
      author: 'Ann Roe and Bo Lee',
      title: 'Digital Diplomacy: {Theory} and Practice',
      publisher: 'Routledge',
      note: 'Second printing',
      isbn: '978-0-306-40615-7',
      date: '2020',
      ids: 'roe2020digitalb',
    });
    expect(entries(parseBibtex(result.text)).map((e) => e.key)).toEqual(['roe2020digital']);
    expect(fixDifferences(parseBibtex(text), result, result.text)).toEqual([]);
  });

  it('leaves the planted problems of the messy library fixed and proposes the merges', async () => {
    const text = await readFile(messyPath, 'utf8');
    const result = fix(text);
    expect(result.fixes.length).toBe(64);
    expect(fieldsOf(result.text, 'gamma2017embassies').doi).toBe('10.1057/s41254-017-0066-y');
    expect(fieldsOf(result.text, 'hocking2016diplomacy').month).toBe('7');
    expect(fieldsOf(result.text, 'zinovieva2020tsifrovye').pages).toBe('20--34');
    expect(fieldsOf(result.text, 'xi2020whitespace').title).toBe('A Title Spread Over Two Lines');
    // Proposed, not applied: both entries of each pair are still there.
    expect(entries(parseBibtex(result.text)).length).toBe(entries(parseBibtex(text)).length);
    const file = 'messy.bib';
    expect(result.merges.flatMap((m) => describeMerge(m, file))).toEqual([
      'merge "mueller2020twiplomacy" (messy.bib:24:10) into "muller2020twiplomacy" (messy.bib:12:10): same first author, year and a similar title',
      '  takes over: journaltitle, date, note',
      '  cite "muller2020twiplomacy" instead of "mueller2020twiplomacy" (kept as an alias in ids)',
      'merge "consular2018services" (messy.bib:117:7) into "alpha2018mobile" (messy.bib:107:10): same DOI 10.1080/09592296.2018.1491743',
      '  takes over: note',
      '  conflicting author: keeps {Alpha, Ada}, drops {Beta, Bruno}; check which is right',
      '  conflicting title: keeps {Mobile Consular Services}, drops {A Preprint on Mobile Consular Applications}; check which is right',
      '  cite "alpha2018mobile" instead of "consular2018services" (kept as an alias in ids)',
      'merge "smith2020digital" (messy.bib:189:10) into "smith2020digital" (messy.bib:179:10): same key "smith2020digital"',
      '  takes over: issn, note',
      'merge "manor2019digitalisation" (messy.bib:1009:7) into "manor2019digitalization" (messy.bib:1000:7): same first author, year and a similar title',
      '  takes over: note',
      '  conflicting title: keeps {The Digitalization of Public Diplomacy}, drops {The Digitalisation of Public Diplomacy}; check which is right',
      '  conflicting publisher: keeps {Palgrave Macmillan}, drops {Springer}; check which is right',
      '  cite "manor2019digitalization" instead of "manor2019digitalisation" (kept as an alias in ids)',
      'merge "hocking2016diplomacyreport" (messy.bib:1115:9) into "hocking2016diplomacy" (messy.bib:98:7): same first author, year and a similar title',
      '  takes over: type, institution, date, note',
      '  takes the fuller title = {Diplomacy in the Digital Age: {A} {Clingendael} Report}, not {Diplomacy in the Digital Age}',
      '  cite "hocking2016diplomacy" instead of "hocking2016diplomacyreport" (kept as an alias in ids)',
    ]);
    expect(result.clashes.map((c) => describeClash(c, file))).toEqual([
      'rename "kemp2021digital" (messy.bib:991:9) or "Kemp2021digital" (messy.bib:983:9): one key for two different works, nothing merged',
    ]);
  });

  it('merges duplicates only with --merge, keeping the first entry, its values and the other key as an alias', async () => {
    const text = await readFile(messyPath, 'utf8');
    const merged = fix(text, true);
    const keys = entries(parseBibtex(merged.text)).map((e) => e.key);
    for (const gone of ['mueller2020twiplomacy', 'consular2018services', 'manor2019digitalisation', 'hocking2016diplomacyreport']) expect(keys).not.toContain(gone);
    expect(keys.filter((k) => k === 'smith2020digital')).toHaveLength(1);
    expect(fieldsOf(merged.text, 'muller2020twiplomacy')).toMatchObject({
      title: '{Twiplomacy}: Heads of State on {Twitter}',
      journaltitle: 'Journal of European Public Policy',
      ids: 'mueller2020twiplomacy',
    });
    expect(fieldsOf(merged.text, 'smith2020digital')).toMatchObject({ issn: '0263-4937' });
    const after = checkBibtex(parseBibtex(merged.text), { file: 'messy.bib' }).map((d) => d.ruleId);
    expect(after.filter((r) => r === 'bibtex-duplicate-work' || r === 'bibtex-invalid-doi')).toEqual(['bibtex-invalid-doi']);
    // The one-key-two-works clash is left for a person to rename.
    expect(after.filter((r) => r === 'bibtex-duplicate-key')).toEqual(['bibtex-duplicate-key']);
    expect(fix(merged.text, true).merges).toEqual([]);
  });
});
