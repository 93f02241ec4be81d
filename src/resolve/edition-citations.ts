import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { documentModel } from '../model/document-model.js';
import { editionNodes } from '../model/editions.js';
import type { PlannedFragment } from './plan-fragments.js';
import type { CollectedCitations } from './resolve-citations.js';

/**
 * The fragments each edition of a memo shows, when its editions cite differently: a recipient's own
 * paragraphs or an action addressed to some recipients cites a work, a figure or a note the others do
 * not show. Each edition's citations are then rendered on their own, so that its reference list holds
 * exactly the works it cites and its numbers (numeric and note styles) run without gaps. Undefined
 * when every edition shows every citation: the editions share one rendering.
 */
export function editionFragments(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>, collected: CollectedCitations): PlannedFragment[][] | undefined {
  const document = documentModel(brief, findings);
  if (document.editions.length < 2) return undefined;
  const shown = document.editions.map((edition) => new Set([...editionNodes(document, edition)].map((node) => node.key)));
  if (shown.every((keys) => collected.pending.every((cite) => keys.has(cite.fragment)))) return undefined;
  return shown.map((keys) => collected.fragments.filter((fragment) => keys.has(fragment.key)));
}
