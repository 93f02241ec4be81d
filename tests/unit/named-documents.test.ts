import { describe, expect, it } from 'vitest';
import { commandName, namedDocuments, v8FlagsFor } from '../../src/command-line.ts';

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

describe('v8FlagsFor', () => {
  it('turns the optimizing compiler off for one or two named documents only', () => {
    expect(v8FlagsFor(['uzbekistan'])).toEqual(['--no-opt']);
    expect(v8FlagsFor(['build', 'uzbekistan', 'kazakhstan'])).toEqual(['--no-opt']);
    expect(v8FlagsFor(['build', 'a', 'b', 'c'])).toEqual([]);
    expect(v8FlagsFor([])).toEqual([]);
    expect(v8FlagsFor(['check'])).toEqual([]);
  });
});

describe('commandName', () => {
  it('names the command, build by default, and none for help, version or a line that does not parse', () => {
    expect(commandName(['uzbekistan'])).toBe('build');
    expect(commandName([])).toBe('build');
    expect(commandName(['check', '--quiet'])).toBe('check');
    expect(commandName(['bib', 'fmt'])).toBe('bib');
    expect(commandName(['--version'])).toBeUndefined();
    expect(commandName(['build', '-h'])).toBeUndefined();
    expect(commandName(['--no-such-option'])).toBeUndefined();
  });
});
