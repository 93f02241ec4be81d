import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary state carries the id of the process that made it: Chromium profiles are
 * `<tmp>/briefwright-profile-<pid>-…`, files being written are `.<name>.<pid>-<hex>.tmp` beside their
 * target. A run killed outright (kill -9, a power cut) cannot remove its own; the next build removes
 * those whose process is gone.
 */
export const profilePrefix = 'briefwright-profile-';
const profilePattern = /^briefwright-profile-(\d+)-/;
const tempPattern = /^\..+\.(\d+)-[0-9a-f]+\.tmp$/;

/** A fresh Chromium profile folder owned by this process. */
export function makeProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${profilePrefix}${process.pid}-`));
}

/** The name of the temporary file a write of `name` goes to first. */
export function tempNameFor(name: string, random: string): string {
  return `.${name}.${process.pid}-${random}.tmp`;
}

/** Whether a process with this id is running (a process of another user counts as running). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the Chromium profiles and the temporary output files of runs that are no longer alive:
 * profiles in the system's temporary folder, temporary files in the output folder and its
 * document folders (where they are written).
 */
export async function reclaimLeftovers(outDir: string, tempDir = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (dir: string, pattern: RegExp) => {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      names.map(async (name) => {
        const pid = pattern.exec(name)?.[1];
        if (pid === undefined || isAlive(Number(pid))) return;
        await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
        removed.push(join(dir, name));
      }),
    );
  };
  const folders = (await readdir(outDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => join(outDir, e.name));
  await Promise.all([sweep(tempDir, profilePattern), sweep(outDir, tempPattern), ...folders.map((folder) => sweep(folder, tempPattern))]);
  return removed;
}
