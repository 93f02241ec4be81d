import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { YamlPath } from '../load/parse-yaml.js';
import { documentModel } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';
import { factReferencesIn } from '../model/fact-references.js';

/** A Markdown field of a spec, as written in its YAML file (so offsets give exact positions). */
export interface ProseField {
  path: YamlPath;
  /** The scalar's raw source text (block indicator and indentation included). */
  raw: string;
  /** Offset of `raw` in the file. */
  offset: number;
}

/** Every Markdown field of a document spec, in reading order. */
export function proseFields(brief: LoadedBrief, findings: ReadonlyMap<string, LoadedFinding>): ProseField[] {
  return [...nodesOf(documentModel(brief, findings), 'markdown')].flatMap((node) =>
    node.raw ? [{ path: node.origin.path, raw: node.raw.text, offset: node.raw.offset }] : [],
  );
}

/** `[@fact:<id>]` references in a field, with their offsets in the file. */
export function factReferences(field: ProseField): { id: string; offset: number }[] {
  return factReferencesIn(field.raw).map(({ id, index }) => ({ id, offset: field.offset + index }));
}
