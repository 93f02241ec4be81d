import type { LoadedFinding } from '../load/load-project.js';
import { recipientSlug } from '../publish/recipient-slug.js';
import type { DocumentNode, ModelNode, RecipientNode, RecommendationNode } from './document-model.js';
import { factReferencesIn } from './fact-references.js';

/**
 * Whether a memo action is in an edition: an action names the recipients whose editions carry it
 * (`recipients:` slugs), or is in every edition.
 */
export function actionInEdition(action: RecommendationNode, edition: RecipientNode | undefined): boolean {
  if (!edition || !action.recipients) return true;
  const slug = recipientSlug(edition.recipient);
  return slug !== undefined && action.recipients.includes(slug);
}

/**
 * The nodes one edition shows, depth first in reading order: the whole document, less the other
 * recipients (with their paragraphs) and the actions addressed to other recipients.
 */
export function* editionNodes(node: ModelNode, edition: RecipientNode | undefined): Generator<ModelNode> {
  if (node.kind === 'recipient' && node !== edition) return;
  if (node.kind === 'recommendation' && !actionInEdition(node, edition)) return;
  yield node;
  if ('children' in node) for (const child of node.children) yield* editionNodes(child, edition);
}

/**
 * The findings whose figures an edition prints, each once, in the order a reader first meets them:
 * key and featured findings with a figure, figures inserted into its text, the points of its charts
 * and the figures of its comparison table. (A recommendation's basis is cited, not printed.)
 */
export function shownFigures(document: DocumentNode, edition: RecipientNode | undefined, findings: ReadonlyMap<string, LoadedFinding>): LoadedFinding[] {
  const shown = new Map<string, LoadedFinding>();
  const add = (id: string) => {
    const loaded = findings.get(id);
    if (loaded?.finding.metric && !shown.has(id)) shown.set(id, loaded);
  };
  for (const node of editionNodes(document, edition)) {
    switch (node.kind) {
      case 'markdown':
        for (const { id } of factReferencesIn(node.markdown)) add(id);
        break;
      case 'finding':
        if (node.role !== 'basis') add(node.id);
        break;
      case 'chart':
        for (const point of node.points) add(point.finding.id);
        break;
      case 'comparison-cell':
        for (const finding of node.findings) add(finding.id);
        break;
    }
  }
  return [...shown.values()];
}
