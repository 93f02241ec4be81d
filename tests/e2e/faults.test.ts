import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssetResolver, launchPrinter } from '../../src/print/print-pdf.ts';
import { findChromium } from '../../src/print/find-chromium.ts';
import { builtinTemplatesDir } from '../../src/render/load-templates.ts';
import { fontPackagesDir } from '../../src/print/fonts.ts';
import { cli, listFiles, makeProject, removeProject, repoRoot } from '../support/project.ts';
import { descendants, running } from '../support/processes.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

describe('faults', () => {
  it('retries a document in a relaunched browser when Chromium crashes mid-batch', async () => {
    const printer = await launchPrinter(await findChromium(), createAssetResolver([builtinTemplatesDir], fontPackagesDir()));
    try {
      const html = '<!DOCTYPE html><html lang="en"><body><p>Still here</p></body></html>';
      expect((await printer.print({ id: 'a', html })).pdf.byteLength).toBeGreaterThan(0);
      // Kill every Chromium process of this printer, as a crash would.
      for (const pid of await descendants(process.pid)) if (/chrom/.test(await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => ''))) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await printer.print({ id: 'b', html });
      expect(Buffer.from(second.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
  });

  it('relaunches Chromium once when it crashes under several documents at a time', async () => {
    const printer = await launchPrinter(await findChromium(), createAssetResolver([builtinTemplatesDir], fontPackagesDir()));
    const browsers = async () => {
      const pids = await descendants(process.pid);
      const comms = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')));
      const parents = await Promise.all(pids.map(async (pid) => (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ')[1]));
      // Browser processes: Chromium processes started by this one (renderers are their children).
      return pids.filter((_, i) => /chrom/.test(comms[i]!) && Number(parents[i]) === process.pid);
    };
    try {
      const html = '<!DOCTYPE html><html lang="en"><body><p>Still here</p></body></html>';
      const long = `<!DOCTYPE html><html lang="en"><body>${'<p>Still here, and printing for a while.</p>'.repeat(3000)}</body></html>`;
      await printer.print({ id: 'a', html });
      // Found before the documents start, so that they are surely still printing when it dies.
      const running = await browsers();
      const printing = Array.from({ length: 3 }, (_, i) => printer.print({ id: `doc-${i}`, html: long }));
      for (const pid of running) process.kill(-pid, 'SIGKILL');
      const printed = await Promise.all(printing);
      for (const { pdf } of printed) expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(await browsers()).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });

  it('ends every Chromium process and removes its temporary profile when a printer closes', async () => {
    for (const singleProcess of [false, true]) {
      const printer = await launchPrinter(await findChromium(), createAssetResolver([builtinTemplatesDir], fontPackagesDir()), { singleProcess });
      await printer.print({ id: 'a', html: '<!DOCTYPE html><html lang="en"><body><p>Closing</p></body></html>' });
      const family = await descendants(process.pid);
      const comms = await Promise.all(family.map((pid) => readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')));
      const chromium = family.filter((_, i) => /chrom/.test(comms[i]!));
      expect(chromium.length).toBeGreaterThan(0);
      const cmdlines = await Promise.all(chromium.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
      const profiles = new Set(cmdlines.flatMap((c) => c.split('\0')).filter((a) => a.startsWith('--user-data-dir=')).map((a) => a.slice('--user-data-dir='.length)));
      expect(profiles.size).toBe(1);
      await printer.close();
      // Killed processes take a moment to release their memory on a busy machine: up to 2 s.
      let survivors: number[] = chromium;
      for (let wait = 0; wait < 20 && survivors.length > 0; wait++) {
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        survivors = (await Promise.all(survivors.map(async (pid) => ((await running(pid)) ? pid : undefined)))).filter((pid) => pid !== undefined);
      }
      expect(survivors, `single process: ${singleProcess}`).toEqual([]);
      for (const profile of profiles) expect(existsSync(profile), profile).toBe(false);
    }
  });

  it('leaves no temporary files, partial outputs or Chromium processes when interrupted', async () => {
    const root = await makeProject(
      Object.fromEntries(
        // Enough documents that the build is still printing when the first is done, even on a fast machine.
        Array.from({ length: 16 }, (_, i) => [
          `briefs/copy-${i}.yaml`,
          `kind: brief\ntitle: Copy ${i}\ndate: 2025-01-01\ncountries: [UZ]\nsummary: Internet use reached [@fact:uz-connectivity-internet-penetration-2023].\n`,
        ]),
      ),
    );
    roots.push(root);
    const child = spawn('node', [join(repoRoot, 'bin/brief.js'), 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const family: number[] = [];
    const profiles = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', async (chunk: Buffer) => {
        // Interrupt once the first document is done and the others are being printed.
        if (!/\[1\/17\]/.test(chunk.toString()) || family.length > 0) return;
        family.push(...(await descendants(child.pid!)));
        for (const pid of family) {
          const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
          const profile = args.find((arg) => arg.startsWith('--user-data-dir='));
          if (profile) profiles.add(profile.slice('--user-data-dir='.length));
        }
        child.kill('SIGTERM');
        resolve();
      });
      child.on('exit', () => reject(new Error('the build ended before it could be interrupted')));
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(family.length).toBeGreaterThan(0);
    const survivors = (await Promise.all(family.map(async (pid) => ((await running(pid)) ? pid : undefined)))).filter((pid) => pid !== undefined);
    expect(survivors).toEqual([]);
    // Chromium's temporary profile goes with it.
    expect(profiles.size).toBeGreaterThan(0);
    for (const profile of profiles) expect(existsSync(profile), profile).toBe(false);
    const files = await listFiles(join(root, 'out'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const pdf of files.filter((f) => f.endsWith('.pdf'))) {
      expect((await readFile(join(root, 'out', pdf))).subarray(-6).toString()).toMatch(/%%EOF/);
    }
  });

  it('exits 3 with the fix when the output folder cannot be written', async () => {
    const root = await makeProject();
    roots.push(root);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(root, 'locked'));
    await chmod(join(root, 'locked'), 0o500);
    // root ignores permissions: use a path under a regular file instead, which no user can create.
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(root, 'not-a-folder'), 'x');
    const result = await cli(root, 'build', '--format', 'html', '--out', process.getuid?.() === 0 ? 'not-a-folder/out' : 'locked/out');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^brief: Cannot write to .+: .+\n {2}fix: Free disk space or choose a writable folder with --out DIR\.\n$/);
  });
});
