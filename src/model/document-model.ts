import type { Position } from '../diagnostics/diagnostic.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { SourceYaml, YamlPath } from '../load/parse-yaml.js';
import type { BriefSpec, Chart, Comparison, Recipient, Recommendation, Section } from '../schema/brief.js';
import type { Finding } from '../schema/finding.js';
import type { CountryCode } from '../schema/vocabulary.js';
import { chartPoints, type ChartPoint } from './chart-points.js';
import { comparisonCells } from './comparison-cells.js';

/**
 * The one typed outline of a document: document → blocks → inline nodes, built once from the
 * validated spec and the findings. Every later stage (Markdown conversion, citations, reference and
 * conflict checks, the render view, charts, editions) walks this tree instead of the spec, so only
 * the schema (src/schema/) and this module know which fields a spec has and where they sit.
 *
 * Children are in reading order: the order in which a reader meets them, and in which the citation
 * engine must see their citations.
 */

/** Where a node is written: its file and its path in that file (for positions in diagnostics). */
export interface Origin {
  source: SourceYaml;
  path: YamlPath;
}

interface NodeBase {
  /** Unique within a build: `<document id>/<place>`, e.g. `uzbekistan/section/0/body`. */
  key: string;
  origin: Origin;
}

/** A Markdown field written by the analyst (summary, a section body, a recommendation's action…). */
export interface MarkdownNode extends NodeBase {
  kind: 'markdown';
  markdown: string;
  /** Inline Markdown loses its paragraph wrapper (a memo's one-line purpose). */
  inline: boolean;
  /** The source text of the field as written, with its offset in the file, when it is a scalar there. */
  raw?: { text: string; offset: number };
}

/** A finding the spec names by id: shown as a figure and claim box, or listed as a recommendation's basis. */
export interface FindingNode extends NodeBase {
  kind: 'finding';
  role: 'key' | 'featured' | 'basis';
  id: string;
  /** Undefined when no finding has the id (reference validation reports it). */
  finding?: LoadedFinding;
}

/** A chart of a section, with the findings it plots. */
export interface ChartNode extends NodeBase {
  kind: 'chart';
  chart: Chart;
  points: ChartPoint[];
  /** The metric the chart plots, and where it is named. */
  metric: MetricReference;
}

/** One cell of a comparison table: a country's findings of the row's metric, newest first (empty: a gap). */
export interface ComparisonCellNode extends NodeBase {
  kind: 'comparison-cell';
  country: CountryCode;
  findings: Finding[];
}

/** The citations of the findings a recommendation rests on, as one cluster. */
export interface RecommendationBasisNode extends NodeBase {
  kind: 'recommendation-basis';
  findings: Finding[];
}

export interface MetricReference {
  name: string;
  origin: Origin;
}

/**
 * The blocks that are one top-level Markdown field of the same name. The render view gets each one's
 * HTML under its kind (`{{{summary}}}`), so a new one needs no code outside the schema and this file.
 */
export const textBlockKinds = ['purpose', 'summary'] as const;
export type TextBlockKind = (typeof textBlockKinds)[number];

export interface TextBlockNode extends NodeBase {
  kind: TextBlockKind;
  children: [MarkdownNode];
}

/** A memo addressee; its own paragraphs, when it has any, appear in its edition only. */
export interface RecipientNode extends NodeBase {
  kind: 'recipient';
  recipient: Recipient;
  /** Where the edition's file name comes from: the recipient's slug, or else its name. */
  fileNameOrigin: Origin;
  children: MarkdownNode[];
}

export interface KeyFindingsNode extends NodeBase {
  kind: 'key-findings';
  children: FindingNode[];
}

export interface SectionNode extends NodeBase {
  kind: 'section';
  heading: string;
  /** Position among the sections, from 0 (anchors, tables of contents). */
  index: number;
  children: (MarkdownNode | FindingNode | ChartNode)[];
}

export interface ComparisonNode extends NodeBase {
  kind: 'comparison';
  caption?: string;
  countries: CountryCode[];
  children: ComparisonRowNode[];
}

