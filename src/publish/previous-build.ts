import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { EnvironmentError } from '../diagnostics/errors.js';
import { sha256 } from './input-hash.js';
import { writeFilesAtomically } from './write-atomic.js';
import { manifestName, readManifest, type Manifest, type ManifestEntry } from './manifest.js';

/** Whether a folder holds the manifest of an earlier build (otherwise every document is built). */
export async function hasManifest(outDir: string): Promise<boolean> {
  return stat(join(outDir, manifestName)).then(
    () => true,
    () => false,
  );
}

/** Whether a document's outputs from the earlier build are current: same input hash, files present at their size. */
export async function isUpToDate(previous: Manifest, id: string, hash: string, outDir: string): Promise<boolean> {
  const entries = previous.documents.filter((e) => e.id === id);
  if (entries.length === 0 || entries.some((e) => e.inputHash !== hash)) return false;
  const found = await Promise.all(entries.flatMap((e) => e.files).map(async (file) => (await stat(join(outDir, file.path)).catch(() => undefined))?.size === file.size));
  return found.every(Boolean);
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  // Also on the way out of an interrupted build, to record what it finished.
  await writeFilesAtomically([{ path: join(outDir, manifestName), data: `${JSON.stringify(manifest, null, 2)}\n` }], { whenInterrupted: true });
}

/**
 * Records this build's entries in the manifest under a lock (proper-lockfile: a lock folder beside
 * it, refreshed while held and taken over once stale, so a killed build does not block the next),
 * merged into the manifest as it is now: a build running at the same time into the same folder keeps
 * its entries. An entry whose file was meanwhile replaced by another build gets that file's size and
 * sha256, and no input hash, so the next build makes it again.
 */
export async function updateManifest(outDir: string, generator: string, merge: (current: Manifest) => Manifest): Promise<void> {
  let release: () => Promise<void>;
  try {
    await mkdir(outDir, { recursive: true });
    release = await lockfile.lock(outDir, {
      lockfilePath: join(outDir, '.manifest.lock'),
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 250 },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'EDQUOT') {
      throw new EnvironmentError(`Cannot lock the manifest in ${outDir} (${code})`, 'Free disk space or choose a writable folder with --out DIR.', { cause: error });
    }
    throw error;
  }
  try {
    // Files changed since the manifest was last written may have been replaced by another build.
    const written = await stat(join(outDir, manifestName)).then((s) => s.mtimeMs, () => 0);
    const merged = merge(await readManifest(outDir, generator));
    merged.documents = await Promise.all(merged.documents.map((entry) => matchingFiles(outDir, entry, written)));
    await writeManifest(outDir, merged);
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * The entry, or, when one of its files is not the one it describes, the entry with each file's size
 * and sha256 as they are and no input hash. A file of the size recorded and older than the manifest
 * is taken as recorded; any other is hashed.
 */
async function matchingFiles(outDir: string, entry: ManifestEntry, manifestWritten: number): Promise<ManifestEntry> {
  const stats = await Promise.all(entry.files.map((file) => stat(join(outDir, file.path)).catch(() => undefined)));
  if (entry.files.every((file, i) => stats[i]?.size === file.size && stats[i]!.mtimeMs <= manifestWritten)) return entry;
  const files = await Promise.all(
    entry.files.map(async (file) => {
      const data = await readFile(join(outDir, file.path)).catch(() => undefined);
      return data ? { ...file, size: data.byteLength, sha256: sha256(data) } : file;
    }),
  );
  if (files.every((file, i) => file.sha256 === entry.files[i]!.sha256 && file.size === entry.files[i]!.size)) return entry;
  return { ...entry, files, inputHash: '' };
}
