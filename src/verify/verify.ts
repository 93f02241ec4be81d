import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { unknownKey } from '../validate/validate-references.js';
import { loadProject } from '../load/load-project.js';
import { nodeFileSystem, type ReadFileSystem } from '../load/file-system.js';
import { loadSources, sourcesManifest } from './load-sources.js';
import { verifyFindings } from './verify-findings.js';
import { checkReuseRecords, findSourceReuse, formatReuse, type ReusePair } from './source-reuse.js';

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
  /** Pairs of sources that share passages of text. */
  reuse: ReusePair[];
  /** The report of shared passages, for standard output. */
  reuseReport: string;
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
    for (const [key, others] of sources.reuses) {
      for (const [i, other] of [key, ...others].entries()) {
        if (sources.keys.has(other)) continue;
        const at = i === 0 ? sources.manifest.keyPositionOf(['reuses'], key) : sources.manifest.positionOf(['reuses', key, i - 1]);
        diagnostics.push(unknownKey(other, sourcesManifest, at, sources.keys));
      }
    }
  }
  const yearOf = (key: string) => Number((library.items.get(key)?.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0]) || undefined;
  const reuse = findSourceReuse(sources.texts, sources.reuses, yearOf);
  if (sources.manifest) diagnostics.push(...checkReuseRecords(reuse, sources.reuses, sources.texts, sources.manifest, sourcesManifest));
  const findings = loaded.project.findings;
  diagnostics.push(...verifyFindings(findings, sources.texts, sources.keys));
  return {
    diagnostics,
    checked: findings.filter((f) => sources.texts.has(f.finding.source)).length,
    reuse,
    reuseReport: formatReuse(reuse, sources.texts),
  };
}