export interface ComparisonRowNode extends NodeBase {
  kind: 'comparison-row';
  label: string;
  metric: MetricReference;
  children: ComparisonCellNode[];
}

export interface RecommendationNode extends NodeBase {
  kind: 'recommendation';
  to: string;
  deadline?: string;
  /** Memos: the recipient slugs whose editions carry it (all when absent). */
  recipients?: string[];
  children: (MarkdownNode | FindingNode | RecommendationBasisNode)[];
}

/** An id or key the spec names outside the document's text: `prefer:` findings, `nocite:` keys. */
export interface SpecReference {
  value: string;
  origin: Origin;
}

export type BlockNode =
  | TextBlockNode
  | RecipientNode
  | KeyFindingsNode
  | SectionNode
  | ComparisonNode
  | RecommendationNode;

export type InlineNode = MarkdownNode | FindingNode | ChartNode | ComparisonCellNode | RecommendationBasisNode;

export interface DocumentNode extends NodeBase {
  kind: 'document';
  id: string;
  brief: LoadedBrief;
  /** The validated spec's document-wide settings (title, language, date, style…). */
  spec: BriefSpec;
  /** The editions the document makes: one per recipient of a memo; one (undefined) otherwise. */
  editions: (RecipientNode | undefined)[];
  /** Findings the document deliberately uses over those they conflict with. */
  prefer: SpecReference[];
  /** Citation keys listed in the bibliography without an in-text citation (`*`: all). */
  nocite: SpecReference[];
  children: BlockNode[];
}

export type ModelNode = DocumentNode | BlockNode | ComparisonRowNode | InlineNode;
export type NodeKind = ModelNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<ModelNode, { kind: K }>;

export function isTextBlock(node: ModelNode): node is TextBlockNode {
  return (textBlockKinds as readonly string[]).includes(node.kind);
}

/** Line and column where a node is written. */
export function positionOf(node: { origin: Origin }): Position {
  return node.origin.source.positionOf(node.origin.path);
}

const built = new WeakMap<LoadedBrief, { findings: ReadonlyMap<string, LoadedFinding>; document: DocumentNode }>();

/**
 * The outline of one document. Built once per spec and findings map: every stage that asks again
 * gets the same tree.
 */
export function documentModel(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): DocumentNode {
  const cached = built.get(brief);
  if (cached?.findings === findings) return cached.document;
  const document = buildDocument(brief, findings);
  built.set(brief, { findings, document });
  return document;
}

