import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedFinding } from '../load/load-project.js';
import { closestPassage, findOccurrences, lineOf, surroundings, type Passage, type SourceText } from './find-passage.js';
import { inlineCitations } from './inline-citations.js';
import { figureDate } from '../schema/figure-date.js';
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
  for (const loaded of findings) {
    const { finding, source, path } = loaded;
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
    diagnostics.push(...checkSecondHand(loaded, occurrences));
    const metric = finding.metric;
    if (!metric) continue;
    diagnostics.push(...checkStatedYear(loaded, text, occurrences));
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

/** The rest of the sentence after a passage: where a citation of the passage's claim usually stands. */
function sentenceTail(passage: Passage): string {
  const rest = passage.in.text.slice(passage.end, passage.end + 240);
  // A full stop inside the parentheses or brackets of a citation does not end the sentence.
  const stop = rest.search(/[.!?](?:\s|$)(?![^([]*[)\]])/);
  return stop < 0 ? rest : rest.slice(0, stop + 1);
}

/**
 * Evidence that cites another work, in the phrase or in the rest of its sentence, is second-hand:
 * the finding must name the original in `primary:`. An analyst who found that the citation does not
 * resolve says so in `note:`, quoting it, and leaves `primary:` empty.
 */
function checkSecondHand({ finding, source, path }: LoadedFinding, occurrences: readonly Passage[]): Diagnostic[] {
  if (typeof finding.primary === 'string') return [];
  const cited = [...new Set([...inlineCitations(normalizePhrase(finding.evidence)), ...occurrences.flatMap((o) => inlineCitations(sentenceTail(o)))])];
  const acknowledged = normalizePhrase(finding.note ?? '');
  const unexplained = cited.filter((c) => !acknowledged.includes(c));
  if (unexplained.length === 0) return [];
  return [
    diagnostic('second-hand-evidence', {
      file: source.file,
      ...source.positionOf([...path, finding.primary === null ? 'primary' : 'evidence']),
      message: `The evidence of "${finding.id}" cites ${unexplained.map((c) => `"${c}"`).join(', ')}, but the finding names no primary source`,
    }),
  ];
}

/** Words on either side of the evidence searched for a stated year, beyond its paragraph. */
export const yearReach = 15;

/** The paragraph of the raw source around a passage (blank lines end paragraphs). */
function paragraphOf(text: SourceText, passage: Passage): string {
  const start = passage.in.offsets[passage.start] ?? 0;
  const end = passage.in.offsets[passage.end] ?? text.raw.length;
  const before = text.raw.lastIndexOf('\n\n', start);
  const after = text.raw.indexOf('\n\n', end);
  return text.raw.slice(before < 0 ? 0 : before, after < 0 ? text.raw.length : after);
}

/**
 * A stated as-of date must be the paper's: its year written in the evidence's paragraph or within
 * `yearReach` words of it. A figure the paper gives without a date has `as_of: unknown` and the year
 * it was reported in `reported:`, so no document prints a date the paper does not give.
 */
function checkStatedYear({ finding, source, path }: LoadedFinding, text: SourceText, occurrences: readonly Passage[]): Diagnostic[] {
  const { date, stated } = figureDate(finding.metric!);
  if (!stated) return [];
  const year = date.slice(0, 4);
  const written = new RegExp(`(?<![\\d.,])${year}(?![\\d])`);
  if (occurrences.some((o) => written.test(paragraphOf(text, o)) || written.test(surroundings(o, yearReach)))) return [];
  return [
    diagnostic('as-of-not-in-source', {
      file: source.file,
      ...source.positionOf([...path, 'metric', 'as_of']),
      message: `The as-of year ${year} of "${finding.id}" is not written near its evidence in ${text.file}`,
    }),
  ];
}
