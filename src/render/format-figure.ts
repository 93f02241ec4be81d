import { fill, type LanguagePack } from '../languages/pack.js';
import { languagePack } from '../languages/index.js';
import type { Metric } from '../schema/finding.js';
import { figureDate } from '../schema/figure-date.js';
import { label } from './labels.js';

/**
 * A metric's value as it reads in prose, formatted for the language with Intl and the words of its
 * pack (src/languages/): 76.6 % → "76.6%" / "76,6 %"; 3000000 → "3 million" / "3 млн";
 * rank 81 of 193 → "81 of 193".
 */
export function formatFigure(metric: Metric, lang: string): string {
  const pack = languagePack(lang);
  const number = formatNumber(metric, pack);
  const qualifier = metric.qualifier && pack.figures.qualifiers[metric.qualifier];
  if (!qualifier) return number;
  return typeof qualifier === 'function' ? qualifier(number) : fill(qualifier, { n: number });
}

function formatNumber(metric: Metric, pack: LanguagePack): string {
  const { value, unit } = metric;
  const lang = pack.intlLocale.numbers;
  switch (unit) {
    case 'percent':
      return numberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
    case 'usd':
      return numberFormat(lang, large(value, { style: 'currency', currency: 'USD' })).format(value);
    case 'score':
      return numberFormat(lang, { maximumFractionDigits: 4 }).format(value);
    case 'rank':
      return metric.out_of
        ? fill(pack.figures.rank, { rank: numberFormat(lang, {}).format(value), total: numberFormat(lang, {}).format(metric.out_of) })
        : numberFormat(lang, {}).format(value);
    case 'mbps':
    case 'km':
      return numberFormat(lang, { style: 'unit', unit: unit === 'km' ? 'kilometer' : 'megabit-per-second', maximumFractionDigits: 2 }).format(value);
    case 'years':
      return numberFormat(lang, { style: 'unit', unit: 'year', unitDisplay: 'long' }).format(value);
    default:
      return numberFormat(lang, large(value, {})).format(value);
  }
}

// Making an Intl formatter costs far more than using one, and a project has a handful of kinds of figure.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cachedFormatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

const numberFormat = (lang: string, options: Intl.NumberFormatOptions) =>
  cachedFormatter(`number\0${lang}\0${JSON.stringify(options)}`, () => new Intl.NumberFormat(lang, options));

const dateFormat = (lang: string, options: Intl.DateTimeFormatOptions) =>
  cachedFormatter(`date\0${lang}\0${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(lang, options));

/** Millions and above read better in words ("27.2 million"); below that, digits with grouping. */
function large(value: number, base: Intl.NumberFormatOptions): Intl.NumberFormatOptions {
  return Math.abs(value) >= 1_000_000
    ? { ...base, notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 }
    : { ...base, maximumFractionDigits: 2 };
}

/** A document date, formatted for the language: "5 April 2018", "5 апреля 2018 г.". */
export function formatDate(isoDate: string, lang: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  return dateFormat(languagePack(lang).intlLocale.dates, options).format(date);
}

/**
 * When a figure is from, as readers see it: the stated year ("2023"), or, when the paper gives no
 * date, the year it reported the figure ("reported in 2023"), never a date the paper does not give.
 */
export function formatAsOf(metric: Pick<Metric, 'as_of' | 'reported'>, lang: string): string {
  const { date, stated } = figureDate(metric);
  const year = date.slice(0, 4);
  return stated ? year : label(lang, 'reportedIn').replace('{year}', year);
}

/**
 * Figures written in a claim, in the document's number format: "587000" and "587,000" print as
 * "587,000" in English and "587 000" in Russian. Years (four digits without grouping), decimals,
 * decree numbers (PP-3654) and document numbers stay as written.
 */
export function formatClaimNumbers(claim: string, lang: string): string {
  return claim.replace(/(?<![\p{L}\p{N}.,\-–/#])(\d{5,}|\d{1,3}(?:,\d{3})+)(?![\p{N}]|[.,]\d|[-–]\p{L})/gu, (written) =>
    numberFormat(lang, { maximumFractionDigits: 0 }).format(Number(written.replace(/,/g, ''))),
  );
}
