import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from '../../schema/brief.js';
import { formatAsOf, formatFigure } from '../format-figure.js';
import { label } from '../labels.js';
import type { ChartPoint } from '../../model/chart-points.js';
import type { DocumentNode } from '../../model/document-model.js';
import { nodesOf } from '../../model/walk.js';

export interface RenderedChart {
  svg: string;
  alt: string;
}

/** A chart as static SVG made at build time (no script reaches the page), set in the document's font. */
export async function renderChart(chart: Chart, points: readonly ChartPoint[], lang: string): Promise<RenderedChart> {
  const unit = points[0]?.finding.metric?.unit;
  const percent = unit === 'percent';
  // Each point carries its figure as the document prints it and when it is from, so every bar and
  // point shows its value and year (a reported-only year says so), not only an axis to read against.
  const values = points.map((p) => {
    const when = p.stated ? p.asOf.slice(0, 4) : formatAsOf(p.finding.metric!, lang);
    return {
      country: p.country,
      category: `${p.country} (${when})`,
      date: p.asOf.length === 4 ? `${p.asOf}-01-01` : p.asOf,
      value: percent ? p.value / 100 : p.value,
      label: chart.type === 'bar' ? formatFigure(p.finding.metric!, lang) : `${formatFigure(p.finding.metric!, lang)}${p.stated ? '' : ` (${when})`}`,
    };
  });
  const axis = { format: percent ? '.0%' : '~s', title: null };
  const text = { type: 'text' as const, fontSize: 9, color: '#1a1a1a' };
  const spec: TopLevelSpec =
    chart.type === 'bar'
      ? {
          width: 380,
          height: Math.max(40, 28 * values.length),
          data: { values },
          encoding: {
            y: { field: 'category', type: 'nominal', title: null, sort: null },
            x: { field: 'value', type: 'quantitative', axis },
          },
          layer: [{ mark: { type: 'bar', color: '#0b4f6c' } }, { mark: { ...text, align: 'left', dx: 3 }, encoding: { text: { field: 'label' } } }],
        }
      : {
          width: 380,
          height: 160,
          data: { values },
          encoding: {
            x: { field: 'date', type: 'temporal', title: null, axis: { format: '%Y', tickCount: { interval: 'year', step: 1 } } },
            y: { field: 'value', type: 'quantitative', axis },
            color: { field: 'country', type: 'nominal', title: null },
          },
          layer: [{ mark: { type: 'line', point: true } }, { mark: { ...text, dy: -8 }, encoding: { text: { field: 'label' } } }],
        };
  // The chart is one image (role img in the template) with alt text made from the data: Vega's own
  // ARIA roles and labels on marks and axes would become nested figures in the tagged PDF, and the marks it then
  // hides (aria-hidden) would leave that figure no content, so Chromium would not tag it at all.
  // Axis labels are never cut short: a bar's label ends with the year of its figure ("Kazakhstan (reported in 2024)").
  const config = { aria: false, font: 'Noto Sans', background: 'transparent', view: { stroke: null }, axis: { labelFontSize: 9, labelLimit: 0 } };
  return { svg: await svgOf({ ...spec, config } as TopLevelSpec), alt: chart.alt ?? altText(chart, points, lang) };
}

/**
 * The SVG of each Vega-Lite specification, its data included, kept for the charts still to come:
 * the documents of a batch may plot the same figures (a regional chart in every country's brief, in
 * one language), and Vega takes ~20 ms a chart. The SVG is a function of the specification alone.
 */
const svgBySpec = new Map<string, Promise<string>>();
const chartsRemembered = 64;

function svgOf(spec: TopLevelSpec): Promise<string> {
  const key = JSON.stringify(spec);
  let svg = svgBySpec.get(key);
  if (svg) svgBySpec.delete(key);
  else {
    svg = drawSvg(spec);
    svg.catch(() => svgBySpec.delete(key));
  }
  svgBySpec.set(key, svg);
  if (svgBySpec.size > chartsRemembered) svgBySpec.delete(svgBySpec.keys().next().value!);
  return svg;
}

async function drawSvg(spec: TopLevelSpec): Promise<string> {
  // Vega is loaded only by documents that have charts: it is a large part of start-up time.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, '').replace(/^<svg /, '<svg focusable="false" ');
}

/** "Bar chart: Internet users. Uzbekistan 76.6% (2023); Kazakhstan 90.9% (2023)." */
export function altText(chart: Chart, points: readonly ChartPoint[], lang: string): string {
  const kind = label(lang, chart.type === 'bar' ? 'chartBar' : 'chartLine');
  const data = points.map((p) => `${p.country} ${formatFigure(p.finding.metric!, lang)} (${p.stated ? p.asOf : formatAsOf(p.finding.metric!, lang)})`).join('; ');
  return `${kind}: ${chart.title}. ${data}.`;
}

/** Every chart of a document, by the key of its node in the document model. */
export async function renderDocumentCharts(document: DocumentNode): Promise<Map<string, RenderedChart>> {
  const charts = new Map<string, RenderedChart>();
  for (const node of nodesOf(document, 'chart')) charts.set(node.key, await renderChart(node.chart, node.points, document.spec.lang));
  return charts;
}
