import { createHash } from 'node:crypto';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { Library } from '../cite/load-library.js';

export interface SharedInputs {
  /** Template, stylesheet and font identities, tool version, output formats: anything every document depends on. */
  shared: string;
  findings: ReadonlyMap<string, LoadedFinding>;
  library: Library;
  /** Serialised findings and library items, made once per build rather than once per document. */
  serialised?: Map<string, string>;
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
  add('shared', inputs.shared);
  add('spec', brief.source.text);
  add('style', styleXml);
  const text = brief.source.text;
  const keys = new Set<string>();
  for (const [id, { finding }] of inputs.findings) {
    // Comparison tables pull findings by metric and country, not by id.
    const byMetric = finding.metric && brief.spec.comparison?.rows.some((r) => r.metric === finding.metric!.name);
    if (!text.includes(id) && !byMetric) continue;
    add('finding', serialised(inputs, `finding\0${id}`, () => finding));
    keys.add(finding.source);
    if (finding.primary) keys.add(finding.primary);
  }
  for (const key of inputs.library.items.keys()) if (text.includes(key)) keys.add(key);
  if (brief.spec.nocite.includes('*')) for (const key of inputs.library.items.keys()) keys.add(key);
  for (const key of [...keys].sort()) add('reference', serialised(inputs, `reference\0${key}`, () => inputs.library.items.get(key)));
  return hash.digest('hex');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
