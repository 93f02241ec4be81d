import type { LoadedFinding } from '../load/load-project.js';
import type { Finding } from '../schema/finding.js';
import { figureDate } from '../schema/figure-date.js';
import type { Chart } from '../schema/brief.js';
import type { CountryCode } from '../schema/vocabulary.js';
import { languagePack } from '../languages/index.js';

export interface ChartPoint {
  country: string;
  /** The stated as-of date, or the year the figure was reported (see `stated`). */
  asOf: string;
  stated: boolean;
  value: number;
  finding: Finding;
}

/**
 * The findings a chart plots. A bar chart takes, per country, the figure with the latest as-of
 * date; a time series takes every dated figure of the metric for the countries.
 */
export function chartPoints(
  chart: Chart,
  countries: readonly CountryCode[],
  findings: ReadonlyMap<string, LoadedFinding>,
  lang: string,
): ChartPoint[] {
  const names = languagePack(lang).countries;
  const wanted = chart.countries ?? countries;
  const matching = [...findings.values()]
    .map((f) => f.finding)
    .filter((f) => f.metric?.name === chart.metric && wanted.includes(f.country as CountryCode))
    .sort((a, b) => figureDate(a.metric!).date.localeCompare(figureDate(b.metric!).date) || a.id.localeCompare(b.id));
  const points = matching.map((f) => {
    const { date, stated } = figureDate(f.metric!);
    return { country: names[f.country], asOf: date, stated, value: f.metric!.value, finding: f };
  });
  if (chart.type === 'timeseries') return points;
  return wanted.flatMap((code) => {
    const latest = points.filter((p) => p.finding.country === code).at(-1);
    return latest ? [latest] : [];
  });
}
