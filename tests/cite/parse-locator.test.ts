import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parseSuffix } from '../../src/cite/parse-locator.ts';
import { readLocaleTerms } from '../../src/cite/locale-terms.ts';
import { defaultCslDirs } from '../../src/cite/csl-files.ts';
import { findingLocator } from '../../src/resolve/plan-fragments.ts';
import type { Finding } from '../../src/schema/finding.ts';

// Each case was checked against `pandoc --citeproc` 2.17 with ieee.csl, which prints the locator inside
// the brackets and the suffix after them ("[1, p. 33] and passim").
describe('parseSuffix reads locators as pandoc does', () => {
  it.each([
    [', p. 12', { label: 'page', locator: '12' }],
    [', p.\u00a012', { label: 'page', locator: '12' }],
    [', p.12', { label: 'page', locator: '12' }],
    [' p. 12', { label: 'page', locator: '12' }],
    [', pp. 12-14', { label: 'page', locator: '12-14' }],
    [', pp. 33-35, 38', { label: 'page', locator: '33-35, 38' }],
    [', pp. 12–14', { label: 'page', locator: '12–14' }],
    [', ch. 2', { label: 'chapter', locator: '2' }],
    [', Ch. 2', { label: 'chapter', locator: '2' }],
    [', chapter 3', { label: 'chapter', locator: '3' }],
    [', sec. 3', { label: 'section', locator: '3' }],
    [', §§ 3-4', { label: 'section', locator: '3-4' }],
    [', para. 4', { label: 'paragraph', locator: '4' }],
    [', para. 4, emphasis added', { label: 'paragraph', locator: '4', suffix: ', emphasis added' }],
    [', p. iv', { label: 'page', locator: 'iv' }],
    [', 33', { label: 'page', locator: '33' }],
    [', 12, emphasis added', { label: 'page', locator: '12', suffix: ', emphasis added' }],
    [', p. 33 and passim', { label: 'page', locator: '33', suffix: ' and passim' }],
    [', p. 33, and elsewhere', { label: 'page', locator: '33', suffix: ', and elsewhere' }],
    [', 33 and 35', { label: 'page', locator: '33', suffix: ' and 35' }],
    [', pp. 12 f.', { label: 'page', locator: '12', suffix: ' f.' }],
    [', vol. 2, p. 3', { label: 'volume', locator: '2', suffix: ', p. 3' }],
    // Braces delimit a locator, with or without a label inside.
    [', {pp. iv, vi-xi} and elsewhere', { label: 'page', locator: 'iv, vi-xi', suffix: ' and elsewhere' }],
    ['{ii, A, D-Z}, with a suffix', { label: 'page', locator: 'ii, A, D-Z', suffix: ', with a suffix' }],
    [' {iv}', { label: 'page', locator: 'iv' }],
    [', {sec. Digital Diplomacy}', { label: 'section', locator: 'Digital Diplomacy' }],
    // No digits or roman numerals after the label, or no label and no digits: all suffix.
    [', sec. Digital Diplomacy', { suffix: ', sec. Digital Diplomacy' }],
    [', xii', { suffix: ', xii' }],
    [', emphasis added', { suffix: ', emphasis added' }],
    ['', {}],
  ])('%j', (suffix, expected) => {
    expect(parseSuffix(suffix)).toEqual(expected);
  });

  it('also reads `label {value}`, which finding locators use and pandoc would print as is', () => {
    expect(parseSuffix(', sec. {Digital Diplomacy in Uzbekistan}')).toEqual({ label: 'section', locator: 'Digital Diplomacy in Uzbekistan' });
    expect(parseSuffix(', sec. {Digital Uzbekistan}, passim')).toEqual({ label: 'section', locator: 'Digital Uzbekistan', suffix: ', passim' });
  });

  it('reads every finding locator back as a label and a locator, one word or several', () => {
    const read = (locator: string) => parseSuffix(`, ${findingLocator({ locator } as Finding)}`);
    expect(read('sec. Results')).toEqual({ label: 'section', locator: 'Results' });
    expect(read('sec. CONCLUSION')).toEqual({ label: 'section', locator: 'CONCLUSION' });
    expect(read("sec. Digital Diplomacy: Uzbekistan's Case")).toEqual({ label: 'section', locator: "Digital Diplomacy: Uzbekistan's Case" });
    expect(read('para. 12')).toEqual({ label: 'paragraph', locator: '12' });
    expect(read('para. 12-14')).toEqual({ label: 'paragraph', locator: '12-14' });
    expect(read('p. 29')).toEqual({ label: 'page', locator: '29' });
  });
});

describe('locator labels of the document locale', () => {
  it('reads the Russian terms of locales-ru-RU.xml, and English labels still work', async () => {
    const terms = readLocaleTerms(await readFile(`${defaultCslDirs.locales}/locales-ru-RU.xml`, 'utf8'));
    expect(terms.and).toBe('и');
    expect(terms.etAl).toBe('и др.');
    // The short labels a style without locator labels (GOST) is given.
    expect(terms.locatorLabels.get('page')).toEqual({ single: 'с.', multiple: 'сс.' });
    expect(terms.locatorLabels.get('section')).toEqual({ single: 'разд.', multiple: 'разд.' });
    expect(terms.locatorLabels.get('chapter')).toEqual({ single: 'гл.', multiple: 'гл.' });
    const ru = (suffix: string) => parseSuffix(suffix, terms.locators);
    expect(ru(', с. 12')).toEqual({ label: 'page', locator: '12' });
    expect(ru(', сс. 12-14')).toEqual({ label: 'page', locator: '12-14' });
    expect(ru(', гл. 2')).toEqual({ label: 'chapter', locator: '2' });
    expect(ru(', глава 3')).toEqual({ label: 'chapter', locator: '3' });
    expect(ru(', разд. 3')).toEqual({ label: 'section', locator: '3' });
    expect(ru(', п. 4, курсив наш')).toEqual({ label: 'paragraph', locator: '4', suffix: ', курсив наш' });
    // Finding locators are written in English whatever the document's language.
    expect(ru(', p. 12')).toEqual({ label: 'page', locator: '12' });
    // Without the locale, Russian labels are text.
    expect(parseSuffix(', с. 12')).toEqual({ suffix: ', с. 12' });
  });
});
