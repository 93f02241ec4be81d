import { loadProject } from './load/load-project.js';
import { nodeFileSystem } from './load/file-system.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';

/** `brief list`: one row per document with its kind, countries and language. */
export async function listDocuments(root: string): Promise<{ rows: string; diagnostics: Diagnostic[] }> {
  const { project, diagnostics } = await loadProject(root, nodeFileSystem);
  const table = [
    ['ID', 'KIND', 'COUNTRIES', 'LANG', 'TITLE'],
    ...project.briefs.map((b) => [b.id, b.spec.kind, b.spec.countries.join(','), b.spec.lang, b.spec.title]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const rows = table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
  return { rows, diagnostics: diagnostics.filter((d) => d.file.startsWith('briefs/')) };
}
