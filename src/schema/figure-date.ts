import type { Metric } from './finding.js';

/** When a figure is from: the date the paper states for it, or only the year the paper reported it. */
export interface FigureDate {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the stated as-of date, or the year of the report. */
  date: string;
  /** True when the paper states the date; false when only the year it was reported is known. */
  stated: boolean;
}

export function figureDate(metric: Pick<Metric, 'as_of' | 'reported'>): FigureDate {
  return metric.as_of === 'unknown' ? { date: metric.reported ?? '', stated: false } : { date: metric.as_of, stated: true };
}
