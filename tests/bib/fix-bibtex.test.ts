import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkBibtex } from '../../src/bib/check-bibtex.ts';
import { describeClash, describeMerge, fixBibtex } from '../../src/bib/fix-bibtex.ts';
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
      '  keeps author = {M{\\"u}ller, J{\\"o}rg and van der Berg, Anna and others}, drops {Müller, Jörg and Berg, Anna van der}',
      '  keeps title = {{Twiplomacy}: Heads of State on {Twitter}}, drops {Twiplomacy: heads of state on twitter}',
      '  cite "muller2020twiplomacy" instead of "mueller2020twiplomacy" (kept as an alias in ids)',
      'merge "consular2018services" (messy.bib:117:7) into "alpha2018mobile" (messy.bib:107:10): same DOI 10.1080/09592296.2018.1491743',
      '  takes over: note',
      '  keeps author = {Alpha, Ada}, drops {Beta, Bruno}',
      '  keeps title = {Mobile Consular Services}, drops {A Preprint on Mobile Consular Applications}',
      '  cite "alpha2018mobile" instead of "consular2018services" (kept as an alias in ids)',
      'merge "smith2020digital" (messy.bib:189:10) into "smith2020digital" (messy.bib:179:10): same key "smith2020digital"',
      '  takes over: issn, note',
      '  keeps title = {Digital Public Diplomacy in {Central Asia}}, drops {Digital Public Diplomacy in Central Asia}',
      'merge "manor2019digitalisation" (messy.bib:1009:7) into "manor2019digitalization" (messy.bib:1000:7): same first author, year and a similar title',
      '  takes over: note',
      '  keeps author = {Manor, Ilan}, drops {Ilan Manor}',
      '  keeps title = {The Digitalization of Public Diplomacy}, drops {The Digitalisation of Public Diplomacy}',
      '  keeps publisher = {Palgrave Macmillan}, drops {Springer}',
      '  cite "manor2019digitalization" instead of "manor2019digitalisation" (kept as an alias in ids)',
      'merge "hocking2016diplomacyreport" (messy.bib:1115:9) into "hocking2016diplomacy" (messy.bib:98:7): same first author, year and a similar title',
      '  takes over: type, institution, date, note',
      '  keeps author = {Hocking, Brian and Melissen, Jan}, drops {Hocking, Brian}',
      '  keeps title = {Diplomacy in the Digital Age}, drops {Diplomacy in the Digital Age: {A} {Clingendael} Report}',
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
