import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, listFiles, makeProject, removeProject } from '../support/project.ts';

const roots: string[] = [];
const project = async (files: Record<string, string> = {}) => {
  const root = await makeProject(files);
  roots.push(root);
  return root;
};
afterAll(async () => Promise.all(roots.map(removeProject)));

const helpLine = 'Run "brief --help" to see the commands and their options.';

describe('a command line that says no', () => {
  it('refuses a word that is neither a command nor a document, suggesting both kinds', async () => {
    const root = await project({ 'briefs/checklist.yaml': (await readFile(join(await project(), 'briefs/sample.yaml'), 'utf8')) });
    const typo = await cli(root, 'sampel');
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim().split('\n')).toEqual([
      'brief: "sampel" is neither a command nor a document in briefs/',
      '  hint: Did you mean "sample" (document)?',
      helpLine,
    ]);
    const command = await cli(root, 'chek');
    expect(command.code).toBe(2);
    expect(command.stderr.split('\n')[1]).toBe('  hint: Did you mean "check" (command)?');
    expect(await listFiles(join(root, 'out'))).toEqual([]);
  });

  it('still builds `brief ID` and reports an unknown id of `brief build` as a missing document', async () => {
    const root = await project();
    expect((await cli(root, 'build', 'sampel')).stderr).toContain('Unknown document "sampel"');
    const built = await cli(root, 'sample', '--format', 'html');
    expect(built.code).toBe(0);
    expect(await listFiles(join(root, 'out/sample'))).toEqual(['sample.html']);
  });

  it('refuses an unknown option with the closest ones, and an option of another command', async () => {
    const root = await project();
    const unknown = await cli(root, 'build', '--formt', 'pdf');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual(['brief: unknown option "--formt"', '  hint: Did you mean --format, --force?', helpLine]);
    const misplaced = await cli(root, 'list', '--sources', 'papers');
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr.split('\n')[0]).toBe('brief: --sources is not an option of list; build, verify, findings take it');
    const missing = await cli(root, 'build', '--out');
    expect(missing.stderr.split('\n')[0]).toBe('brief: --out needs a value');
  });
});

describe('one cause, one error', () => {
  it('reports a findings file with a syntax error once, not in every document that uses its findings', async () => {
    const root = await project();
    const file = join(root, 'findings/test.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('    topic: connectivity\n', '    topic: [connectivity\n'));
    const result = await cli(root, 'check');
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => / error /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^findings\/test\.yaml:\d+:\d+ error .* \[yaml-syntax\]$/);
  });

  it('reports one bad finding at its field and keeps the others of its file', async () => {
    const root = await project();
    const file = join(root, 'findings/test.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('as_of: 2023-01 }', 'as_of: 2023-13 }'));
    const result = await cli(root, 'check');
    const errors = result.stderr.split('\n').filter((line) => / error /.test(line));
    expect(errors).toEqual([
      'findings/test.yaml:7:78 error "2023-13" is not a date: there is no month 13; months run from 01 to 12 at findings[0].metric.as_of [invalid-value]',
    ]);
  });
});
