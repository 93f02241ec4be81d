import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedBrief, Project } from '../load/load-project.js';
import { conflictsOf, findingIndex, independentSourcesOf } from '../model/finding-index.js';
import { lintUncitedFigures } from '../lint/lint-uncited-figures.js';
import { checkDocumentConflicts } from './check-document-conflicts.js';
import { checkDerivedCorroboration } from './check-derived-corroboration.js';
import { checkClaimCitations } from './check-claim-citations.js';
import { checkActionRecipients } from './check-action-recipients.js';

/**
 * The document checks that need all findings (run by `brief build` and `brief check` after the
 * cross-references): one-sided use of conflicting findings, one source shown as two (a paper and
 * the paper it repeats), and figures typed without a citation.
 */
export function reconcileDocuments(project: Project, briefs: readonly LoadedBrief[]): Diagnostic[] {
  const findings = findingIndex(project);
  const sources = independentSourcesOf(findings);
  return [
    ...checkDocumentConflicts(briefs, findings, conflictsOf(findings)),
    ...checkDerivedCorroboration(briefs, findings, sources),
    ...checkClaimCitations(briefs, findings),
    ...checkActionRecipients(briefs, findings),
    ...lintUncitedFigures(briefs, findings),
  ];
}
