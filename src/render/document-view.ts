import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { BibliographyEntry } from '../cite/citation-engine.js';
import { countryNames } from '../schema/vocabulary.js';
import { formatDate, formatFigure } from './format-figure.js';
import { label } from './labels.js';
import type { RenderedChart } from './charts/render-chart.js';

export interface FindingBoxView {
  id: string;
  figure?: string;
  claim: string;
}

/** Everything a layout template receives: plain data, HTML fragments already converted and cited. */
export function documentView(input: {
  brief: LoadedBrief;
  html: ReadonlyMap<string, string>;
  findings: ReadonlyMap<string, LoadedFinding>;
  bibliography: readonly BibliographyEntry[];
  numericStyle: boolean;
  version: string;
  assetBase: string;
  charts: ReadonlyMap<string, RenderedChart>;
  logo?: { src: string; alt: string };
}) {
  const { brief, html, findings } = input;
  const { spec, id } = brief;
  const fragment = (key: string) => html.get(`${id}/${key}`) ?? '';
  const box = (key: string, findingId: string): FindingBoxView => {
    const metric = findings.get(findingId)?.finding.metric;
    return { id: findingId, figure: metric ? formatFigure(metric, spec.lang) : undefined, claim: fragment(key) };
  };
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
    countries: spec.countries.map((c) => countryNames[c]).join(', '),
    summary: spec.summary ? fragment('summary') : undefined,
    keyFindings: (spec.key_findings ?? []).map((fid, i) => box(`key-finding/${i}`, fid)),
    sections: spec.sections.map((section, s) => ({
      heading: section.heading,
      body: fragment(`section/${s}/body`),
      findings: (section.findings ?? []).map((fid, i) => box(`section/${s}/finding/${i}`, fid)),
      charts: (section.charts ?? []).map((chart, c) => ({
        title: chart.title,
        ...input.charts.get(`section/${s}/chart/${c}`),
        source: fragment(`section/${s}/chart/${c}`),
      })),
    })),
    comparison: spec.comparison && {
      caption: spec.comparison.caption,
      countries: spec.countries.map((c) => countryNames[c]),
      rows: spec.comparison.rows.map((row, r) => ({
        label: row.label,
        cells: spec.countries.map((country) => ({ html: html.get(`${id}/comparison/${r}/${country}`) })),
      })),
    },
    from: spec.from,
    reference: spec.reference,
    marking: spec.marking,
    purpose: spec.purpose ? fragment('purpose') : undefined,
    recommendations: spec.recommendations.map((rec, r) => ({
      to: rec.to,
      deadline: rec.deadline && /^\d{4}(-\d{2}){0,2}$/.test(rec.deadline) ? formatDate(rec.deadline, spec.lang) : rec.deadline,
      action: fragment(`recommendation/${r}/action`),
      basis: html.get(`${id}/recommendation/${r}/basis`),
    })),
    page: {
      size: spec.paper === 'letter' ? 'letter' : 'A4',
      header: spec.short_title ?? spec.title,
      footer: formatDate(spec.date, spec.lang),
      marking: spec.marking,
    },
    /** Entries for a table of contents; the template shows it only when `toc` is set on the view. */
    tocEntries: [
      ...(spec.summary ? [{ id: 'summary-heading', label: label(spec.lang, 'summary') }] : []),
      ...(spec.key_findings?.length ? [{ id: 'key-findings-heading', label: label(spec.lang, 'keyFindings') }] : []),
      ...(spec.comparison ? [{ id: 'comparison-heading', label: label(spec.lang, 'comparison') }] : []),
      ...spec.sections.map((section, s) => ({ id: `section-${s}`, label: section.heading })),
      ...(spec.recommendations.length ? [{ id: 'recommendations-heading', label: label(spec.lang, 'recommendations') }] : []),
      { id: 'references-heading', label: label(spec.lang, 'references') },
    ],
    bibliography: input.bibliography,
    numericStyle: input.numericStyle,
    generatorVersion: input.version,
    assetBase: input.assetBase,
  };
}
