import { figureDate } from '../schema/figure-date.js';
import type { LoadedFinding } from '../load/load-project.js';
import { agree } from '../reconcile/agree.js';
import { independentSourcesOf } from './finding-index.js';
import type { Comparison } from '../schema/brief.js';
import type { Finding } from '../schema/finding.js';
import type { CountryCode } from '../schema/vocabulary.js';

/**
 * The findings behind each cell of a comparison table (by row, then country), newest first; an empty
 * cell is a gap. A figure repeated by a paper that copies another's text is shown once, from the
 * paper that does not repeat the other: one source, not two.
 */
export function comparisonCells(comparison: Comparison, countries: readonly CountryCode[], findings: ReadonlyMap<string, LoadedFinding>): Finding[][][] {
  const all = [...findings.values()].map((f) => f.finding);
  const sources = independentSourcesOf(findings);
  return comparison.rows.map((row) =>
    countries.map((country) => {
      const cell = all
        .filter((f) => f.metric?.name === row.metric && f.country === country)
        .sort((a, b) => Number(sources.isDerived(a.source)) - Number(sources.isDerived(b.source)) || a.id.localeCompare(b.id));
      const kept: Finding[] = [];
      for (const finding of cell) if (!kept.some((k) => sources.same(k.source, finding.source) && agree(k, finding))) kept.push(finding);
      return kept.sort((a, b) => figureDate(b.metric!).date.localeCompare(figureDate(a.metric!).date) || a.id.localeCompare(b.id));
    }),
  );
}
