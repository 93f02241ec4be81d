/**
 * Inline citations written in a stretch of source text: author–year in parentheses ("(Faizullaev,
 * 2024)", "(Bjola & Holmes 2015, p. 4)", "(Манор, 2019)") and numbered references ("[12]", "[3, 5]",
 * "[7, p. 21]", "[6:58–61]"). A fact whose evidence carries one is second-hand: the paper reports another work.
 */
const authorYear = /\((?=[^()]*\p{Lu}[\p{L}'’-]+)[^()]*?(?<!\d)(?:1[5-9]|20)\d{2}[a-z]?(?!\d)[^()]*\)/gu;
// "[12]", "[3, 5]", "[2–4]", "[7, p. 21]", and reference:pages as in "[6:58–61]".
const numbered = /\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*(?:(?:\s*[,;]\s*(?:p|pp|с|c)\.\s*|:)\d+(?:[–-]\d+)?)?\]/gu;

export function inlineCitations(text: string): string[] {
  return [...text.matchAll(authorYear), ...text.matchAll(numbered)].sort((a, b) => a.index - b.index).map((m) => m[0]);
}
