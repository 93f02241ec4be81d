import { describe, expect, it } from 'vitest';
import { parseSuffix } from '../../src/cite/parse-locator.ts';

describe('parseSuffix', () => {
  it.each([
    [', p. 12', { label: 'page', locator: '12' }],
    [', pp. 12–14', { label: 'page', locator: '12–14' }],
    [', ch. 2', { label: 'chapter', locator: '2' }],
    [', sec. {Digital Uzbekistan}', { label: 'section', locator: 'Digital Uzbekistan' }],
    [', para. 4', { label: 'paragraph', locator: '4' }],
    [', 33', { label: 'page', locator: '33' }],
    [', p. 33, and elsewhere', { label: 'page', locator: '33', suffix: ', and elsewhere' }],
    [', emphasis added', { suffix: ', emphasis added' }],
    ['', {}],
  ])('%j', (suffix, expected) => {
    expect(parseSuffix(suffix)).toEqual(expected);
  });
});
