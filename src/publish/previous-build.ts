import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFilesAtomically } from './write-atomic.js';
import { manifestName, type Manifest } from './manifest.js';

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
  await writeFilesAtomically([{ path: join(outDir, manifestName), data: `${JSON.stringify(manifest, null, 2)}\n` }]);
}
