import { resolve } from 'node:path';
import { loadProject } from './load/load-project.js';
import { nodeFileSystem } from './load/file-system.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { readManifest, type Manifest } from './publish/manifest.js';
import { version } from './version.js';

/** `brief list`: one row per document with its kind, countries, language, page count of the last build and title. */
export async function listDocuments(root: string, outDir = 'out'): Promise<{ rows: string; diagnostics: Diagnostic[] }> {
  const [{ project, diagnostics }, manifest] = await Promise.all([loadProject(root, nodeFileSystem), readManifest(resolve(root, outDir), `Briefwright ${version}`)]);
  const table = [
    ['ID', 'KIND', 'COUNTRIES', 'LANG', 'PAGES', 'TITLE'],
    ...project.briefs.map((b) => [b.id, b.spec.kind, b.spec.countries.join(','), b.spec.lang, pagesOf(manifest, b.id), b.spec.title]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const rows = table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
  return { rows, diagnostics: diagnostics.filter((d) => d.file.startsWith('briefs/')) };
}

/** Page count of a document's last build ("2"; "2-3" across a memo's recipients), or "-" when it has no PDF yet. */
function pagesOf(manifest: Manifest, id: string): string {
  const counts = manifest.documents.filter((e) => e.id === id && e.pages !== undefined).map((e) => e.pages!);
  if (counts.length === 0) return '-';
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  return low === high ? String(low) : `${low}-${high}`;
}
