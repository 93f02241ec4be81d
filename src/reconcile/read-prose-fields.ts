import type { LoadedBrief } from '../load/load-project.js';
import type { YamlPath } from '../load/parse-yaml.js';

/** A Markdown field of a spec, as written in its YAML file (so offsets give exact positions). */
export interface ProseField {
  path: YamlPath;
  /** The scalar's raw source text (block indicator and indentation included). */
  raw: string;
  /** Offset of `raw` in the file. */
  offset: number;
}

/** Every Markdown field of a document spec, in reading order. */
export function proseFields(brief: LoadedBrief): ProseField[] {
  const { spec, source } = brief;
  const paths: YamlPath[] = [];
  if (spec.purpose) paths.push(['purpose']);
  spec.recipients?.forEach((r, i) => r.paragraphs && paths.push(['recipients', i, 'paragraphs']));
  if (spec.summary) paths.push(['summary']);
  spec.sections.forEach((_, s) => paths.push(['sections', s, 'body']));
  spec.recommendations.forEach((_, r) => paths.push(['recommendations', r, 'action']));
  return paths.flatMap((path) => {
    const range = source.rangeOf(path);
    return range ? [{ path, raw: source.text.slice(range[0], range[1]), offset: range[0] }] : [];
  });
}

/** `[@fact:<id>]` references in a field, with their offsets in the file. */
export function factReferences(field: ProseField): { id: string; offset: number }[] {
  return [...field.raw.matchAll(/@fact:([a-z0-9]+(?:-[a-z0-9]+)*)/g)].map((m) => ({ id: m[1]!, offset: field.offset + m.index }));
}
