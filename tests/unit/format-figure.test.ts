import { describe, expect, it } from 'vitest';
import { formatDate, formatFigure, formatAsOf, formatClaimNumbers } from '../../src/render/format-figure.ts';
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

describe('figures in claims and as-of dates', () => {
  it('prints the figures of a claim in the document\'s number format, leaving years and decree numbers', () => {
    const claim = 'Under UP-6079 of 2020, 587000 people are to be trained and 20,000 km laid; PP-3654 stands.';
    expect(formatClaimNumbers(claim, 'en')).toBe('Under UP-6079 of 2020, 587,000 people are to be trained and 20,000 km laid; PP-3654 stands.');
    expect(formatClaimNumbers(claim, 'ru')).toBe('Under UP-6079 of 2020, 587\u00a0000 people are to be trained and 20\u00a0000 km laid; PP-3654 stands.');
    expect(formatClaimNumbers('76.6% and 26.74 million', 'ru')).toBe('76.6% and 26.74 million');
  });

  it('says "reported in" for a figure the paper does not date, in each language', () => {
    expect(formatAsOf({ as_of: '2024-12-07' }, 'en')).toBe('2024');
    expect(formatAsOf({ as_of: 'unknown', reported: '2023' }, 'en')).toBe('reported in 2023');
    expect(formatAsOf({ as_of: 'unknown', reported: '2023' }, 'ru')).toBe('по публикации 2023 г.');
    expect(formatAsOf({ as_of: 'unknown', reported: '2023' }, 'uz')).toBe('2023-yilgi nashrga koʻra');
  });
});
