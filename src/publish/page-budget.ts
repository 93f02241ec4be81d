import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { OutlineEntry } from '../print/read-outline.js';

export interface PageBudget {
  /** The spec's `max_pages`. */
  maxPages: number;
  file: string;
  /** Where `max_pages` stands in the spec. */
  at: { line: number; column: number };
}

/**
 * A document longer than its budget: an error naming its page count and the sections (the outline's
 * entries under the title) that start past the limit or run onto a page past it.
 */
export function checkPageBudget(name: string, pages: number, outline: readonly OutlineEntry[], budget: PageBudget): Diagnostic | undefined {
  if (pages <= budget.maxPages) return undefined;
  // The title is the only top-level entry; the sections are the level below it (or the top level, without a title).
  const sectionLevel = outline.filter((e) => e.level === 1).length === 1 && outline.some((e) => e.level === 2) ? 2 : 1;
  const sections = outline.filter((e) => e.level === sectionLevel);
  const past: string[] = [];
  sections.forEach((section, i) => {
    const next = sections[i + 1];
    if (section.page > budget.maxPages) past.push(`"${section.title}" (page ${section.page})`);
    else if ((next ? next.page : pages) > budget.maxPages) past.push(`"${section.title}" (from page ${section.page} onto page ${budget.maxPages + 1})`);
  });
  const limit = `${budget.maxPages} page${budget.maxPages === 1 ? '' : 's'}`;
  return diagnostic('page-budget', {
    file: budget.file,
    ...budget.at,
    message: `${name} has ${pages} pages; its budget is ${limit}${past.length > 0 ? `. Past the limit: ${past.join(', ')}` : ''}`,
  });
}
