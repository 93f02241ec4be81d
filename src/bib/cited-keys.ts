import type { Project } from '../load/load-project.js';

export interface Citations {
  /** Some brief has `nocite: ['*']`: every entry is listed. */
  all: boolean;
  keys: Set<string>;
}

/**
 * pandoc's citation syntax: `@key` or `@{key}` not preceded by a word character (so e-mail addresses
 * are not citations); a key starts with a letter, digit or `_` and may hold internal punctuation.
 */
const citation = /(?<![\p{L}\p{N}_@])@(?:\{([^{}]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*))/gu;

/** Keys cited in Markdown text; `@fact:<finding-id>` inserts a figure and cites no key by itself. */
export function citationsIn(markdown: string): string[] {
  return [...markdown.matchAll(citation)].map((m) => (m[1] ?? m[2])!).filter((key) => !key.startsWith('fact:'));
}

function strings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, found));
  return found;
}

/**
 * Every key a brief or finding cites: briefs through Markdown citations in any of their text fields and
 * through `nocite`; findings through `source`, `primary` and Markdown citations in their text.
 */
export function citedKeys(project: Pick<Project, 'briefs' | 'findings'> & Partial<Pick<Project, 'unavailable'>>): Citations {
  const keys = new Set<string>();
  let all = false;
  for (const { spec } of project.briefs) {
    for (const text of strings(spec)) citationsIn(text).forEach((key) => keys.add(key));
    for (const key of spec.nocite) {
      if (key === '*') all = true;
      else keys.add(key);
    }
  }
  for (const { finding } of project.findings) {
    keys.add(finding.source);
    if (finding.primary) keys.add(finding.primary);
    for (const text of strings(finding)) citationsIn(text).forEach((key) => keys.add(key));
  }
  // Findings that failed to load are reported at their cause; their sources are not "uncited" because of it.
  project.unavailable?.sources.forEach((key) => keys.add(key));
  return { all, keys };
}
