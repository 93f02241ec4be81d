import type { LoadedFinding } from '../load/load-project.js';
import type { Comparison } from '../schema/brief.js';
import type { Finding } from '../schema/finding.js';
import type { CountryCode } from '../schema/vocabulary.js';

/** The findings behind each cell of a comparison table (by row, then country), newest first; an empty cell is a gap. */
export function comparisonCells(comparison: Comparison, countries: readonly CountryCode[], findings: ReadonlyMap<string, LoadedFinding>): Finding[][][] {
  const all = [...findings.values()].map((f) => f.finding);
  return comparison.rows.map((row) =>
    countries.map((country) =>
      all
        .filter((f) => f.metric?.name === row.metric && f.country === country)
        .sort((a, b) => b.metric!.as_of.localeCompare(a.metric!.as_of) || a.id.localeCompare(b.id)),
    ),
  );
}
