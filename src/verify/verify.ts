import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { unknownKey } from '../validate/validate-references.js';
import { loadProject } from '../load/load-project.js';
import { nodeFileSystem, type ReadFileSystem } from '../load/file-system.js';
import { loadSources, sourcesManifest } from './load-sources.js';
import { verifyFindings } from './verify-findings.js';

export interface VerifyOptions {
  /** Project folder; defaults to the working directory. */
  root?: string;
  /** Folder the paths in sources.yaml are relative to. */
  sourcesDir: string;
}

export interface VerifyResult {
  diagnostics: Diagnostic[];
  /** Findings whose evidence was checked against a source text. */
  checked: number;
}

/** `brief verify`: every finding's evidence phrase and figure against the text of its source. */
export async function verify(options: VerifyOptions, fs: ReadFileSystem = nodeFileSystem): Promise<VerifyResult> {
  const root = resolve(options.root ?? process.cwd());
  const sourcesDir = resolve(root, options.sourcesDir);
  const loaded = await loadProject(root, fs);
  // Only the findings matter here (`brief check` reports the rest).
  const diagnostics = loaded.diagnostics.filter((d) => d.file.startsWith('findings/'));
  const { sources, diagnostics: sourceDiagnostics } = await loadSources(root, sourcesDir, fs);
  diagnostics.push(...sourceDiagnostics);
  const { library } = loaded.project;
  if (sources.manifest && library.loaded) {
    for (const key of sources.keys) {
      if (!library.items.has(key)) diagnostics.push(unknownKey(key, sourcesManifest, sources.manifest.keyPositionOf(['sources'], key), library.items.keys()));
    }
  }
  const findings = loaded.project.findings;
  diagnostics.push(...verifyFindings(findings, sources.texts, sources.keys));
  return { diagnostics, checked: findings.filter((f) => sources.texts.has(f.finding.source)).length };
}
