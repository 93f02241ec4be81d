import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { parseYaml } from '../../src/load/parse-yaml.ts';
import { documentModel, textBlockKinds, type ModelNode } from '../../src/model/document-model.ts';
import { nodesOf, walk } from '../../src/model/walk.ts';
import { briefSchema, markdownFields } from '../../src/schema/brief.ts';
import type { YamlPath } from '../../src/load/parse-yaml.ts';

type Schema = z.core.$ZodType;
const defOf = (schema: Schema) => schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;

/** Paths of the schema's Markdown fields, with `*` for any array index: `sections.*.body`. */
function markdownPaths(schema: Schema, path: string[] = []): string[] {
  if (markdownFields.has(schema)) return [path.join('.')];
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, Schema>).flatMap(([key, field]) => markdownPaths(field, [...path, key]));
    case 'optional':
    case 'default':
    case 'nullable':
      return markdownPaths(def.innerType as Schema, path);
    case 'array':
      return markdownPaths(def.element as Schema, [...path, '*']);
    default:
      return [];
  }
}

/** A value for every field the schema allows (arrays of two), so every Markdown field is present. */
function fullValue(schema: Schema): unknown {
  const def = defOf(schema);
  const valid = (candidates: unknown[]) => candidates.find((c) => (schema as z.ZodType).safeParse(c).success);
  switch (def.type) {
    case 'object': {
      const value = Object.fromEntries(Object.entries(def.shape as Record<string, Schema>).map(([key, field]) => [key, fullValue(field)]));
      return value;
    }
    case 'optional':
    case 'default':
    case 'nullable':
      return fullValue(def.innerType as Schema);
    case 'array':
      return [fullValue(def.element as Schema), fullValue(def.element as Schema)];
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'string':
      return valid(['Some *text*.', '2025-01-01', 'some-slug']);
    case 'number':
      return 3;
    case 'boolean':
      return true;
    default:
      throw new Error(`No example value for a ${def.type} field: teach this test its kind`);
  }
}

const pattern = (path: YamlPath) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');

function fullDocument() {
  const data = fullValue(briefSchema) as Record<string, unknown>;
  // `kind: memo` makes one edition per recipient; the other kinds differ only in their layout.
  data.kind = 'memo';
  data.countries = ['UZ', 'KZ'];
  const { source } = parseYaml('briefs/full.yaml', stringify(data));
  const spec = briefSchema.parse(source!.data);
  return documentModel({ id: 'full', spec, source: source! }, new Map());
}

describe('document model', () => {
  it("visits every Markdown field of the schema (read from the schema's registry, not listed by hand)", () => {
    const expected = markdownPaths(briefSchema).sort();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const document = fullDocument();
    const visited = [...nodesOf(document, 'markdown')];
    expect([...new Set(visited.map((node) => pattern(node.origin.path)))].sort()).toEqual(expected);
    // Every one of them, at every index, with its text and its place in the file.
    for (const node of visited) {
      expect(node.markdown).toBe('Some *text*.');
      expect(node.raw?.text).toContain('Some *text*.');
      expect(node.origin.source.positionOf(node.origin.path).line).toBeGreaterThan(1);
    }
    expect(visited.length).toBe(expected.reduce((n, path) => n + 2 ** path.split('*').length / 2, 0));
  });

  it('gives every node a unique key and a kind, and lists children in reading order', () => {
    const document = fullDocument();
    const nodes: ModelNode[] = [...walk(document)];
    expect(new Set(nodes.map((n) => n.key)).size).toBe(nodes.length);
    expect(nodes[0]).toBe(document);
    // Sections and recommendations in the order written; a memo's purpose before anything else.
    expect(document.children[0]!.kind).toBe('purpose');
    expect(document.children.filter((b) => b.kind === 'section').map((b) => b.key)).toEqual(['full/section/0', 'full/section/1']);
    expect(document.editions.map((e) => e?.recipient.name)).toEqual(['Some *text*.', 'Some *text*.']);
    expect(new Set(nodes.map((n) => n.kind))).toEqual(
      new Set(['document', ...textBlockKinds, 'recipient', 'key-findings', 'section', 'comparison', 'comparison-row', 'comparison-cell', 'recommendation', 'markdown', 'finding', 'chart']),
    );
  });

  it('is built once per spec and findings', () => {
    const document = fullDocument();
    expect(documentModel(document.brief, new Map())).not.toBe(document);
    const findings = new Map();
    expect(documentModel(document.brief, findings)).toBe(documentModel(document.brief, findings));
  });
});
