import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { closest } from '../util/closest.js';
import type { LoadedBrief, Project } from './load-project.js';

/** Which documents a build makes: those named (an unknown name is a diagnostic), or all. */
export function selectBriefs(project: Project, ids: readonly string[], diagnostics: Diagnostic[]): LoadedBrief[] {
  if (ids.length === 0) return project.briefs;
  const known = new Set([...project.briefs.map((b) => b.id), ...project.brokenBriefs]);
  for (const id of ids) {
    if (known.has(id)) continue;
    const near = closest(id, known);
    diagnostics.push(
      diagnostic('unknown-document', {
        file: `briefs/${id}.yaml`,
        message: `Unknown document "${id}": there is no briefs/${id}.yaml`,
        hint: near.length > 0 ? `Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : undefined,
      }),
    );
  }
  return project.briefs.filter((b) => ids.includes(b.id));
}

/** The K-th of N parts of the documents, by sorted id, so every machine of a CI matrix agrees. */
export function inShard(briefs: readonly LoadedBrief[], shard: { index: number; count: number } | undefined): LoadedBrief[] {
  if (!shard) return [...briefs];
  return [...briefs].sort((a, b) => a.id.localeCompare(b.id)).filter((_, i) => i % shard.count === shard.index - 1);
}
