import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { SourceYaml } from '../load/parse-yaml.js';
import { didYouMean } from '../util/closest.js';

/**
 * First pass: checks a parsed file (or the part of it at `at`, such as one finding of a findings
 * file) against its zod schema and turns every issue into a positioned diagnostic.
 */
export function validateShape<Schema extends z.ZodType>(
  source: SourceYaml,
  schema: Schema,
  at: readonly (string | number)[] = [],
): { value?: z.output<Schema>; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(valueAt(source.data, at));
  if (result.success) return { value: result.data, diagnostics: [] };
  return { diagnostics: result.error.issues.flatMap((issue) => issueToDiagnostics(source, schema, issue, at)) };
}

function issueToDiagnostics(source: SourceYaml, schema: z.ZodType, issue: z.core.$ZodIssue, at: readonly (string | number)[]): Diagnostic[] {
  const inSchema = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const path = [...at, ...inSchema];
  const where = path.length > 0 ? ` at ${formatPath(path)}` : '';
  const file = source.file;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, inSchema);
      return issue.keys.map((key) =>
        diagnostic('unknown-field', {
          file,
          ...source.keyPositionOf(path, key),
          message: `Unknown field "${key}"${where}`,
          hint: didYouMean(key, known) ?? `Allowed fields: ${known.join(', ')}.`,
        }),
      );
    }
    case 'invalid_type': {
      const parent = path.slice(0, -1);
      const actual = valueAt(source.data, path);
      if (inSchema.length === 0) {
        return [diagnostic('invalid-value', { file, ...source.positionOf(path), message: `Expected a mapping of fields, got ${describe(actual)}${where}` })];
      }
      // zod does not report the input it rejected, so read it from the document.
      const missing = actual === undefined;
      if (missing) {
        return [
          diagnostic('missing-field', {
            file,
            ...source.positionOf(parent),
            message: `Missing required field "${String(path.at(-1))}"${parent.length > 0 ? ` at ${formatPath(parent)}` : ''}`,
          }),
        ];
      }
      return [
        diagnostic('invalid-value', {
          file,
          ...source.positionOf(path),
          message: `Expected ${issue.expected}, got ${describe(actual)}${where}`,
        }),
      ];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const given = String(issue.input ?? valueAt(source.data, path));
      return [
        diagnostic('invalid-value', {
          file,
          ...source.positionOf(path),
          message: `Invalid value "${given}"${where}`,
          hint: `${didYouMean(given, allowed) ?? ''} Allowed: ${allowed.join(', ')}.`.trim(),
        }),
      ];
    }
    default:
      return [
        diagnostic('invalid-value', {
          file,
          ...source.positionOf(path),
          message: `${capitalize(issue.message)}${where}`,
        }),
      ];
  }
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], data);
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Field names the schema allows at `path`, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let current: unknown = schema;
  for (const step of path) {
    current = unwrap(current);
    const def = (current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'object' && typeof step === 'string') current = def.shape?.[step];
    else if (def?.type === 'array' && typeof step === 'number') current = def.element;
    else return [];
  }
  const def = (unwrap(current) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown } };
  while (current?.def && ['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(current.def.type ?? '')) {
    current = current.def.innerType as typeof current;
  }
  return current;
}
