import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { parseBibtex, type CslItem } from './citation-js.js';

/** The bibliography library: CSL items by citation key. */
export interface Library {
  file: string;
  items: Map<string, CslItem>;
  /** False when the file is missing or does not parse: key lookups then prove nothing. */
  loaded: boolean;
}

export function loadLibrary(file: string, text: string): { library: Library; diagnostics: Diagnostic[] } {
  const library: Library = { file, items: new Map(), loaded: false };
  let items: CslItem[];
  try {
    items = parseBibtex(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at line (\d+) col (\d+)/.exec(message);
    return {
      library,
      diagnostics: [
        diagnostic('bibtex-syntax', {
          file,
          line: at ? Number(at[1]) : 1,
          column: at ? Number(at[2]) : 1,
          message: `BibTeX syntax error: ${message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, '')}`,
          hint: 'Check the entry that ends just before this position: a missing closing brace or comma is the usual cause.',
        }),
      ],
    };
  }
  for (const item of items) library.items.set(String(item.id), item);
  library.loaded = true;
  return { library, diagnostics: [] };
}
