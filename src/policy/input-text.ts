import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { RefusedFile } from './read-project-file.js';

/**
 * Characters no text field may hold: C0 controls but tab and line feed, DEL, C1 controls, and the
 * bidirectional overrides and isolates, which reorder what a reader (or a terminal) sees. A carriage
 * return is allowed only as part of a CRLF line break in a file.
 */
export const forbiddenCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// The same, but a carriage return before a line feed; written without a lookahead at every position,
// which made this the slowest part of reading a spec.
const forbiddenInFile = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

/** How a forbidden character is named in a message: U+001B, never the character itself. */
export function describeCharacter(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first forbidden character of a file's text, at its line and column. */
export function controlCharacters(file: string, text: string): Diagnostic[] {
  const found = forbiddenInFile.exec(text);
  if (!found) return [];
  const before = text.slice(0, found.index).split('\n');
  return [controlCharacterDiagnostic(file, { line: before.length, column: before.at(-1)!.length + 1 }, found[0])];
}

export function controlCharacterDiagnostic(file: string, at: Position, character: string): Diagnostic {
  return diagnostic('control-character', { file, ...at, message: `The control character ${describeCharacter(character)} is not allowed in text` });
}

/** A file the read policy refused, reported at the file without a word of its contents. */
export function refusedFileDiagnostic(file: string, refused: RefusedFile): Diagnostic {
  return diagnostic(refusalRule(refused), { file, message: `The file ${refused.reason}` });
}

/** The rule a refused file breaks. */
export function refusalRule(refused: RefusedFile): 'limit-exceeded' | 'not-a-file' | 'unsafe-path' {
  return refused.kind === 'too-large' ? 'limit-exceeded' : refused.kind === 'not-a-file' ? 'not-a-file' : 'unsafe-path';
}
