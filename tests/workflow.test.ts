import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: Record<string, unknown[]> }; if?: string }>;
}

/** The two commands at the top of the README: build the briefs, run the tests. */
async function readmeCommands(): Promise<string[]> {
  const block = /```sh\n([\s\S]*?)```/.exec(await read('README.md'))![1]!;
  return block.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
}

describe('the CI workflow', () => {
  it('uses the README commands and .ci/run the test command', async () => {
    const [buildCommand, testCommand] = await readmeCommands();
    expect([buildCommand, testCommand]).toEqual(['npm run brief', 'npm test']);
    expect((await read('.ci/run')).split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd '))).toEqual([testCommand]);

    const workflow = YAML.parse(await read('.github/workflows/briefs.yml')) as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs('test')).toEqual([testCommand]);
    const [build] = runs('build');
    expect(build!.startsWith(`${buildCommand} -- `)).toBe(true);
    expect(build).toContain('--shard ${{ matrix.shard }}/2');
    expect(workflow.jobs.build!.strategy!.matrix.shard).toEqual([1, 2]);
  });

  it('uploads the PDFs and the manifest, and attaches the PDFs to tagged releases', async () => {
    const workflow = YAML.parse(await read('.github/workflows/briefs.yml')) as Workflow;
    const upload = workflow.jobs.build!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(String(upload.with!.path).trim().split('\n')).toEqual(['out/**/*.pdf', 'out/manifest.json']);
    expect(workflow.jobs.release!.if).toBe("startsWith(github.ref, 'refs/tags/')");
    expect(workflow.jobs.release!.steps.some((s) => s.run?.includes('gh release create'))).toBe(true);
    const caches = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('actions/cache') || s.with?.cache === 'npm');
    expect(caches.length).toBeGreaterThanOrEqual(4);
  });
});
