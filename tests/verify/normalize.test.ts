import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/verify/normalize-text.ts';
import { findOccurrences, prepareSource } from '../../src/verify/find-passage.ts';
import { mentions, readNumbers } from '../../src/verify/read-numbers.ts';

describe('normalizeText', () => {
  it('folds whitespace and line breaks to single spaces', () => {
    expect(normalizeText('  more than\n\n 3\u00A0million\tsubscribers \n').text).toBe('more than 3 million subscribers');
  });

  it('unifies quote marks and dashes', () => {
    expect(normalizeText('the “Smart University” concept, Kazakhstan’s 2017–2021 — and «this» ‘one’').text).toBe(
      `the "Smart University" concept, Kazakhstan's 2017-2021 - and "this" 'one'`,
    );
  });

  it('rejoins a word hyphenated at a line end, and drops soft hyphens', () => {
    expect(normalizeText('infor-\nmation and commu\u00ADnication', { rejoinHyphens: true }).text).toBe('information and communication');
    expect(normalizeText('e-\ngovernment', { rejoinHyphens: false }).text).toBe('e-government');
    // A capital after the break is a new word, not the rest of one.
    expect(normalizeText('Uzbek-\nKazakh', { rejoinHyphens: true }).text).toBe('Uzbek- Kazakh');
  });

  it('maps every character back to its place in the original', () => {
    const { text, offsets } = normalizeText('a\n\n  “b”');
    expect(text).toBe('a "b"');
    expect(offsets).toEqual([0, 1, 5, 6, 7, 8]);
  });

  it('finds a phrase under either reading of a line-end hyphen', () => {
    const source = prepareSource('x.txt', 'The e-\ngovernment portal and the infor-\nmation flow');
    expect(findOccurrences(source, 'e-government portal')).toHaveLength(1);
    expect(findOccurrences(source, 'information flow')).toHaveLength(1);
    expect(findOccurrences(source, 'egovernment')).toHaveLength(1);
    expect(findOccurrences(source, 'information portal')).toHaveLength(0);
  });
});

describe('readNumbers', () => {
  it.each([
    [76.6, 'that is, 76.6% of the population'],
    [3000000, 'more than 3 million subscribers'],
    [20000, 'lay 20000 kilometers'],
    [20000, 'lay 20,000 kilometers'],
    [20700000, 'compared to Kazakhstan (20,7 mln).'],
    [0.8628, 'with an indicator of 0.8628%¹'],
    [26740000, 'there are 26.74 million Internet users'],
    [148700, 'Twitter* has 148,700 users'],
    [3000000000, 'by over three billion individuals'],
    [206000, '206k followers'],
    [28, 'ranks 28th among 193 countries'],
  ])('reads %d in "%s"', (value, text) => {
    expect(mentions(readNumbers(text), value)).toBe(true);
  });

  it.each([
    [3, 'more than 3 million subscribers'],
    [76.5, 'that is, 76.6% of the population'],
    [2070000, 'Kazakhstan (20,7 mln)'],
    [3654, 'No. PP-3654'.replace('PP-', 'PP')],
  ])('does not read %d in "%s"', (value, text) => {
    expect(mentions(readNumbers(text), value)).toBe(false);
  });

  it('keeps the figure as written', () => {
    expect(readNumbers('from 78% to 95%, 20,7 mln and 3 million').map((f) => f.text)).toEqual(['78', '95', '20,7 mln', '3 million']);
  });
});
