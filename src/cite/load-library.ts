import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { syntaxDiagnostics } from '../bib/check-bibtex.js';
import { parseBibtex, type ParsedBibtex } from '../bib/parse-bibtex.js';
import { cslItems, type CslItem } from './citation-js.js';

/** The bibliography library: CSL items by citation key. */
export interface Library {
  file: string;
  items: Map<string, CslItem>;
  /** False when the file is missing or does not parse: key lookups then prove nothing. */
  loaded: boolean;
  /** The file as read, for the library checks (`bib check`, `brief check`). */
  parsed?: ParsedBibtex;
}

/** Reads the library once: a syntax error is reported at its place, and the library is then not loaded. */
/** Reads the library from its text, or from `parsed` when the caller has parsed that text already. */
export function loadLibrary(file: string, text: string, parsed: ParsedBibtex = parseBibtex(text)): { library: Library; diagnostics: Diagnostic[] } {
  if (parsed.errors.length > 0) return { library: { file, items: new Map(), loaded: false }, diagnostics: syntaxDiagnostics(parsed, file) };
  const items = new Map(cslItems(parsed).map((item) => [String(item.id), item]));
  return { library: { file, items, loaded: true, parsed }, diagnostics: [] };
}
