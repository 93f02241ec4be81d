import type { Finding } from '../schema/finding.js';
import { figureDate } from '../schema/figure-date.js';
import { formatFigure } from '../render/format-figure.js';
import type { ConflictGroup } from './find-conflicts.js';

const countedUnits = new Set(['people', 'users', 'followers', 'subscribers', 'posts', 'views']);

/** What a finding says, briefly: its figure and as-of date, or the date of the event. */
export function statement(finding: Finding): string {
  const { metric } = finding;
  if (metric) {
    const unit = countedUnits.has(metric.unit) ? ` ${metric.unit}` : '';
    const { date, stated } = figureDate(metric);
    return `${formatFigure(metric, 'en')}${unit}, ${stated ? 'as of' : 'undated, reported in'} ${date}`;
  }
  if (finding.date) return `dated ${finding.date}`;
  const claim = finding.claim.replace(/\s+/g, ' ').trim();
  return `"${claim.length > 60 ? `${claim.slice(0, 59)}…` : claim}"`;
}

/** `brief findings conflicts`: every group with its findings' ids, values and sources. */
export function formatConflicts(groups: readonly ConflictGroup[]): string {
  const lines: string[] = [];
  for (const group of groups) {
    const papers = new Set(group.findings.map((f) => f.finding.source)).size;
    // A paper that repeats another is not a second witness, for or against.
    lines.push(papers > group.independentSources ? `${group.label} (${papers} papers, ${group.independentSources} independent: one repeats another)` : group.label);
    const width = Math.max(...group.findings.map((f) => f.finding.id.length));
    const said = group.findings.map((f) => statement(f.finding));
    const saidWidth = Math.max(...said.map((s) => s.length));
    group.findings.forEach(({ finding }, i) => {
      lines.push(`  ${finding.id.padEnd(width)}  ${said[i]!.padEnd(saidWidth)}  ${finding.source}, ${finding.locator}`);
    });
  }
  lines.push(groups.length === 0 ? 'no conflicts' : `${groups.length} conflict${groups.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}
