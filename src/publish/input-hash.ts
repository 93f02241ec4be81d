import { createHash } from 'node:crypto';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { Library } from '../cite/load-library.js';
import { documentModel } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';

export interface SharedInputs {
  /** Template, stylesheet and font identities, tool version, output formats: anything every document depends on. */
  shared: string;
  findings: ReadonlyMap<string, LoadedFinding>;
  library: Library;
  /** Serialised findings and library items, made once per build rather than once per document. */
  serialised?: Map<string, string>;
  /** Digests of long texts (the shared inputs, each style), keyed by the text itself. */
  digests?: Map<string, string>;
}

function digestOf(inputs: SharedInputs, text: string): string {
  inputs.digests ??= new Map();
  let digest = inputs.digests.get(text);
  if (digest === undefined) inputs.digests.set(text, (digest = sha256(text)));
  return digest;
}

function serialised(inputs: SharedInputs, key: string, value: () => unknown): string {
  inputs.serialised ??= new Map();
  let text = inputs.serialised.get(key);
  if (text === undefined) inputs.serialised.set(key, (text = JSON.stringify(value() ?? null)));
  return text;
}

/**
 * A hash of everything one document depends on, computed before any rendering so an unchanged
 * document can be skipped cheaply. It over-approximates: a finding or key merely mentioned in the
 * spec counts as used, which can cause a needless rebuild but never a stale output.
 */
export function inputHash(brief: LoadedBrief, styleXml: string, inputs: SharedInputs): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string) => hash.update(`${label}\0${value}\0`);
  // The shared inputs and the style are the same for most documents: their digests stand for them.
  add('shared', digestOf(inputs, inputs.shared));
  add('spec', brief.source.text);
  add('style', digestOf(inputs, styleXml));
  const mentioned = mentionsIn(brief.source.text);
  const keys = new Set<string>();
  const document = documentModel(brief, inputs.findings);
  // Comparison tables and charts pull findings by metric and country, not by id.
  const metrics = new Set([...nodesOf(document, 'comparison-row'), ...nodesOf(document, 'chart')].map((node) => node.metric.name));
  for (const [id, { finding }] of inputs.findings) {
    const byMetric = finding.metric && metrics.has(finding.metric.name);
    if (!mentioned(id) && !byMetric) continue;
    add('finding', serialised(inputs, `finding\0${id}`, () => finding));
    keys.add(finding.source);
    if (finding.primary) keys.add(finding.primary);
  }
  for (const key of inputs.library.items.keys()) if (mentioned(key)) keys.add(key);
  if (document.nocite.some((reference) => reference.value === '*')) for (const key of inputs.library.items.keys()) keys.add(key);
  for (const key of [...keys].sort()) add('reference', serialised(inputs, `reference\0${key}`, () => inputs.library.items.get(key)));
  return hash.digest('hex');
}

/** A word of lowercase letters and digits joined by hyphens: how every finding id and most keys are written. */
const word = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
const oneWord = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Whether a spec's text names a finding id or citation key. A name of one such word is looked up
 * among the text's words (an id in a list or after `@fact:`, a key after `@` are whole words);
 * any other name is searched for in the whole text. Searching the text for each of the project's
 * findings and keys took most of a fully cached build's planning (200 specs: 88 ms; looking the
 * words up: 19 ms).
 */
function mentionsIn(text: string): (name: string) => boolean {
  const words = new Set(text.match(word));
  return (name) => (oneWord.test(name) ? words.has(name) : text.includes(name));
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