function buildDocument(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): DocumentNode {
  const { spec, source, id } = brief;
  const at = (...path: YamlPath) => ({ source, path });
  const key = (place: string) => `${id}/${place}`;
  const markdown = (place: string, text: string, path: YamlPath, inline = false): MarkdownNode => {
    const range = source.rangeOf(path);
    return {
      kind: 'markdown',
      key: key(place),
      origin: at(...path),
      markdown: text,
      inline,
      ...(range ? { raw: { text: source.text.slice(range[0], range[1]), offset: range[0] } } : {}),
    };
  };
  const finding = (role: FindingNode['role'], place: string, findingId: string, path: YamlPath): FindingNode => {
    const loaded = findings.get(findingId);
    return { kind: 'finding', role, key: key(place), origin: at(...path), id: findingId, ...(loaded ? { finding: loaded } : {}) };
  };

  const textBlock = (kind: TextBlockKind, text: string | undefined, inline = false): TextBlockNode[] =>
    text ? [{ kind, key: key(`${kind}/block`), origin: at(kind), children: [markdown(kind, text, [kind], inline)] }] : [];

  const children: BlockNode[] = [];
  // A memo's purpose is one line: inline, without a paragraph of its own.
  children.push(...textBlock('purpose', spec.purpose, true));
  const recipients: RecipientNode[] = (spec.recipients ?? []).map((recipient, r) => ({
    kind: 'recipient',
    key: key(`recipient/${r}`),
    origin: at('recipients', r),
    recipient,
    fileNameOrigin: at('recipients', r, recipient.slug ? 'slug' : 'name'),
    children: recipient.paragraphs ? [markdown(`recipient/${r}/paragraphs`, recipient.paragraphs, ['recipients', r, 'paragraphs'])] : [],
  }));
  children.push(...recipients);
  children.push(...textBlock('summary', spec.summary));
  if (spec.key_findings) {
    children.push({
      kind: 'key-findings',
      key: key('key-finding'),
      origin: at('key_findings'),
      children: spec.key_findings.map((findingId, i) => finding('key', `key-finding/${i}`, findingId, ['key_findings', i])),
    });
  }
  children.push(...spec.sections.map((section, s) => sectionNode(section, s)));
  if (spec.comparison) children.push(comparisonNode(spec.comparison));
  children.push(...spec.recommendations.map((recommendation, r) => recommendationNode(recommendation, r)));

  return {
    kind: 'document',
    key: id,
    origin: at(),
    id,
    brief,
    spec,
    editions: spec.kind === 'memo' ? recipients : [undefined],
    prefer: (spec.prefer ?? []).map((value, i) => ({ value, origin: at('prefer', i) })),
    nocite: spec.nocite.map((value, i) => ({ value, origin: at('nocite', i) })),
    children,
  };

  function sectionNode(section: Section, s: number): SectionNode {
    const place = `section/${s}`;
    return {
      kind: 'section',
      key: key(place),
      origin: at('sections', s),
      heading: section.heading,
      index: s,
      children: [
        markdown(`${place}/body`, section.body, ['sections', s, 'body']),
        ...(section.findings ?? []).map((findingId, i) => finding('featured', `${place}/finding/${i}`, findingId, ['sections', s, 'findings', i])),
        ...(section.charts ?? []).map(
          (chart, c): ChartNode => ({
            kind: 'chart',
            key: key(`${place}/chart/${c}`),
            origin: at('sections', s, 'charts', c),
            chart,
            points: chartPoints(chart, spec.countries, findings, spec.lang),
            metric: { name: chart.metric, origin: at('sections', s, 'charts', c, 'metric') },
          }),
        ),
      ],
    };
  }

  function comparisonNode(comparison: Comparison): ComparisonNode {
    const cells = comparisonCells(comparison, spec.countries, findings);
    return {
      kind: 'comparison',
      key: key('comparison'),
      origin: at('comparison'),
      ...(comparison.caption !== undefined ? { caption: comparison.caption } : {}),
      countries: spec.countries,
      children: comparison.rows.map((row, r) => {
        const metric = { name: row.metric, origin: at('comparison', 'rows', r, 'metric') };
        return {
          kind: 'comparison-row',
          key: key(`comparison/${r}`),
          origin: at('comparison', 'rows', r),
          label: row.label,
          metric,
          children: spec.countries.map((country, c) => ({
            kind: 'comparison-cell',
            key: key(`comparison/${r}/${country}`),
            origin: metric.origin,
            country,
            findings: cells[r]![c]!,
          })),
        };
      }),
    };
  }

  function recommendationNode(recommendation: Recommendation, r: number): RecommendationNode {
    const place = `recommendation/${r}`;
    const basis = (recommendation.findings ?? []).map((findingId, i) => finding('basis', `${place}/finding/${i}`, findingId, ['recommendations', r, 'findings', i]));
    const supported = basis.flatMap((node) => (node.finding ? [node.finding.finding] : []));
    return {
      kind: 'recommendation',
      key: key(place),
      origin: at('recommendations', r),
      to: recommendation.to,
      ...(recommendation.deadline !== undefined ? { deadline: recommendation.deadline } : {}),
      ...(recommendation.recipients !== undefined ? { recipients: recommendation.recipients } : {}),
      children: [
        markdown(`${place}/action`, recommendation.action, ['recommendations', r, 'action']),
        ...basis,
        ...(supported.length > 0
          ? [{ kind: 'recommendation-basis' as const, key: key(`${place}/basis`), origin: at('recommendations', r, 'findings'), findings: supported }]
          : []),
      ],
    };
  }
}
