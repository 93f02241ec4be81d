import { describe, expect, it } from 'vitest';
import { namedDocuments } from '../../src/cli.ts';

describe('namedDocuments', () => {
  it('names the documents a build command line asks for, skipping option values', () => {
    expect(namedDocuments(['uzbekistan'])).toEqual(['uzbekistan']);
    expect(namedDocuments(['build', 'uzbekistan', 'kazakhstan', '--out', '/tmp/out'])).toEqual(['uzbekistan', 'kazakhstan']);
    expect(namedDocuments(['--format', 'pdf', 'uzbekistan', '--quiet'])).toEqual(['uzbekistan']);
  });

  it('names none for a build of everything, another command, or a line that does not parse', () => {
    expect(namedDocuments([])).toEqual([]);
    expect(namedDocuments(['build', '--out', 'elsewhere'])).toEqual([]);
    expect(namedDocuments(['check'])).toEqual([]);
    expect(namedDocuments(['bib', 'fmt', 'references.bib'])).toEqual([]);
    expect(namedDocuments(['--no-such-option', 'uzbekistan'])).toEqual([]);
  });
});
