import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');
const workflowPath = '.github/workflows/briefs.yml';

interface Step {
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps: Step[];
  needs?: string | string[];
  strategy?: { matrix: Record<string, unknown[]> };
  if?: string;
  permissions?: Record<string, string> | string;
  environment?: { name: string; url?: string } | string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const loadWorkflow = async () => YAML.parse(await read(workflowPath)) as Workflow;

/** The two commands at the top of the README: build the briefs, run the tests. */
async function readmeCommands(): Promise<string[]> {
  const block = /```sh\n([\s\S]*?)```/.exec(await read('README.md'))![1]!;
  return block.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
}

/** Only the pushes to this repository's main branch (the Pages job) or its tags (the release). */
const onlyPushesToMain = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
const onlyPushedTags = "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/')";

describe('the CI workflow', () => {
  it('is valid YAML without duplicate keys, and actionlint finds nothing wrong', async () => {
    const text = await read(workflowPath);
    const document = YAML.parseDocument(text, { uniqueKeys: true });
    expect(document.errors).toEqual([]);
    const { createLinter } = createRequire(import.meta.url)('actionlint') as {
      createLinter: () => Promise<(input: string, path: string) => { line: number; message: string; kind: string }[]>;
    };
    const lint = await createLinter();
    // The linter's WebAssembly build on npm predates the ubuntu-24.04 runner image: its list of
    // runner labels is the only part of its knowledge that is out of date.
    const problems = lint(text, workflowPath).filter((p) => !(p.kind === 'runner-label' && p.message.startsWith('label "ubuntu-24.04" is unknown')));
    expect(problems).toEqual([]);
    // It does report real mistakes.
    expect(lint(text.replace('needs: test', 'needs: tset'), workflowPath).map((p) => p.kind)).toContain('job-needs');
  });

  it('uses the README commands and .ci/run the test command', async () => {
    const [buildCommand, testCommand] = await readmeCommands();
    expect([buildCommand, testCommand]).toEqual(['npm run brief', 'npm test']);
    expect((await read('.ci/run')).split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd '))).toEqual([testCommand]);

    const workflow = await loadWorkflow();
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs('test')).toEqual([testCommand]);
    const [build] = runs('build');
    expect(build!.startsWith(`${buildCommand} -- `)).toBe(true);
    expect(build).toContain('--format pdf,html,docx');
    expect(build).toContain('--shard ${{ matrix.shard }}/2');
    expect(workflow.jobs.build!.strategy!.matrix.shard).toEqual([1, 2]);
    // No step installs system packages itself: set-up does, and only what is missing.
    const everyRun = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
    expect(everyRun.filter((run) => /apt(-get)?\s+install/.test(run))).toEqual([]);
  });

  it('reads the repository and nothing more, except the two publishing jobs', async () => {
    const workflow = await loadWorkflow();
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const granted = Object.fromEntries(Object.entries(workflow.jobs).flatMap(([name, job]) => (job.permissions ? [[name, job.permissions]] : [])));
    expect(granted).toEqual({ pages: { pages: 'write', 'id-token': 'write' }, release: { contents: 'write' } });
    // No trigger that runs a fork's code with this repository's secrets or a write token.
    expect(Object.keys(workflow.on)).not.toContain('pull_request_target');
    expect(Object.keys(workflow.on)).not.toContain('workflow_run');
    // Checkouts do not leave the token in .git/config for later steps.
    const checkouts = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it('pins every action by a full commit SHA, with its release tag beside it', async () => {
    const text = await read(workflowPath);
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThanOrEqual(10);
    for (const [, action, rest] of uses) {
      expect(action, `${action} is not pinned by commit`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(rest, `${action} has no version comment`).toMatch(/^\s+# v\d+(\.\d+)*$/);
    }
    // The same action at the same commit everywhere.
    const pins = new Map<string, Set<string>>();
    for (const [, action] of uses) {
      const [name, sha] = action!.split('@') as [string, string];
      pins.set(name, (pins.get(name) ?? new Set()).add(sha));
    }
    for (const [name, shas] of pins) expect(shas.size, name).toBe(1);
  });

  it('builds and uploads on every run, and publishes only from main and from tags', async () => {
    const workflow = await loadWorkflow();
    const upload = workflow.jobs.build!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with!.path).toBe('out/');
    expect(upload.if).toBeUndefined();
    const site = workflow.jobs.site!;
    expect(site.if).toBeUndefined();
    expect(site.steps.some((s) => s.run?.includes('scripts/merge-outputs.ts site shards/*'))).toBe(true);
    expect(site.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!.if).toBeUndefined();

    // The Pages artifact is made and deployed only for pushes to main: never for a pull request.
    const pagesArtifact = site.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    expect(pagesArtifact.if).toBe(onlyPushesToMain);
    expect(pagesArtifact.with!.path).toBe('site/');
    const pages = workflow.jobs.pages!;
    expect(pages.if).toBe(onlyPushesToMain);
    expect(pages.needs).toBe('site');
    expect(pages.environment).toEqual({ name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
    expect(pages.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);

    const release = workflow.jobs.release!;
    expect(release.if).toBe(onlyPushedTags);
    const create = release.steps.find((s) => s.run?.includes('gh release create'))!.run!;
    for (const asset of ["-name '*.pdf'", "-name '*.docx'", 'site/manifest.json', 'site/SHA256SUMS']) expect(create).toContain(asset);

    // Every job that can write runs only on a push; a pull request's jobs all read.
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (job.permissions) expect(job.if, name).toMatch(/^github\.event_name == 'push' && /);
    }
    const caches = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('actions/cache@') || s.with?.cache === 'npm');
    expect(caches.length).toBeGreaterThanOrEqual(4);
  });

  it('has Dependabot keep npm packages and the pinned actions up to date', async () => {
    const config = YAML.parseDocument(await read('.github/dependabot.yml'), { uniqueKeys: true });
    expect(config.errors).toEqual([]);
    const { version, updates } = config.toJS() as { version: number; updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[] };
    expect(version).toBe(2);
    expect(updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of updates) {
      expect(update.directory).toBe('/');
      expect(['daily', 'weekly', 'monthly']).toContain(update.schedule.interval);
    }
  });
});
