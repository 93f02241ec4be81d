import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { parseBibtex, type CslItem } from './citation-js.js';

/** The bibliography library: CSL items by citation key, and where each entry starts in the file. */
export interface Library {
  file: string;
  items: Map<string, CslItem>;
  positions: Map<string, { line: number; column: number }>;
}

export function loadLibrary(file: string, text: string): { library: Library; diagnostics: Diagnostic[] } {
  const library: Library = { file, items: new Map(), positions: entryPositions(text) };
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
  return { library, diagnostics: [] };
}

/** Start of each `@type{key,` in the text; used to point diagnostics at entries. */
function entryPositions(text: string): Map<string, { line: number; column: number }> {
  const positions = new Map<string, { line: number; column: number }>();
  const pattern = /@(\w+)\s*[{(]\s*([^\s,{}()]+)\s*,/g;
  for (const match of text.matchAll(pattern)) {
    if (/^(string|preamble|comment)$/i.test(match[1]!)) continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const column = match.index - before.lastIndexOf('\n');
    if (!positions.has(match[2]!)) positions.set(match[2]!, { line, column });
  }
  return positions;
}
