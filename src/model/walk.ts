import type { ModelNode, NodeKind, NodeOfKind } from './document-model.js';

/** Every node under `node` (itself first), depth first, in reading order. */
export function* walk(node: ModelNode): Generator<ModelNode> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child);
}

/** The nodes of the given kinds under `node`, in reading order. */
export function* nodesOf<K extends NodeKind>(node: ModelNode, ...kinds: K[]): Generator<NodeOfKind<K>> {
  for (const each of walk(node)) if ((kinds as NodeKind[]).includes(each.kind)) yield each as NodeOfKind<K>;
}
