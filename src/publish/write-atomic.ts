import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EnvironmentError } from '../diagnostics/errors.js';
import { tempNameFor } from './leftovers.js';

/** Temporary files not yet renamed into place, so an interrupted build can remove them. */
const pendingTemps = new Set<string>();
/** Sets of files being renamed into place: an interrupt lets them finish (`commitsSettled`). */
const committing = new Set<Promise<unknown>>();
/** Set by an interrupt: from then on no output is put in place, so the manifest written on the way out stays true. */
let interrupted = false;

/**
 * For SIGINT/SIGTERM handlers: removes every temporary file of writes in progress, and refuses to put
 * any further output in place (the build runs on while the handler works). Only a write that asks to
 * (the manifest) still goes ahead.
 */
export function abandonPendingWrites(): void {
  interrupted = true;
  for (const temp of pendingTemps) rmSync(temp, { force: true });
  pendingTemps.clear();
}

/**
 * For SIGINT/SIGTERM handlers, before they record what was written: waits for the sets of files
 * being renamed into place when the interrupt came (no new set begins after it), then for what
 * follows each in promise continuations (the edition recorded as written); at most `ms`, as an
 * interrupt must not hang.
 */
export async function commitsSettled(ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (committing.size > 0 && Date.now() < deadline) {
    await Promise.race([Promise.allSettled([...committing]), new Promise((resolve) => setTimeout(resolve, deadline - Date.now()).unref())]);
  }
  await new Promise((resolve) => setImmediate(resolve));
}

const environmentCodes: Record<string, string> = {
  EACCES: 'the output folder is not writable',
  EPERM: 'the output folder is not writable',
  EROFS: 'the output folder is on a read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'part of the output path is a file, not a folder',
};

/**
 * Writes a set of files so that either all of them replace their old versions or none does:
 * each goes to a temporary file beside its target first, and only complete files are renamed.
 */
export async function writeFilesAtomically(files: readonly { path: string; data: string | Uint8Array }[], { whenInterrupted = false } = {}): Promise<void> {
  const staged: { temp: string; path: string }[] = [];
  const refuseIfInterrupted = () => {
    if (interrupted && !whenInterrupted) throw new Error('The build was interrupted');
  };
  try {
    refuseIfInterrupted();
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), tempNameFor(basename(file.path), randomBytes(6).toString('hex')));
      staged.push({ temp, path: file.path });
      pendingTemps.add(temp);
      await writeFile(temp, file.data);
    }
    // A set is put in place whole once begun: an edition is never half old, half new. An interrupt
    // from here on waits for the renames rather than remove the files they move.
    refuseIfInterrupted();
    for (const { temp } of staged) pendingTemps.delete(temp);
    const commit = (async () => {
      for (const { temp, path } of staged) await rename(temp, path);
    })();
    committing.add(commit);
    try {
      await commit;
    } finally {
      committing.delete(commit);
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    for (const { temp } of staged) pendingTemps.delete(temp);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code in environmentCodes) {
      const folder = dirname(files[0]?.path ?? '.');
      throw new EnvironmentError(`Cannot write to ${folder}: ${environmentCodes[code]} (${code})`, 'Free disk space or choose a writable folder with --out DIR.', { cause: error });
    }
    throw error;
  }
}
