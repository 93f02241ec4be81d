import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { runCli } from '../../src/cli.ts';
import { cli, listFiles, makeProject, removeProject, repoRoot } from '../support/project.ts';
import { descendants, profilesOf, running } from '../support/processes.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

const copies = (n: number, prefix = 'copy') =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `briefs/${prefix}-${i}.yaml`,
      `kind: brief\ntitle: Copy ${i}\ndate: 2025-01-01\ncountries: [UZ]\nsummary: Internet use reached [@fact:uz-connectivity-internet-penetration-2023].\n`,
    ]),
  );

/** Starts the CLI and resolves once Chromium is up, with the processes and profiles it started. */
async function startBuild(root: string, args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; family: number[]; profiles: string[] }> {
  const child = spawn('node', [join(repoRoot, 'bin/brief.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  for (let waited = 0; waited < 120_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const family = await descendants(child.pid!);
    const profiles = await profilesOf(family);
    if (profiles.length > 0 && profiles.every(existsSync)) return { child, family, profiles };
    if (child.exitCode !== null) break;
  }
  throw new Error('Chromium did not start');
}

/** The exit code, or the signal that ended the process (so a failure says which). */
const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.signalCode !== null ? resolve(child.signalCode) : child.on('exit', (code, signal) => resolve(code ?? signal)),
  );

async function survivors(pids: readonly number[]): Promise<number[]> {
  for (let waited = 0; waited < 5000; waited += 100) {
    const alive = (await Promise.all(pids.map(async (pid) => ((await running(pid)) ? pid : undefined)))).filter((pid) => pid !== undefined);
    if (alive.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (await Promise.all(pids.map(async (pid) => ((await running(pid)) ? pid : undefined)))).filter((pid) => pid !== undefined);
}

describe('interrupts and faults', () => {
  it('ends Chromium and removes its profile and temporary files on Ctrl-C, exiting 130', { timeout: 180_000 }, async () => {
    const root = await makeProject(copies(16));
    roots.push(root);
    const { child, family, profiles } = await startBuild(root, ['build', '--format', 'pdf,html']);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    expect(await survivors(family)).toEqual([]);
    for (const profile of profiles) expect(existsSync(profile), profile).toBe(false);
    expect((await listFiles(join(root, 'out'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('records in the manifest the documents a build interrupted by Ctrl-C finished, each entry matching its file', { timeout: 180_000 }, async () => {
    const root = await makeProject(copies(16));
    roots.push(root);
    expect((await cli(root, 'build', '--format', 'html')).code).toBe(0);
    for (let i = 0; i < 16; i++) {
      const spec = join(root, 'briefs', `copy-${i}.yaml`);
      await writeFile(spec, (await readFile(spec, 'utf8')).replace(`title: Copy ${i}`, `title: Copy ${i}, edited`));
    }
    const child = spawn('node', [join(repoRoot, 'bin/brief.js'), 'build', '--format', 'pdf,html'], { cwd: root, stdio: 'ignore' });
    // Ctrl-C once some documents, not all, have their new outputs.
    const rewritten = async () => (await Promise.all(Array.from({ length: 16 }, (_, i) => readFile(join(root, 'out', `copy-${i}`, `copy-${i}.html`), 'utf8')))).filter((html) => html.includes('edited')).length;
    for (let waited = 0; (await rewritten()) < 2 && waited < 120_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    const done = await rewritten();
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(16);
    const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8')) as { documents: { id: string; files: { path: string; sha256: string }[] }[] };
    // The copies and the fixture's own brief.
    expect(manifest.documents).toHaveLength(17);
    for (const file of manifest.documents.flatMap((d) => d.files)) {
      expect(createHash('sha256').update(await readFile(join(root, 'out', file.path))).digest('hex'), file.path).toBe(file.sha256);
    }
    // The next build makes only the documents the interrupted one did not finish.
    const next = await build({ root, formats: ['pdf', 'html'] });
    expect(next.skipped.filter((id) => id.startsWith('copy-'))).toHaveLength(done);
  });

  it('notices a file another build replaced with one of the same size, and makes it again next time', async () => {
    const root = await makeProject(copies(2));
    roots.push(root);
    expect((await build({ root, formats: ['html'], ids: ['copy-0', 'copy-1'] })).documents).toHaveLength(2);
    const file = join(root, 'out', 'copy-0', 'copy-0.html');
    const html = await readFile(file, 'utf8');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, html.replace('Copy 0', 'Copy X'));
    // Another document's build updates the manifest: copy-0's entry must describe the file as it is.
    await build({ root, formats: ['html'], ids: ['copy-1'], force: true });
    const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8')) as { documents: { id: string; inputHash: string; files: { path: string; sha256: string }[] }[] };
    const entry = manifest.documents.find((d) => d.id === 'copy-0')!;
    expect(entry.files.find((f) => f.path.endsWith('.html'))!.sha256).toBe(createHash('sha256').update(await readFile(file)).digest('hex'));
    expect((await build({ root, formats: ['html'], ids: ['copy-0'] })).skipped).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(html);
  }, 60_000);

  it('reclaims the profile and temporary files of a build killed outright, at the start of the next', async () => {
    const root = await makeProject(copies(16));
    roots.push(root);
    // A temporary folder of this test's own: another test's build, reclaiming the profiles of dead
    // runs in the shared one, would remove this run's before the test looks.
    const temp = join(root, 'tmp');
    await mkdir(temp);
    const { child, family, profiles } = await startBuild(root, ['build', '--format', 'pdf,html'], { TMPDIR: temp });
    child.kill('SIGKILL');
    await exited(child);
    // Chromium notices that its pipe closed and goes, but nothing removes what the build left.
    expect(await survivors(family)).toEqual([]);
    expect(profiles.length).toBeGreaterThan(0);
    for (const profile of profiles) expect(profile.startsWith(`${temp}/`), profile).toBe(true);
    // A temporary output file of the dead run, and one of a live process that must stay.
    await mkdir(join(root, 'out', 'copy-0'), { recursive: true });
    const deadTemp = join(root, 'out', 'copy-0', `.copy-0.pdf.${child.pid}-0123456789ab.tmp`);
    const liveTemp = join(root, 'out', 'copy-0', `.copy-0.pdf.${process.pid}-0123456789ab.tmp`);
    await writeFile(deadTemp, 'partial');
    await writeFile(liveTemp, 'partial');
    for (const profile of profiles) expect(existsSync(profile), profile).toBe(true);
    const next = spawn('node', [join(repoRoot, 'bin/brief.js'), 'build', 'copy-1', '--format', 'html'], { cwd: root, stdio: 'ignore', env: { ...process.env, TMPDIR: temp } });
    expect(await exited(next)).toBe(0);
    for (const profile of profiles) expect(existsSync(profile), profile).toBe(false);
    expect(existsSync(deadTemp)).toBe(false);
    expect(existsSync(liveTemp)).toBe(true);
  }, 180_000);

  it('keeps every entry of two builds into one folder at the same time, each with its file sha256', async () => {
    const root = await makeProject({ ...copies(6, 'left'), ...copies(6, 'right') });
    roots.push(root);
    const left = spawn('node', [join(repoRoot, 'bin/brief.js'), 'build', ...Array.from({ length: 6 }, (_, i) => `left-${i}`), '--format', 'html'], { cwd: root, stdio: 'ignore' });
    const right = spawn('node', [join(repoRoot, 'bin/brief.js'), 'build', ...Array.from({ length: 6 }, (_, i) => `right-${i}`), '--format', 'html'], { cwd: root, stdio: 'ignore' });
    expect(await Promise.all([exited(left), exited(right)])).toEqual([0, 0]);
    const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8')) as { documents: { id: string; files: { path: string; sha256: string }[] }[] };
    expect(manifest.documents.map((d) => d.id).sort()).toEqual([...Array.from({ length: 6 }, (_, i) => `left-${i}`), ...Array.from({ length: 6 }, (_, i) => `right-${i}`)].sort());
    for (const file of manifest.documents.flatMap((d) => d.files)) {
      expect(createHash('sha256').update(await readFile(join(root, 'out', file.path))).digest('hex'), file.path).toBe(file.sha256);
    }
    expect(existsSync(join(root, 'out', '.manifest.lock'))).toBe(false);
  }, 180_000);

  it('keeps the previous outputs on a full disk, writes no partial file and exits 3', async (context) => {
    const root = await makeProject();
    roots.push(root);
    const disk = await mkdtemp(join(tmpdir(), 'briefwright-small-disk-'));
    try {
      // Room for one build of the fixture (its stylesheet and fonts, ~2.5 MB), not for a much larger one.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2700k', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      await rm(disk, { recursive: true, force: true });
      // Mounting a small file system needs root; elsewhere write-atomic's own tests cover ENOSPC.
      context.skip();
    }
    try {
      const out = join(disk, 'out');
      expect((await cli(root, 'build', '--format', 'html', '--out', out)).code).toBe(0);
      const before = await Promise.all((await listFiles(out)).map(async (f) => [f, await readFile(join(out, f))] as const));
      // The same document, now far larger than the space left.
      const spec = await readFile(join(root, 'briefs', 'sample.yaml'), 'utf8');
      await writeFile(join(root, 'briefs', 'sample.yaml'), spec.replace('subtitle: A fixture brief', `subtitle: ${'A long subtitle. '.repeat(30_000)}`));
      const result = await runCli(['build', '--format', 'html', '--out', out], { stdout: () => undefined, stderr: () => undefined, cwd: root }, {});
      expect(result).toBe(3);
      const after = await listFiles(out);
      expect(after.filter((f) => f.endsWith('.tmp') || f.includes('.lock'))).toEqual([]);
      expect(after).toEqual(before.map(([f]) => f));
      for (const [file, data] of before) expect((await readFile(join(out, file))).equals(data), file).toBe(true);
    } finally {
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true });
    }
  }, 180_000);

  it('exits 3 with the fix when the CSL folders are missing', async () => {
    const root = await makeProject();
    roots.push(root);
    let stderr = '';
    const code = await runCli(['build', '--format', 'html'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: root }, { cslDirs: { styles: '/nonexistent/styles', locales: '/nonexistent/locales' } });
    expect(code).toBe(3);
    expect(stderr).toMatch(/^brief: No CSL styles folder at \/nonexistent\/styles\n {2}fix: Install them with `apt-get install citation-style-language-styles`/);
  });
});
