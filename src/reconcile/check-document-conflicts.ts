import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { unknownFinding } from '../validate/validate-references.js';
import { documentModel, positionOf } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';
import type { Conflicts } from './find-conflicts.js';
import { agree } from './agree.js';
import { independentSourcesOf } from '../model/finding-index.js';
import { factReferences, proseFields } from './read-prose-fields.js';

/** Every finding a document shows, with the place it first appears in the spec. */
export function findingUses(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): Map<string, Position> {
  const document = documentModel(brief, findings);
  const { source } = brief;
  const uses = new Map<string, Position>();
  const use = (id: string, at: () => Position) => {
    if (!uses.has(id)) uses.set(id, at());
  };
  const named = [...nodesOf(document, 'finding')];
  // Boxes named up front first, then figures in the text, then the findings named under the text.
  for (const node of named) if (node.role === 'key') use(node.id, () => positionOf(node));
  for (const field of proseFields(brief, findings)) {
    for (const ref of factReferences(field)) use(ref.id, () => source.positionAt(ref.offset));
  }
  for (const node of named) if (node.role !== 'key') use(node.id, () => positionOf(node));
  // A comparison table shows every finding of its metrics for the document's countries.
  for (const cell of nodesOf(document, 'comparison-cell')) {
    for (const finding of cell.findings) use(finding.id, () => positionOf(cell));
  }
  return uses;
}

/**
 * A document that shows one side of a conflict without the other gets a warning at the first use
 * of that side, unless its spec names the finding in `prefer:`.
 */
export function checkDocumentConflicts(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>, conflicts: Conflicts): Diagnostic[] {
  const sources = independentSourcesOf(findings);
  const diagnostics: Diagnostic[] = [];
  for (const brief of briefs) {
    const { source } = brief;
    const { prefer } = documentModel(brief, findings);
    for (const reference of prefer) {
      if (!findings.has(reference.value)) diagnostics.push(unknownFinding(reference.value, source.file, positionOf(reference), findings.keys()));
    }
    const preferred = new Set(prefer.map((reference) => reference.value));
    const uses = findingUses(brief, findings);
    for (const [id, at] of uses) {
      if (preferred.has(id)) continue;
      // A finding from a paper that repeats another is shown when the same fact is shown from the other.
      const shown = (other: string) =>
        uses.has(other) ||
        [...uses.keys()].some((used) => {
          const [a, b] = [findings.get(used)?.finding, findings.get(other)?.finding];
          return a !== undefined && b !== undefined && sources.same(a.source, b.source) && agree(a, b);
        });
      const hidden = [...(conflicts.opponents.get(id) ?? [])].filter((other) => !shown(other)).sort();
      if (hidden.length === 0) continue;
      const list = hidden.map((other) => `"${other}"`).join(', ');
      diagnostics.push(
        diagnostic('conflicting-findings', {
          file: source.file,
          ...at,
          message: `"${id}" conflicts with ${list}, which the document does not show`,
          hint: `Show ${hidden.length === 1 ? 'it' : 'them'} too (with [@fact:<id>] or under findings:), or add "${id}" to prefer: if the document deliberately uses this one; \`brief findings conflicts\` lists every conflict.`,
        }),
      );
    }
  }
  return diagnostics;
}
