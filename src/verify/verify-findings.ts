import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedFinding } from '../load/load-project.js';
import { closestPassage, findOccurrences, lineOf, surroundings, type SourceText } from './find-passage.js';
import { normalizePhrase } from './normalize-text.js';
import { mentions, readNumbers } from './read-numbers.js';

/** How many words on either side of the evidence passage count as "right next to" it. */
export const figureReach = 3;
/** Longest quotation of the closest passage in a hint. */
const quoteLimit = 240;

/**
 * Checks each finding against the text of its source: the evidence phrase must occur verbatim
 * (after folding whitespace, line-end hyphens, quotes and dashes), and the metric's figures must be
 * written in or right next to that passage.
 */
export function verifyFindings(findings: readonly LoadedFinding[], texts: ReadonlyMap<string, SourceText>, manifestKeys: ReadonlySet<string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { finding, source, path } of findings) {
    const text = texts.get(finding.source);
    if (!text) {
      // A key the manifest lists but whose file failed has its own diagnostic there.
      if (!manifestKeys.has(finding.source)) {
        diagnostics.push(
          diagnostic('missing-source-text', {
            file: source.file,
            ...source.positionOf([...path, 'source']),
            message: `sources.yaml gives no text for "${finding.source}", so the evidence of "${finding.id}" cannot be checked`,
          }),
        );
      }
      continue;
    }
    const phrase = normalizePhrase(finding.evidence);
    const occurrences = findOccurrences(text, phrase);
    if (occurrences.length === 0) {
      const near = closestPassage(text, phrase);
      diagnostics.push(
        diagnostic('evidence-not-found', {
          file: source.file,
          ...source.positionOf([...path, 'evidence']),
          message: `The evidence of "${finding.id}" is not in ${text.file}`,
          hint: near
            ? `Closest passage (${text.file}:${lineOf(text, near)}): "${quote(near.in.text.slice(near.start, near.end))}"`
            : undefined,
        }),
      );
      continue;
    }
    const metric = finding.metric;
    if (!metric) continue;
    const nearby = occurrences.map((o) => surroundings(o, figureReach));
    const figures = nearby.flatMap(readNumbers);
    const checks: [number | undefined, string][] = [
      [metric.value, 'value'],
      [metric.out_of, 'out_of'],
    ];
    for (const [value, field] of checks) {
      if (value === undefined || mentions(figures, value)) continue;
      const written = [...new Set(figures.map((f) => f.text))];
      diagnostics.push(
        diagnostic('figure-not-in-evidence', {
          file: source.file,
          ...source.positionOf([...path, 'metric', field]),
          message: `The figure ${value} of "${finding.id}" is not in or next to its evidence in ${text.file}`,
          hint:
            written.length > 0
              ? `Figures next to the evidence (${text.file}:${lineOf(text, occurrences[0]!)}): ${written.join(', ')}.`
              : `No figure is written next to the evidence (${text.file}:${lineOf(text, occurrences[0]!)}); choose a phrase that contains it.`,
        }),
      );
    }
  }
  return diagnostics;
}

function quote(text: string): string {
  return text.length > quoteLimit ? `${text.slice(0, quoteLimit - 1)}…` : text;
}
