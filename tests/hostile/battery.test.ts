import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { compareDiagnostics } from '../../src/diagnostics/diagnostic.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { listFiles, makeProject, removeProject } from '../support/project.ts';
import { badInputs } from './cases.ts';
import { expectedErrors } from './expected.ts';

/** Every output file with its content hash, to prove a failed build touched nothing. */
async function snapshot(outDir: string): Promise<Record<string, string>> {
  const files = await listFiles(outDir);
  const hashes = await Promise.all(files.map(async (f) => createHash('sha256').update(await readFile(join(outDir, f))).digest('hex')));
  return Object.fromEntries(files.map((f, i) => [f, hashes[i]!]));
}

describe('a battery of bad inputs', () => {
  let baseline: string;
  let before: Record<string, string>;
  beforeAll(async () => {
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

  it.each(badInputs.map((c) => [c.name, c] as const))('%s', async (_, bad) => {
    const root = await makeProject(bad.files);
    try {
      for (const [path, target] of Object.entries(bad.links ?? {})) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await symlink(target, join(root, path));
      }
      await cp(baseline, join(root, 'out'), { recursive: true });
      const { diagnostics } = await build({ root, formats: ['html'], limits: bad.limits });
      const errors = diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
      const own = errors.filter((d) => d.file !== 'briefs/sample.yaml' && d.file !== 'findings/test.yaml');
      const first = (own.length > 0 ? own : errors)[0];
      expect(first && formatReport([first], { hints: false }).split('\n')[0]).toBe(expectedErrors[bad.name]);
      expect(await snapshot(join(root, 'out'))).toEqual(before);
      expect(formatReport(diagnostics)).not.toMatch(/\n\s+at /);
    } finally {
      await removeProject(root);
    }
  });
});
