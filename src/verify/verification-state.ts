import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedFinding } from '../load/load-project.js';
import type { VerificationState } from '../render/evidence-view.js';
import { findOccurrences, lineOf } from './find-passage.js';
import type { LoadedSources } from './load-sources.js';
import { normalizePhrase } from './normalize-text.js';
import { verifyFindings } from './verify-findings.js';
import { sha256 } from '../publish/input-hash.js';

export interface FindingVerification {
  state: VerificationState;
  /** Why it failed (`not-found`): the checks of `brief verify` that did not pass. */
  problems: Diagnostic[];
  /** Where the evidence is (`verified`): the paper's text file and line. */
  at?: { file: string; line?: number };
}

/**
 * Checks one finding as `brief verify` does: its evidence phrase in its paper's text, its figure in
 * or next to that passage, its stated year near it. `unchecked` when the paper's text is not there.
 */
export function verifyFinding(loaded: LoadedFinding, sources: LoadedSources): FindingVerification {
  const text = sources.texts.get(loaded.finding.source);
  if (!text) return { state: 'unchecked', problems: [] };
  const problems = verifyFindings([loaded], sources.texts, sources.keys).filter((d) => d.severity === 'error');
  if (problems.length > 0) return { state: 'not-found', problems };
  const found = findOccurrences(text, normalizePhrase(loaded.finding.evidence))[0];
  return { state: 'verified', problems: [], at: { file: text.file, ...(found ? { line: lineOf(text, found) } : {}) } };
}

/** A build's verification of the findings it shows, each checked once; the digest of the papers' texts joins every input hash. */
export function buildVerification(sources: LoadedSources): { state: (finding: LoadedFinding) => VerificationState; digest: string } {
  const states = new Map<LoadedFinding, VerificationState>();
  return {
    state(finding) {
      let state = states.get(finding);
      if (!state) states.set(finding, (state = verifyFinding(finding, sources).state));
      return state;
    },
    digest: sha256(JSON.stringify([...sources.texts].map(([key, text]) => [key, text.file, sha256(text.raw)]).sort())),
  };
}
