import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { monthMacros, type BibValue, type ParsedBibtex } from '../bib/parse-bibtex.js';

/**
 * `@string` macros may use each other, so a few lines can expand exponentially ("billion laughs"):
 * @string{a = "xx"} @string{b = a # a} @string{c = b # b} … This measures every macro and field by
 * the length it would expand to, without expanding anything, and reports the first that passes the
 * limit, at its place, before any BibTeX reader expands it.
 */
export function bibExpansionProblems(parsed: Pick<ParsedBibtex, 'blocks'>, file: string, maxChars: number): Diagnostic[] {
  const sizes = new Map<string, number>(monthMacros.map((m, i) => [m, String(i + 1).length]));
  // Capped, so that sizes stay finite numbers however deep the doubling goes.
  const sizeOf = (value: BibValue) =>
    Math.min(
      Number.MAX_SAFE_INTEGER,
      value.parts.reduce((sum, p) => sum + (p.kind === 'macro' ? (sizes.get(p.text.toLowerCase()) ?? 0) : p.text.length), 0),
    );
  const tooLong = (what: string, size: number, at: BibValue['at']) =>
    diagnostic('limit-exceeded', { file, ...at, message: `${what} expands to ${size > maxChars * 1000 ? 'more than ' + maxChars * 1000 : size} characters; the limit is ${maxChars}` });
  for (const block of parsed.blocks) {
    if (block.kind === 'string') {
      const size = sizeOf(block.value);
      if (size > maxChars) return [tooLong(`The @string macro "${block.name}"`, size, block.at)];
      sizes.set(block.name.toLowerCase(), size);
    } else if (block.kind === 'entry') {
      for (const field of block.fields) {
        const size = sizeOf(field.value);
        if (size > maxChars) return [tooLong(`The field ${field.name} of "${block.key}"`, size, field.value.at)];
      }
    }
  }
  return [];
}
