import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { BibliographyEntry } from '../cite/citation-engine.js';
import { languagePack } from '../languages/index.js';
import { formatAsOf, formatDate, formatFigure } from './format-figure.js';
import { evidenceAnchor } from './evidence-view.js';
import { label } from './labels.js';
import type { RenderedChart } from './charts/render-chart.js';
import { documentModel, isTextBlock, type BlockNode, type FindingNode, type InlineNode } from '../model/document-model.js';

export interface FindingBoxView {
  id: string;
  figure?: string;
  claim: string;
  /** Where the figure's evidence entry is (an edition with an evidence list links the figure there). */
  evidenceAnchor: string;
}

/** Everything a layout template receives: plain data, HTML fragments already converted and cited. */
export function documentView(input: {
  brief: LoadedBrief;
  html: ReadonlyMap<string, string>;
  findings: ReadonlyMap<string, LoadedFinding>;
  bibliography: readonly BibliographyEntry[];
  /** A note style's notes, in order. */
  notes?: readonly { number: number; html: string }[];
  numericStyle: boolean;
  version: string;
  assetBase: string;
  charts: ReadonlyMap<string, RenderedChart>;
  logo?: { src: string; alt: string };
}) {
  const { brief, html, findings } = input;
  const { spec, id } = brief;
  const document = documentModel(brief, findings);
  const fragment = (node: { key: string }) => html.get(node.key) ?? '';
  const text = (block: { children: readonly InlineNode[] }) => fragment(block.children.find((c) => c.kind === 'markdown')!);
  const box = (node: FindingNode): FindingBoxView => {
    const metric = node.finding?.finding.metric;
    return { id: node.id, figure: metric ? formatFigure(metric, spec.lang) : undefined, claim: fragment(node), evidenceAnchor: evidenceAnchor(node.id) };
  };
  const blocks = <K extends BlockNode['kind']>(kind: K) => document.children.filter((b): b is Extract<BlockNode, { kind: K }> => b.kind === kind);
  const [summary] = blocks('summary');
  // Each text block's HTML under its kind's name: `summary`, `purpose`…
  const textBlocks = Object.fromEntries(document.children.filter((b) => isTextBlock(b)).map((b) => [b.kind, text(b)]));
  const [comparison] = blocks('comparison');
  const keyFindings = blocks('key-findings').flatMap((b) => b.children);
  const sections = blocks('section');
  const recommendations = blocks('recommendation');
  return {
    id,
    kind: spec.kind,
    lang: spec.lang,
    title: spec.title,
    subtitle: spec.subtitle,
    logo: input.logo,
    isoDate: spec.date,
    date: formatDate(spec.date, spec.lang),
    audience: spec.audience,
    authors: spec.authors,
    countries: spec.countries.map((c) => languagePack(spec.lang).countries[c]).join(', '),
    ...textBlocks,
    keyFindings: keyFindings.map(box),
    sections: sections.map((section) => ({
      heading: section.heading,
      body: text(section),
      findings: section.children.filter((c) => c.kind === 'finding').map(box),
      charts: section.children
        .filter((c) => c.kind === 'chart')
        .map((chart) => ({
          title: chart.chart.title,
          ...input.charts.get(chart.key),
          source: fragment(chart),
          // Each plotted figure, for links to its evidence entry: "Uzbekistan 2023".
          points: chart.points.map((point) => ({ evidenceAnchor: evidenceAnchor(point.finding.id), label: `${point.country} ${formatAsOf(point.finding.metric!, spec.lang)}` })),
        })),
    })),
    comparison: comparison && {
      caption: comparison.caption,
      countries: comparison.countries.map((c) => languagePack(spec.lang).countries[c]),
      rows: comparison.children.map((row) => ({ label: row.label, cells: row.children.map((cell) => ({ html: html.get(cell.key) })) })),
    },
    from: spec.from,
    reference: spec.reference,
    marking: spec.marking,
    recommendations: recommendations.map((recommendation) => {
      const basis = recommendation.children.find((c) => c.kind === 'recommendation-basis');
      const { deadline } = recommendation;
      return {
        to: recommendation.to,
        deadline: deadline && /^\d{4}(-\d{2}){0,2}$/.test(deadline) ? formatDate(deadline, spec.lang) : deadline,
        action: text(recommendation),
        basis: basis && html.get(basis.key),
      };
    }),
    page: {
      size: spec.paper === 'letter' ? 'letter' : 'A4',
      header: spec.short_title ?? spec.title,
      footer: formatDate(spec.date, spec.lang),
      marking: spec.marking,
    },
    /** Entries for a table of contents; the template shows it only when `toc` is set on the view. */
    tocEntries: [
      ...(summary ? [{ id: 'summary-heading', label: label(spec.lang, 'summary') }] : []),
      ...(keyFindings.length ? [{ id: 'key-findings-heading', label: label(spec.lang, 'keyFindings') }] : []),
      ...(comparison ? [{ id: 'comparison-heading', label: label(spec.lang, 'comparison') }] : []),
      ...sections.map((section) => ({ id: `section-${section.index}`, label: section.heading })),
      ...(recommendations.length ? [{ id: 'recommendations-heading', label: label(spec.lang, 'recommendations') }] : []),
      { id: 'references-heading', label: label(spec.lang, 'references') },
    ],
    bibliography: input.bibliography,
    notes: input.notes ?? [],
    numericStyle: input.numericStyle,
    generatorVersion: input.version,
    assetBase: input.assetBase,
  };
}
