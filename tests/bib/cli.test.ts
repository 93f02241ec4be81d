import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, makeProject, removeProject } from '../support/project.ts';

const fixtures = new URL('../fixtures/bib/', import.meta.url).pathname;
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

/** A folder holding copies of the named fixture libraries. */
async function folder(...names: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'briefwright-bib-'));
  roots.push(root);
  for (const name of names) await copyFile(join(fixtures, name), join(root, name));
  return root;
}

async function project(files: Record<string, string> = {}): Promise<string> {
  const root = await makeProject(files);
  roots.push(root);
  return root;
}

describe('brief bib', () => {
  it('fmt --check reports what would change and exits 1 without writing; fmt rewrites; then --check exits 0', async () => {
    const root = await folder('messy.bib');
    const before = await readFile(join(root, 'messy.bib'), 'utf8');
    const check = await cli(root, 'bib', 'fmt', 'messy.bib', '--check');
    expect(check.code).toBe(1);
    const lines = check.stdout.trim().split('\n');
    expect(lines[0]).toBe('messy.bib:4:1 would reformat @preamble');
    expect(lines).toContain('messy.bib:12:1 would reformat entry "muller2020twiplomacy"');
    expect(lines.slice(-4)).toEqual([
      'messy.bib:1141:1 would reformat @comment',
      'messy.bib: would sort the entries by key (within the sections that comments head)',
      'messy.bib: would use LF line endings',
      'messy.bib is not formatted: run brief bib fmt messy.bib',
    ]);
    expect(await readFile(join(root, 'messy.bib'), 'utf8')).toBe(before);

    expect(await cli(root, 'bib', 'fmt', 'messy.bib')).toEqual({ code: 0, stdout: 'formatted messy.bib\n', stderr: '' });
    const after = await readFile(join(root, 'messy.bib'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).not.toContain('\r');
    expect(await cli(root, 'bib', 'fmt', 'messy.bib', '--check')).toEqual({ code: 0, stdout: 'messy.bib is already formatted\n', stderr: '' });
    expect(await cli(root, 'bib', 'fmt', 'messy.bib')).toEqual({ code: 0, stdout: 'messy.bib is already formatted\n', stderr: '' });
    expect((await readdir(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('check exits 1 on errors, with file:line:column, and 0 on warnings only', async () => {
    const root = await folder('messy.bib');
    const check = await cli(root, 'bib', 'check', 'messy.bib');
    expect(check.code).toBe(1);
    expect(check.stdout).toBe('');
    expect(check.stderr).toContain(
      'messy.bib:117:7 warning Entry "consular2018services" is probably the same work as "alpha2018mobile" (messy.bib:107:10): same DOI 10.1080/09592296.2018.1491743 [bibtex-duplicate-work]\n' +
        '  hint: Keep one entry for the work: `brief bib fix` proposes the merge, `brief bib fix --merge` applies it; then cite the key that remains.\n',
    );
    expect(check.stderr.trim().split('\n').at(-1)).toBe('3 errors, 20 warnings');

    await writeFile(join(root, 'ok.bib'), '@misc{doe2020note,\n  author = {Doe, Jane},\n  title = {A Note},\n  doi = {https://doi.org/10.1000/1},\n  date = {2020}\n}\n');
    const warnings = await cli(root, 'bib', 'check', 'ok.bib');
    expect(warnings.code).toBe(0);
    expect(warnings.stdout.trim().split('\n').at(-1)).toBe('0 errors, 1 warning');
  });

  it('fix applies the safe fixes and proposes merges; --merge applies them; --check writes nothing', async () => {
    const root = await folder('messy.bib');
    const before = await readFile(join(root, 'messy.bib'), 'utf8');
    const dry = await cli(root, 'bib', 'fix', 'messy.bib', '--check');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('messy.bib:133:9 gamma2017embassies.doi: DOI without URL prefix or spaces: {http://dx.doi.org/10.1057/s41254-017-0066-y} -> {10.1057/s41254-017-0066-y}\n');
    expect(dry.stdout).toContain('5 probable duplicates: run brief bib fix --merge to merge them\n');
    expect(await readFile(join(root, 'messy.bib'), 'utf8')).toBe(before);

    const fixed = await cli(root, 'bib', 'fix', 'messy.bib');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.trim().split('\n').at(-1)).toBe('fixed messy.bib: 64 values');
    expect((await cli(root, 'bib', 'fix', 'messy.bib')).stdout.trim().split('\n').at(-1)).toBe('messy.bib: nothing to fix');

    const merged = await cli(root, 'bib', 'fix', 'messy.bib', '--merge');
    expect(merged.code).toBe(0);
    expect(merged.stdout.trim().split('\n').at(-1)).toBe('fixed messy.bib: 0 values, merged 5 duplicates');
    // The fixed file is sorted by key, so mueller2020twiplomacy now comes first and stays.
    const text = await readFile(join(root, 'messy.bib'), 'utf8');
    expect(text).not.toContain('@article{muller2020twiplomacy,');
    expect(text).toContain('  ids = {muller2020twiplomacy}');
  });

  it('fmt and fix keep % comment lines between entries where they are', async () => {
    const root = await folder('biblatex-examples.bib');
    const library = [
      '% Reading list of the digital diplomacy unit',
      '% ---- Books ----',
      '@book{roe2020book, author = {Roe, Ann}, title = {Networks}, publisher = {Press}, date = {2020}}',
      '',
      '% ---- Reports: numbers as the institutes give them ----',
      '@report{doe2019report, author = {Doe, Jo}, title = {Ten\u2009000 Users}, type = {Working Paper}, institution = {Institute}, number = {A-1}, pages = {A-1}, date = {2019}}',
      '',
    ].join('\n');
    await writeFile(join(root, 'list.bib'), library);
    expect(await cli(root, 'bib', 'fmt', 'list.bib')).toEqual({ code: 0, stdout: 'formatted list.bib\n', stderr: '' });
    const formatted = await readFile(join(root, 'list.bib'), 'utf8');
    expect(formatted).toBe(
      [
        '% Reading list of the digital diplomacy unit\n% ---- Books ----',
        '@book{roe2020book,\n  author = {Roe, Ann},\n  title = {Networks},\n  publisher = {Press},\n  date = {2020}\n}',
        '% ---- Reports: numbers as the institutes give them ----',
        '@report{doe2019report,\n  author = {Doe, Jo},\n  title = {Ten\u2009000 Users},\n  number = {A-1},\n  pages = {A-1},\n  institution = {Institute},\n  date = {2019},\n  type = {Working Paper}\n}\n',
      ].join('\n\n'),
    );
    expect(await cli(root, 'bib', 'fix', 'list.bib')).toEqual({ code: 0, stdout: 'list.bib: nothing to fix\n', stderr: '' });
    expect(await readFile(join(root, 'list.bib'), 'utf8')).toBe(formatted);

    // A public library: its comment stays before the entry it is about, and a second run changes nothing.
    expect(await cli(root, 'bib', 'fmt', 'biblatex-examples.bib')).toEqual({ code: 0, stdout: 'formatted biblatex-examples.bib\n', stderr: '' });
    expect(await readFile(join(root, 'biblatex-examples.bib'), 'utf8')).toContain('% With Biber they are not needed.\n\n@collection{westfahl:frontier,');
    expect(await cli(root, 'bib', 'fix', 'biblatex-examples.bib')).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(join(root, 'biblatex-examples.bib'), 'utf8')).toContain('% With Biber they are not needed.\n\n@collection{westfahl:frontier,');
    expect(await cli(root, 'bib', 'fmt', 'biblatex-examples.bib', '--check')).toEqual({ code: 0, stdout: 'biblatex-examples.bib is already formatted\n', stderr: '' });
  });

  it('refuses to rewrite a library with syntax errors', async () => {
    const root = await folder('broken.bib');
    const before = await readFile(join(root, 'broken.bib'), 'utf8');
    for (const action of ['fmt', 'fix']) {
      const result = await cli(root, 'bib', action, 'broken.bib');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('broken.bib:20:34 error Unmatched "}" after field "title" of entry "stray2021brace": the fields after it would be lost [bibtex-unbalanced-braces]');
      expect(result.stderr.trim().split('\n').at(-1)).toBe(`brief: broken.bib was not ${action === 'fmt' ? 'formatted' : 'fixed'}: fix the syntax errors first`);
    }
    expect(await readFile(join(root, 'broken.bib'), 'utf8')).toBe(before);
  });

  it('exits 1 on a missing file and 2 on usage errors', async () => {
    const root = await folder();
    expect(await cli(root, 'bib', 'check', 'nothing.bib')).toMatchObject({ code: 1, stderr: expect.stringContaining('nothing.bib error There is no BibTeX file nothing.bib [missing-file]') });
    for (const argv of [['bib'], ['bib', 'tidy'], ['bib', 'fmt', 'a.bib', 'b.bib'], ['bib', 'fmt', '--merge'], ['bib', 'check', '--check'], ['check', '--merge'], ['list', '--check']]) {
      const result = await cli(root, ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^brief: /);
    }
  });

  it('checks the project library against what its briefs and findings cite, in bib check and in brief check', async () => {
    const base = await project();
    const library = await readFile(join(base, 'references.bib'), 'utf8');
    const uncited = library.replace('  keywords = {cited-by-source},\n', '');
    const root = await project({ 'references.bib': uncited });
    const warning = 'references.bib:36:9 warning Entry "hanson2012baked" is not cited by any brief or finding [bibtex-uncited-entry]';
    const bib = await cli(root, 'bib', 'check');
    expect(bib.code).toBe(0);
    expect(bib.stdout).toContain(`${warning}\n`);
    expect(bib.stdout.trim().split('\n').at(-1)).toBe('0 errors, 1 warning');
    // Outside the project library (another file), nothing is checked for being cited.
    await writeFile(join(root, 'other.bib'), uncited);
    expect(await cli(root, 'bib', 'check', 'other.bib')).toEqual({ code: 0, stdout: 'no problems\n', stderr: '' });

    const duplicated = await project({ 'references.bib': `${library}\n@misc{hanson2012baked,\n  title = {Again},\n  date = {2012}\n}\n` });
    const check = await cli(duplicated, 'check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('references.bib:45:7 error Duplicate key "hanson2012baked" (first defined at references.bib:36:9) [bibtex-duplicate-key]');
  });
});
