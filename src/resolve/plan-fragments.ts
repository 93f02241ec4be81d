import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { YamlPath, SourceYaml } from '../load/parse-yaml.js';
import type { Fragment } from '../markdown/convert-fragments.js';
import { chartPoints } from './chart-data.js';

/** Where a fragment's Markdown came from, so a bad citation inside it can be located. */
export interface FragmentOrigin {
  source: SourceYaml;
  path: YamlPath;
}

export interface PlannedFragment extends Fragment {
  origin: FragmentOrigin;
}

/** The findings behind each cell of a comparison table, newest first; an empty cell is a gap. */
export function comparisonCells(spec: LoadedBrief['spec'], findings: ReadonlyMap<string, LoadedFinding>) {
  const all = [...findings.values()].map((f) => f.finding);
  return (spec.comparison?.rows ?? []).flatMap((row, r) =>
    spec.countries.map((country) => ({
      row: r,
      country,
      findings: all
        .filter((f) => f.metric?.name === row.metric && f.country === country)
        .sort((a, b) => b.metric!.as_of.localeCompare(a.metric!.as_of) || a.id.localeCompare(b.id)),
    })),
  );
}

/**
 * A finding's locator in pandoc syntax. A value pandoc would not read as a locator (several words, or
 * a word without digits) is braced, "sec. {Results}", so it stays a locator with its label and each
 * style and language labels it its own way, rather than becoming literal text.
 */
export function findingLocator(finding: LoadedFinding['finding']): string {
  return finding.locator.replace(/^((?:sec|ch|para|p|pp)\.?)\s+(.+)$/i, (_, label: string, value: string) =>
    /\s/.test(value) || !/\d/.test(value) ? `${label} {${value}}` : `${label} ${value}`,
  );
}

/** A citation of a finding's source at its locator, in pandoc syntax. */
export function findingCitation(finding: LoadedFinding['finding']): string {
  return `[@${finding.source}, ${findingLocator(finding)}]`;
}

/**
 * Every Markdown fragment of one document, in reading order, so the citation engine sees
 * citations in the order a reader meets them.
 */
export function planFragments(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): PlannedFragment[] {
  const { spec, source, id } = brief;
  const fragments: PlannedFragment[] = [];
  const add = (key: string, markdown: string, path: YamlPath, inline = false, origin?: FragmentOrigin) =>
    fragments.push({ key: `${id}/${key}`, markdown, inline, origin: origin ?? { source, path } });
  const addFinding = (key: string, findingId: string) => {
    const loaded = findings.get(findingId);
    if (!loaded) return;
    add(key, `${loaded.finding.claim.trim()} ${findingCitation(loaded.finding)}`, [], true, {
      source: loaded.source,
      path: [...loaded.path, 'claim'],
    });
  };

  if (spec.purpose) add('purpose', spec.purpose, ['purpose'], true);
  spec.recipients?.forEach((recipient, r) => {
    if (recipient.paragraphs) add(`recipient/${r}/paragraphs`, recipient.paragraphs, ['recipients', r, 'paragraphs']);
  });
  if (spec.summary) add('summary', spec.summary, ['summary']);
  spec.key_findings?.forEach((findingId, i) => addFinding(`key-finding/${i}`, findingId));
  spec.sections.forEach((section, s) => {
    add(`section/${s}/body`, section.body, ['sections', s, 'body']);
    section.findings?.forEach((findingId, i) => addFinding(`section/${s}/finding/${i}`, findingId));
    section.charts?.forEach((chart, c) => {
      const sources = [...new Set(chartPoints(chart, spec.countries, findings).map((p) => findingCitation(p.finding).slice(1, -1)))];
      if (sources.length > 0) add(`section/${s}/chart/${c}`, `[${sources.join('; ')}]`, ['sections', s, 'charts', c, 'metric'], true);
    });
  });
  comparisonCells(spec, findings).forEach((cell) => {
    if (cell.findings.length === 0) return;
    const markdown = cell.findings.map((f) => `[@fact:${f.id}] ^(${f.metric!.as_of.slice(0, 4)})^`).join('; ');
    add(`comparison/${cell.row}/${cell.country}`, markdown, ['comparison', 'rows', cell.row, 'metric'], true);
  });
  spec.recommendations.forEach((rec, r) => {
    add(`recommendation/${r}/action`, rec.action, ['recommendations', r, 'action']);
    const basis = (rec.findings ?? []).map((fid) => findings.get(fid)?.finding).filter((f) => f !== undefined);
    if (basis.length > 0) {
      const cluster = [...new Set(basis.map((f) => findingCitation(f).slice(1, -1)))].join('; ');
      add(`recommendation/${r}/basis`, `[${cluster}]`, ['recommendations', r, 'findings'], true);
    }
  });
  return fragments;
}
