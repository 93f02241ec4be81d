import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { compareDiagnostics } from '../../src/diagnostics/diagnostic.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { listFiles, makeProject, removeProject } from '../support/project.ts';
import { badInputs, secret } from './cases.ts';
import { expectedErrors } from './expected.ts';

/** Every output file with its content hash, to prove a failed build touched nothing. */
async function snapshot(outDir: string): Promise<Record<string, string>> {
  const files = await listFiles(outDir);
  const hashes = await Promise.all(files.map(async (f) => createHash('sha256').update(await readFile(join(outDir, f))).digest('hex')));
  return Object.fromEntries(files.map((f, i) => [f, hashes[i]!]));
}

/** A file outside every test project, next to them, that hostile inputs try to read. */
const secretPath = join(tmpdir(), 'briefwright-hostile-secret');
const withSecret = (text: string) => text.replaceAll('@SECRET@', secretPath);

/** Every output file's text, a Word file's unzipped (to prove the secret reached none of them). */
async function outputText(outDir: string): Promise<string> {
  const files = await listFiles(outDir);
  const texts = await Promise.all(
    files.map(async (f) => (f.endsWith('.docx') ? execFileSync('unzip', ['-p', join(outDir, f)]).toString('latin1') : (await readFile(join(outDir, f))).toString('latin1'))),
  );
  return texts.join('\n');
}

const runs = badInputs.flatMap((c) => (c.formats ?? ['html']).map((format) => [c.formats ? `${c.name} [${format}]` : c.name, c, format] as const));

describe('a battery of bad inputs', () => {
  let baseline: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    await writeFile(secretPath, `${secret}\n`);
    // A good earlier build whose outputs every bad build must leave exactly as they are.
    baseline = await mkdtemp(join(tmpdir(), 'briefwright-baseline-'));
    const project = await makeProject();
    await build({ root: project, outDir: baseline, formats: ['html'] });
    await removeProject(project);
    before = await snapshot(baseline);
    expect(Object.keys(before)).toContain('sample/sample.html');
  });
  afterAll(() => rm(baseline, { recursive: true, force: true }));

  it('has at least 40 cases, each with a frozen expectation', () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(expectedErrors).sort()).toEqual(badInputs.map((c) => c.name).sort());
  });

  it.each(runs)('%s', async (_, bad, format) => {
    const files = Object.fromEntries(Object.entries(bad.files).map(([path, text]) => [path, typeof text === 'string' ? withSecret(text) : text]));
    const root = await makeProject(files);
    try {
      for (const [path, target] of Object.entries(bad.links ?? {})) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await rm(join(root, path), { force: true });
        await symlink(withSecret(target), join(root, path));
      }
      for (const [path, kind] of Object.entries(bad.special ?? {})) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await rm(join(root, path), { force: true });
        if (kind === 'folder') await mkdir(join(root, path));
        else execFileSync('mkfifo', [join(root, path)]);
      }
      // A PDF or Word build would rebuild the fixture's good document (the baseline is HTML): leave it out.
      if (format !== 'html') await rm(join(root, 'briefs/sample.yaml'));
      await cp(baseline, join(root, 'out'), { recursive: true });
      const { diagnostics } = await build({ root, formats: [format], limits: bad.limits });
      const errors = diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
      const own = errors.filter((d) => d.file !== 'briefs/sample.yaml' && d.file !== 'findings/test.yaml');
      const first = (own.length > 0 ? own : errors)[0];
      expect(first && formatReport([first], { hints: false }).split('\n')[0]).toBe(withSecret(expectedErrors[bad.name]!));
      // One cause, one error: none is reported twice.
      const lines = errors.map((d) => formatReport([d], { hints: false }));
      expect(lines).toEqual([...new Set(lines)]);
      expect(await snapshot(join(root, 'out'))).toEqual(before);
      const report = formatReport(diagnostics);
      expect(report).not.toMatch(/\n\s+at /);
      // A refused file's contents are never echoed, nor written.
      expect(report).not.toContain(secret);
      expect(await outputText(join(root, 'out'))).not.toContain(secret);
    } finally {
      await removeProject(root);
    }
  }, 60_000);
});
