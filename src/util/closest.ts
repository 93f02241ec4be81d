import { distance } from 'fastest-levenshtein';

/** Up to `limit` candidates closest to `word` by edit distance, close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  return [...candidates]
    .map((candidate) => ({ candidate, score: distance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, score }) => score <= Math.max(1, Math.floor(Math.max(lower.length, candidate.length) * 0.4)))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const matches = closest(word, candidates);
  return matches.length > 0 ? `Did you mean ${matches.map((m) => `"${m}"`).join(', ')}?` : undefined;
}
