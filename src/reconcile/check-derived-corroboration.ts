import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { findingUses } from './check-document-conflicts.js';
import { agree } from './agree.js';
import type { IndependentSources } from './independent-sources.js';

/**
 * A document that shows the same fact from two papers, one of which repeats the other, presents one
 * source as two: a warning at the second use.
 */
export function checkDerivedCorroboration(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>, sources: IndependentSources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const brief of briefs) {
    const used = [...findingUses(brief, findings)].flatMap(([id, at]) => {
      const loaded = findings.get(id);
      return loaded ? [{ finding: loaded.finding, at }] : [];
    });
    used.forEach((second, j) => {
      const first = used.slice(0, j).find((u) => sources.same(u.finding.source, second.finding.source) && agree(u.finding, second.finding));
      if (!first) return;
      diagnostics.push(
        diagnostic('derived-corroboration', {
          file: brief.source.file,
          ...second.at,
          message: `"${first.finding.id}" and "${second.finding.id}" state the same fact, but ${first.finding.source} and ${second.finding.source} are one source: one paper repeats the other's text`,
        }),
      );
    });
  }
  return diagnostics;
}
