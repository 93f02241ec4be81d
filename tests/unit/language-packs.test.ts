import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCslDirs, loadLocale } from '../../src/cite/csl-files.ts';
import { languagePack, languagePacks, languages, UnknownLanguage } from '../../src/languages/index.ts';
import { labelKeys } from '../../src/languages/pack.ts';
import { formatDate, formatFigure } from '../../src/render/format-figure.ts';
import { label, MissingLabel } from '../../src/render/labels.ts';
import { briefSchema } from '../../src/schema/brief.ts';
import type { Metric } from '../../src/schema/finding.ts';
import { countryCodes } from '../../src/schema/vocabulary.ts';
import { datePattern, ordinalPattern } from '../../src/lint/typed-figures.ts';

const metric = (value: number, unit: Metric['unit'], extra: Partial<Metric> = {}): Metric => ({ name: 'm', value, unit, as_of: '2023', ...extra });

/**
 * How each language writes a date, a percentage and a qualified figure: one line per language pack
 * (DEVELOPERS.md, "Adding a language"), checked against what the pack and Intl make of them.
 */
const examples: Record<string, { date: string; percent: string; over: string }> = {
  en: { date: '24 November 2026', percent: '76.6%', over: 'more than 40,000' },
  ru: { date: '24 ноября 2026 г.', percent: '76,6\u00a0%', over: 'более 40\u00a0000' },
  uz: { date: '24-noyabr, 2026', percent: '76,6%', over: '40\u00a0000 dan ortiq' },
  kk: { date: '2026 ж. 24 қараша', percent: '76,6%', over: '40\u00a0000-нан астам' },
};

describe('language packs', () => {
  it('are the languages a spec may be written in', () => {
    expect(languages).toEqual(Object.keys(languagePacks));
    const lang = briefSchema.shape.lang.unwrap();
    expect(lang.options).toEqual(languages);
  });

  it.each(languages)('%s: a complete pack whose CSL locale and default style are there', async (code) => {
    const pack = languagePack(code);
    expect(pack.code).toBe(code);
    for (const key of labelKeys) expect(pack.labels[key].trim(), key).not.toBe('');
    for (const country of countryCodes) expect(pack.countries[country].trim(), country).not.toBe('');
    expect(await loadLocale(pack.cslLocale, defaultCslDirs), pack.cslLocale).toMatch(/<locale[\s\S]*xml:lang="/);
    expect(existsSync(join(defaultCslDirs.styles, `${pack.defaultStyle}.csl`)), pack.defaultStyle).toBe(true);
    for (const locale of [pack.intlLocale.numbers, pack.intlLocale.dates]) expect(Intl.NumberFormat.supportedLocalesOf(locale), locale).toEqual([locale]);
  });

  it.each(languages)('%s: writes dates and figures as its example says', (code) => {
    const example = examples[code];
    expect(example, `add "${code}" to the examples in this file`).toBeDefined();
    expect(formatDate('2026-11-24', code)).toBe(example!.date);
    expect(formatFigure(metric(76.6, 'percent'), code)).toBe(example!.percent);
    expect(formatFigure(metric(40_000, 'followers', { qualifier: 'over' }), code)).toBe(example!.over);
  });

  it.each(languages)('%s: the uncited-figure lint knows its month names (Intl writes each month as a date it reads) and ordinals', (code) => {
    const { months, ordinalEndings } = languagePack(code).figureWords;
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(ordinalEndings.length).toBeGreaterThan(0);
    for (let month = 1; month <= 12; month++) {
      const written = formatDate(`2026-${String(month).padStart(2, '0')}-06`, code);
      expect(written.match(datePattern)?.[0], written).toMatch(/6/);
    }
    for (const ending of ordinalEndings) expect(`16${/^\p{Script=Latin}{2}$/u.test(ending) ? '' : '-'}${ending}`).toMatch(ordinalPattern);
  });

  it('refuses a language no pack has, and a label no pack has', () => {
    expect(() => languagePack('fr')).toThrow(UnknownLanguage);
    expect(() => languagePack('constructor')).toThrow(UnknownLanguage);
    expect(() => label('ru', 'nothing')).toThrow(MissingLabel);
    expect(() => label('fr', 'date')).toThrow(MissingLabel);
  });

  it('names countries in the document language', () => {
    expect(languagePack('ru').countries.UZ).toBe('Узбекистан');
    expect(languagePack('uz').countries.KZ).toBe('Qozog\u02BBiston');
    expect(languagePack('kk').countries.UZ).toBe('Өзбекстан');
  });

  it('writes Uzbek with U+02BB and U+02BC, never quotation marks or ASCII apostrophes', () => {
    const text = JSON.stringify(languagePack('uz'));
    expect(text).not.toMatch(/[‘’'`]/);
    expect(text).toContain('\u02BB');
    expect(text).toContain('\u02BC');
  });
});

describe('figures and dates in Uzbek and Kazakh', () => {
  it('puts the Uzbek comparison after the number, as a suffix', () => {
    expect(formatFigure(metric(40_000, 'followers', { qualifier: 'over' }), 'uz')).toBe('40\u00a0000 dan ortiq');
    expect(formatFigure(metric(1_000_000, 'users', { qualifier: 'over' }), 'uz')).toBe('1 milliondan ortiq');
    expect(formatFigure(metric(3, 'years', { qualifier: 'up-to' }), 'uz')).toBe('3 yilgacha');
    expect(formatFigure(metric(76.6, 'percent'), 'uz')).toBe('76,6%');
    expect(formatFigure(metric(28, 'rank', { out_of: 193 }), 'uz')).toBe('193 tadan 28-o\u02BBrin');
  });

  it('gives Kazakh suffixes the sound and vowels of the last spoken word', () => {
    expect(formatFigure(metric(40_000, 'followers', { qualifier: 'over' }), 'kk')).toBe('40\u00a0000-нан астам');
    expect(formatFigure(metric(76.6, 'percent', { qualifier: 'under' }), 'kk')).toBe('76,6%-дан кем');
    expect(formatFigure(metric(3, 'followers', { qualifier: 'over' }), 'kk')).toBe('3-тен астам');
    expect(formatFigure(metric(20, 'followers', { qualifier: 'over' }), 'kk')).toBe('20-дан астам');
    expect(formatFigure(metric(50, 'followers', { qualifier: 'up-to' }), 'kk')).toBe('50-ге дейін');
    expect(formatFigure(metric(1_000_000, 'users', { qualifier: 'over' }), 'kk')).toBe('1 миллионнан астам');
    expect(formatFigure(metric(3, 'years', { qualifier: 'up-to' }), 'kk')).toBe('3 жылға дейін');
    expect(formatFigure(metric(28, 'rank', { out_of: 193 }), 'kk')).toBe('193 ішінен 28-орын');
  });

  it('dates documents the way each language does', () => {
    // As the shipped CSL locales date the bibliography (csl/locales/).
    expect(formatDate('2026-11-24', 'uz')).toBe('24-noyabr, 2026');
    expect(formatDate('2026-11', 'uz')).toBe('noyabr, 2026');
    expect(formatDate('2026-11-24', 'kk')).toBe('2026 ж. 24 қараша');
    expect(formatDate('2026-11-24', 'en')).toBe('24 November 2026');
  });
});
