import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { documentModel } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';
import { recipientSlug } from '../publish/recipient-slug.js';

/** A memo action addressed to recipients by slug must name recipients the memo has (a typo would hide it from all). */
export function checkActionRecipients(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const brief of briefs) {
    const document = documentModel(brief, findings);
    const slugs = new Set(document.editions.flatMap((e) => (e?.recipient ? [recipientSlug(e.recipient)] : [])));
    for (const action of nodesOf(document, 'recommendation')) {
      action.recipients?.forEach((slug, i) => {
        if (slugs.has(slug)) return;
        diagnostics.push(
          diagnostic('unknown-recipient', {
            file: brief.source.file,
            ...brief.source.positionOf([...action.origin.path, 'recipients', i]),
            message: `No recipient "${slug}" in this document (recipients: ${[...slugs].sort().join(', ') || 'none'})`,
          }),
        );
      });
    }
  }
  return diagnostics;
}
