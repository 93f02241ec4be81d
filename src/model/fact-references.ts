/**
 * Figures inserted into Markdown, `[@fact:<finding id>]`, with where each stands in the text. One
 * pattern for every reader of the analyst's text (the citation stage reads them from pandoc's tree).
 */
export function factReferencesIn(text: string): { id: string; index: number }[] {
  return [...text.matchAll(/@fact:([a-z0-9]+(?:-[a-z0-9]+)*)/g)].map((match) => ({ id: match[1]!, index: match.index }));
}
