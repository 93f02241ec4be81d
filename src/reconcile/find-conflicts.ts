import type { LoadedFinding } from '../load/load-project.js';
import type { Finding, Metric } from '../schema/finding.js';
import { figureDate } from '../schema/figure-date.js';
import { IndependentSources } from './independent-sources.js';

/** Findings that state the same fact differently, as a connected group. */
export interface ConflictGroup {
  /** "UZ president-x-followers": the country and the metric (or topic) the group is about. */
  label: string;
  /** Sorted by as-of date (or date), then id. */
  findings: LoadedFinding[];
  /** How many independent sources the findings come from (a paper and one it repeats count as one). */
  independentSources: number;
}

export interface Conflicts {
  groups: ConflictGroup[];
  /** For each finding in a conflict, the ids of the findings it conflicts with. */
  opponents: Map<string, Set<string>>;
}

/**
 * Compares findings about the same country and metric, and findings linked by `conflicts_with`.
 * Two figures conflict when they differ and their as-of dates could be the same time; when the
 * dates differ (2023 vs 2024-12-07), the later supersedes the earlier and there is no conflict.
 * Findings without a figure conflict when an analyst linked them.
 */
export function findConflicts(findings: readonly LoadedFinding[], sources: IndependentSources = new IndependentSources(new Map())): Conflicts {
  const byId = new Map(findings.map((f) => [f.finding.id, f]));
  const opponents = new Map<string, Set<string>>();
  const link = (a: Finding, b: Finding) => {
    if (a.id === b.id || !conflict(a, b)) return;
    for (const [x, y] of [[a.id, b.id], [b.id, a.id]] as const) {
      if (!opponents.has(x)) opponents.set(x, new Set());
      opponents.get(x)!.add(y);
    }
  };

  const sameMetric = new Map<string, Finding[]>();
  for (const { finding } of findings) {
    if (!finding.metric) continue;
    const key = `${finding.country} ${finding.metric.name}`;
    sameMetric.set(key, [...(sameMetric.get(key) ?? []), finding]);
  }
  for (const group of sameMetric.values()) {
    group.forEach((a, i) => group.slice(i + 1).forEach((b) => link(a, b)));
  }
  for (const { finding } of findings) {
    for (const id of finding.conflicts_with ?? []) {
      const other = byId.get(id);
      if (other) link(finding, other.finding);
    }
  }
  return { groups: groupsOf(opponents, byId, sources), opponents };
}

function conflict(a: Finding, b: Finding): boolean {
  if (!a.metric || !b.metric) return true;
  if (!canCoincide(a.metric, b.metric)) return false;
  return a.metric.value !== b.metric.value || a.metric.unit !== b.metric.unit || a.metric.out_of !== b.metric.out_of;
}

/**
 * Whether two figures can be from the same time. A figure reported without a date can be from any
 * time up to the year it was reported, so only a stated date after that year supersedes it.
 */
export function canCoincide(a: Metric, b: Metric): boolean {
  const [da, db] = [figureDate(a), figureDate(b)];
  if (da.stated && db.stated) return overlaps(da.date, db.date);
  if (!da.stated && !db.stated) return true;
  const [undated, dated] = da.stated ? [db, da] : [da, db];
  return dated.date.slice(0, 4) <= undated.date.slice(0, 4);
}

/** Whether two partial dates can name the same time ("2024" and "2024-12-07" can; "2023" and "2024" cannot). */
export function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

function groupsOf(opponents: Map<string, Set<string>>, byId: Map<string, LoadedFinding>, sources: IndependentSources): ConflictGroup[] {
  const seen = new Set<string>();
  const groups: ConflictGroup[] = [];
  for (const start of [...opponents.keys()].sort()) {
    if (seen.has(start)) continue;
    const members: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const id = queue.shift()!;
      members.push(id);
      for (const next of opponents.get(id) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    const found = members.map((id) => byId.get(id)!).sort(byDateThenId);
    groups.push({ label: labelOf(found.map((f) => f.finding)), findings: found, independentSources: sources.count(found.map((f) => f.finding.source)) });
  }
  return groups.sort((a, b) => a.label.localeCompare(b.label) || a.findings[0]!.finding.id.localeCompare(b.findings[0]!.finding.id));
}

function dateOf(finding: Finding): string {
  return (finding.metric && figureDate(finding.metric).date) ?? finding.date ?? '';
}

function byDateThenId(a: LoadedFinding, b: LoadedFinding): number {
  return dateOf(a.finding).localeCompare(dateOf(b.finding)) || a.finding.id.localeCompare(b.finding.id);
}

function labelOf(findings: Finding[]): string {
  const distinct = (values: string[]) => [...new Set(values)].join('/');
  const subject = findings.every((f) => f.metric) ? distinct(findings.map((f) => f.metric!.name)) : distinct(findings.map((f) => f.topic));
  return `${distinct(findings.map((f) => f.country))} ${subject}`;
}
