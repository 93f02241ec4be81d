import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueName, checksumsName, findCatalogueTemplate, renderCatalogue, renderChecksums } from './catalogue.js';
import { manifestName, manifestSchema, type Manifest } from './manifest.js';
import { writeFilesAtomically } from './write-atomic.js';

/**
 * Writes the documents site's index.html and SHA256SUMS from the manifest in `outDir`, each only when
 * its contents change (a fully cached build writes nothing). No manifest, nothing written.
 * Returns the names of the files written.
 */
export async function writeSite(outDir: string, templateDirs: readonly string[], manifest?: Manifest): Promise<string[]> {
  const template = await findCatalogueTemplate(templateDirs);
  // A build that changed nothing leaves both files as they are, without reading the manifest: they
  // are newer than it and than the template (a cached run of 200 documents would spend ~50 ms here).
  if (!manifest && (await isNewerThan([catalogueName, checksumsName].map((name) => join(outDir, name)), [join(outDir, manifestName)], template.mtimeMs))) return [];
  manifest ??= await readOutputManifest(outDir);
  if (!manifest) return [];
  const wanted = [
    { name: catalogueName, data: renderCatalogue(manifest, await readFile(template.path, 'utf8')) },
    { name: checksumsName, data: renderChecksums(manifest) },
  ];
  const changed = [];
  for (const file of wanted) {
    const current = await readFile(join(outDir, file.name), 'utf8').catch(() => undefined);
    if (current !== file.data) changed.push(file);
  }
  if (changed.length > 0) await writeFilesAtomically(changed.map((file) => ({ path: join(outDir, file.name), data: file.data })));
  return changed.map((file) => file.name);
}

/** The manifest in `outDir` as written by any Briefwright version, or undefined when there is none or it is damaged. */
export async function readOutputManifest(outDir: string): Promise<Manifest | undefined> {
  const text = await readFile(join(outDir, manifestName), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every one of `files` exists and is newer than each of `than` and `mtimeMs` (strictly: a file system that keeps whole seconds must not pass a stale page). */
async function isNewerThan(files: readonly string[], than: readonly string[], mtimeMs: number): Promise<boolean> {
  const times = async (paths: readonly string[]) => Promise.all(paths.map((path) => stat(path).then((s) => s.mtimeMs, () => Number.NaN)));
  const [mine, theirs] = await Promise.all([times(files), times(than)]);
  const newest = Math.max(mtimeMs, ...theirs.filter((t) => !Number.isNaN(t)));
  return mine.every((t) => !Number.isNaN(t) && t > newest);
}
