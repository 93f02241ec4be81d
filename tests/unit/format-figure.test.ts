import { describe, expect, it } from 'vitest';
import { formatDate, formatFigure } from '../../src/render/format-figure.ts';
import type { Metric } from '../../src/schema/finding.ts';

const metric = (value: number, unit: Metric['unit'], extra: Partial<Metric> = {}): Metric => ({
  name: 'm',
  value,
  unit,
  as_of: '2023',
  ...extra,
});

describe('formatFigure', () => {
  it('formats percentages for the language', () => {
    expect(formatFigure(metric(76.6, 'percent'), 'en')).toBe('76.6%');
    expect(formatFigure(metric(76.6, 'percent'), 'ru')).toBe('76,6\u00a0%');
  });
  it('writes millions in words and smaller counts with grouping', () => {
    expect(formatFigure(metric(27_200_000, 'people'), 'en')).toBe('27.2 million');
    expect(formatFigure(metric(206_000, 'followers'), 'en')).toBe('206,000');
    expect(formatFigure(metric(206_000, 'followers'), 'ru')).toBe('206\u00a0000');
  });
  it('keeps the qualifier the paper used', () => {
    expect(formatFigure(metric(3_000_000, 'followers', { qualifier: 'over' }), 'en')).toBe('more than 3 million');
    expect(formatFigure(metric(40_000, 'followers', { qualifier: 'over' }), 'ru')).toBe('более 40\u00a0000');
  });
  it('writes ranks out of a total', () => {
    expect(formatFigure(metric(28, 'rank', { out_of: 193 }), 'en')).toBe('28 of 193');
  });
});

describe('formatDate', () => {
  it('formats dates for the language', () => {
    expect(formatDate('2018-04-05', 'en')).toBe('5 April 2018');
    expect(formatDate('2018-04-05', 'ru')).toBe('5 апреля 2018 г.');
  });
});
