import { cp, readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { sha256 } from './input-hash.js';
import { manifestName, manifestOrder, type Manifest } from './manifest.js';
import { writeFilesAtomically } from './write-atomic.js';
import { readOutputManifest, writeSite } from './write-site.js';

/**
 * Merges the output folders of several builds (a CI matrix's shards) into one: every file their
 * manifests list, checked against its SHA-256, the shared assets, one manifest, and the documents site.
 */
export async function mergeOutputs(target: string, sources: readonly string[], templateDirs: readonly string[]): Promise<Manifest> {
  if (sources.length === 0) throw new Error('No output folders to merge');
  const manifests: Manifest[] = [];
  for (const source of sources) {
    const manifest = await readOutputManifest(source);
    if (!manifest) throw new Error(`${join(source, manifestName)} is missing or not a Briefwright manifest`);
    manifests.push(manifest);
  }
  const generators = new Set(manifests.map((m) => m.generator));
  if (generators.size > 1) throw new Error(`The folders were built by different versions: ${[...generators].join(', ')}`);
  const seen = new Map<string, string>();
  const files: { path: string; data: Uint8Array }[] = [];
  for (const [i, manifest] of manifests.entries()) {
    for (const entry of manifest.documents) {
      const key = `${entry.id}${entry.recipient ? ` (${entry.recipient})` : ''}`;
      if (seen.has(key)) throw new Error(`${key} is in both ${seen.get(key)} and ${sources[i]}`);
      seen.set(key, sources[i]!);
      for (const file of entry.files) {
        const path = normalize(file.path);
        if (isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) throw new Error(`${sources[i]}: the manifest names a file outside the folder: ${file.path}`);
        const data = await readFile(join(sources[i]!, path));
        if (sha256(data) !== file.sha256) throw new Error(`${join(sources[i]!, path)} does not match its SHA-256 in the manifest`);
        files.push({ path: join(target, path), data });
      }
    }
  }
  const merged: Manifest = {
    generator: manifests[0]!.generator,
    documents: manifests.flatMap((m) => m.documents).sort(manifestOrder),
  };
  await writeFilesAtomically([...files, { path: join(target, manifestName), data: `${JSON.stringify(merged, null, 2)}\n` }]);
  // The stylesheet and fonts the HTML editions and the site link (the same in every shard).
  for (const source of sources) await cp(join(source, 'assets'), join(target, 'assets'), { recursive: true, force: true }).catch(() => undefined);
  await writeSite(target, templateDirs, merged);
  return merged;
}
