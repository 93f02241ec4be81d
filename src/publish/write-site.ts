import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueName, checksumsName, readCatalogueTemplate, renderCatalogue, renderChecksums } from './catalogue.js';
import { manifestName, manifestSchema, type Manifest } from './manifest.js';
import { writeFilesAtomically } from './write-atomic.js';

/**
 * Writes the documents site's index.html and SHA256SUMS from the manifest in `outDir`, each only when
 * its contents change (a fully cached build writes nothing). No manifest, nothing written.
 * Returns the names of the files written.
 */
export async function writeSite(outDir: string, templateDirs: readonly string[], manifest?: Manifest): Promise<string[]> {
  manifest ??= await readOutputManifest(outDir);
  if (!manifest) return [];
  const wanted = [
    { name: catalogueName, data: renderCatalogue(manifest, await readCatalogueTemplate(templateDirs)) },
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
