import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { OutlineEntry } from '../print/read-outline.js';

/** A page other than the last that is less full than this gets a warning. */
export const minimumPageFill = 0.6;

export interface FillContext {
  /** The edition's file name (without extension), as messages name it. */
  name: string;
  specFile: string;
  /** Where each section heading is written in the spec, to point at the section that starts the next page. */
  sections: ReadonlyMap<string, { line: number; column: number }>;
  /** The heading of the table of contents, when the document has one: its page ends with the contents by design. */
  contentsHeading?: string;
}

/**
 * A warning for each page but the last that is under 60% full, naming what starts the next page (a
 * block too tall to fit below the gap is what leaves it), placed at that section in the spec.
 */
export function underfilledPages(fills: readonly number[], pages: number, outline: readonly OutlineEntry[], context: FillContext): Diagnostic[] {
  return fills.slice(0, pages - 1).flatMap((fill, index) => {
    const page = index + 1;
    if (fill >= minimumPageFill || outline.some((entry) => entry.page === page && entry.title === context.contentsHeading)) return [];
    const next = outline.find((entry) => entry.page === page + 1 && entry.level > 1) ?? outline.find((entry) => entry.page === page + 1);
    const at = next && context.sections.get(next.title);
    return [
      diagnostic('underfilled-page', {
        file: context.specFile,
        ...(at ?? {}),
        message: `Page ${page} of ${pages} of ${context.name} is ${Math.floor(fill * 100)}% full${next ? `; the next page starts with "${next.title}"` : ''}`,
      }),
    ];
  });
}
