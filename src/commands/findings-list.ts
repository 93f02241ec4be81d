import type { LoadedFinding } from '../load/load-project.js';
import { statement } from '../reconcile/format-conflicts.js';

export interface FindingFilter {
  countries?: readonly string[];
  topic?: string;
  metric?: string;
  source?: string;
}

/** The findings that pass every filter given (a finding passes a country filter through its own country). */
export function filterFindings(findings: readonly LoadedFinding[], filter: FindingFilter): LoadedFinding[] {
  return findings.filter(({ finding }) => {
    if (filter.countries?.length && !filter.countries.includes(finding.country)) return false;
    if (filter.topic && finding.topic !== filter.topic) return false;
    if (filter.metric && finding.metric?.name !== filter.metric) return false;
    if (filter.source && finding.source !== filter.source && finding.primary !== filter.source) return false;
    return true;
  });
}

/** `brief findings list`: one row per finding with its country, topic, figure (or date, or claim) and source. */
export function formatFindingsTable(findings: readonly LoadedFinding[]): string {
  const table = [
    ['ID', 'COUNTRY', 'TOPIC', 'STATES', 'SOURCE'],
    ...findings.map(({ finding }) => [finding.id, finding.country, finding.topic, statement(finding).replace(/\s+/g, ' '), `${finding.source}, ${finding.locator}`]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** `brief findings list --json`: each finding as written, with the place it is defined. */
export function findingsJson(findings: readonly LoadedFinding[]): string {
  return JSON.stringify(
    findings.map(({ finding, source, path }) => ({ ...finding, defined: { file: source.file, ...source.positionOf(path) } })),
    null,
    2,
  );
}
