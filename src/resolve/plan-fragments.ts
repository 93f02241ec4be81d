import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { Fragment } from '../markdown/convert-fragments.js';
import { documentModel, type ModelNode, type Origin } from '../model/document-model.js';
import { walk } from '../model/walk.js';
import { citedInPrefix } from '../cite/cited-in.js';
import { formatAsOf, formatClaimNumbers } from '../render/format-figure.js';

/** Where a fragment's Markdown came from, so a bad citation inside it can be located. */
export type FragmentOrigin = Origin;

export interface PlannedFragment extends Fragment {
  origin: FragmentOrigin;
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

/**
 * A citation of a finding's source at its locator, in pandoc syntax; a fact the source reports from
 * another work (`primary:`) cites that work "as cited in" the source (src/cite/cited-in.ts), unless
 * `secondary` is false.
 */
export function findingCitation(finding: LoadedFinding['finding'], secondary = true): string {
  const source = `@${finding.source}, ${findingLocator(finding)}`;
  return secondary && finding.primary ? `[@${finding.primary}; ${citedInPrefix} ${source}]` : `[${source}]`;
}

/**
 * Every Markdown fragment of one document, in reading order, so the citation engine sees
 * citations in the order a reader meets them: the analyst's Markdown as written, and the Markdown
 * this plan writes for finding boxes, chart source lines, comparison cells and recommendation bases.
 */
export function planFragments(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): PlannedFragment[] {
  const fragments: PlannedFragment[] = [];
  for (const node of walk(documentModel(brief, findings))) {
    const fragment = fragmentOf(node, brief.spec.lang);
    if (fragment) fragments.push(fragment);
  }
  return fragments;
}

/** The Markdown a node contributes to its document, if any. */
function fragmentOf(node: ModelNode, lang: string): PlannedFragment | undefined {
  const { key, origin } = node;
  switch (node.kind) {
    case 'markdown':
      return { key, markdown: node.markdown, inline: node.inline, origin };
    case 'finding': {
      if (node.role === 'basis' || !node.finding) return undefined;
      const { finding, source, path } = node.finding;
      return { key, markdown: `${formatClaimNumbers(finding.claim.trim(), lang)} ${findingCitation(finding)}`, inline: true, origin: { source, path: [...path, 'claim'] } };
    }
    case 'chart':
    case 'recommendation-basis': {
      const cited = node.kind === 'chart' ? node.points.map((p) => p.finding) : node.findings;
      // A chart's bars are figures shown nowhere else: its source line cites each as the text would,
      // an original "as cited in" the paper. A recommendation's evidence line names the papers the
      // findings were read in (their claims carry the "as cited in" citation already).
      const sources = [...new Set(cited.map((f) => findingCitation(f, node.kind === 'chart').slice(1, -1)))];
      return sources.length > 0 ? { key, markdown: `[${sources.join('; ')}]`, inline: true, origin: node.kind === 'chart' ? node.metric.origin : origin } : undefined;
    }
    case 'comparison-cell':
      if (node.findings.length === 0) return undefined;
      return { key, markdown: node.findings.map((f) => `[@fact:${f.id}] ^(${formatAsOf(f.metric!, lang)})^`).join('; '), inline: true, origin };
    default:
      return undefined;
  }
}
