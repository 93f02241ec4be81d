/**
 * A secondary citation: a fact a paper reports from another work is cited to both, "(Faizullaev, 2024,
 * as cited in Arapov, 2025)", or in the document language's own words ("цит. по:"). In pandoc's syntax
 * the second cite of a cluster carries the prefix "as cited in" (`[@primary; as cited in @source, p. 4]`);
 * Briefwright writes it so for a finding with `primary:`, and a writer may too.
 */

/** The prefix that marks the secondary source's cite, as written in Markdown. */
export const citedInPrefix = 'as cited in';

/** Stands before the cited-in phrase in a cite's prefix until the rendered cluster joins the two works. */
export const citedInMark = '\uE011';

export const isCitedInPrefix = (prefix: string) => prefix.trim().toLowerCase() === citedInPrefix;

/**
 * The cluster with the original and the secondary work joined by a comma, as in "…, 2024, as cited in…",
 * where the style put its delimiter between two cites ("; ").
 */
export function joinCitedIn(html: string): string {
  return html.includes(citedInMark) ? html.replace(/\s*[;,]?\s*((?:<[^>]+>)*)\uE011/g, ', $1') : html;
}
