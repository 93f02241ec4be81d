import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { controlCharacterDiagnostic, forbiddenCharacter } from '../policy/input-text.js';
import { defaultLimits, type Limits } from '../limits.js';

export type YamlPath = readonly (string | number)[];

/** A parsed YAML file that can say where any value in it stands. */
export interface SourceYaml {
  file: string;
  text: string;
  data: unknown;
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: YamlPath): Position;
  /** Position of the key `key` in the mapping at `path` (for unknown fields). */
  keyPositionOf(path: YamlPath, key: string): Position;
  /** Source range [start, end) of the scalar at `path`, when there is one. */
  rangeOf(path: YamlPath): [number, number] | undefined;
  /** Line and column of a character offset in `text`. */
  positionAt(offset: number): Position;
}

export interface ParseResult {
  source?: SourceYaml;
  diagnostics: Diagnostic[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as strict UTF-8 and drops a leading BOM. */
export function decodeText(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), diagnostics: [] };
  } catch {
    // The lossy decoding marks the first bad sequence with U+FFFD, which locates it.
    const lossy = Buffer.from(bytes).toString('utf8');
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n');
    return {
      diagnostics: [
        diagnostic('invalid-encoding', {
          file,
          line: before.length,
          column: before.at(-1)!.length + 1,
          message: 'The file is not valid UTF-8',
        }),
      ],
    };
  }
}

export function parseYaml(file: string, text: string, limits: Pick<Limits, 'yamlAliases' | 'yamlDepth'> = defaultLimits): ParseResult {
  const lineCounter = new LineCounter();
  const positionAt = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const tooDeep = (offset: number) =>
    diagnostic('limit-exceeded', { file, ...positionAt(offset), message: `The YAML nests deeper than ${limits.yamlDepth} levels` });
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (error) {
    // The parser recurses on nesting: a file of nothing but brackets ends its stack.
    if (error instanceof RangeError) return { diagnostics: [tooDeep(0)] };
    throw error;
  }
  const diagnostics: Diagnostic[] = [];
  // After the first syntax error the parser is lost, and what it reports next mostly follows from
  // that one: only the first is reported (duplicate keys are each a cause of their own).
  const firstSyntaxError = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  for (const error of doc.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntaxError)) {
    const at = positionAt(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    diagnostics.push(
      diagnostic(duplicate ? 'yaml-duplicate-key' : 'yaml-syntax', {
        file,
        ...at,
        message: duplicate ? duplicateKeyMessage(error.pos[0], text) : firstLine(error.message),
      }),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { diagnostics: [diagnostic('empty-file', { file, line: 1, column: 1, message: 'The file is empty' })] };
  }
  // Bounds before the document is turned into data: aliases (a "billion laughs" file expands each
  // alias into a copy of what it names), nesting depth, and control characters written as escapes
  // ("\e"; those typed as such are reported by the loader, at their place in the file).
  let aliases = 0;
  let firstAlias: number | undefined;
  let deepest: number | undefined;
  const checkCharacters = !forbiddenCharacter.test(text);
  visit(doc, {
    Alias(_, node) {
      aliases++;
      firstAlias ??= node.range?.[0] ?? 0;
    },
    Node(_, node, path) {
      if (deepest === undefined && (isMap(node) || isSeq(node)) && path.filter((n) => isMap(n) || isSeq(n)).length >= limits.yamlDepth) deepest = node.range?.[0] ?? 0;
      if (deepest !== undefined) return visit.BREAK;
      if (checkCharacters && isScalar(node) && typeof node.value === 'string') {
        const found = forbiddenCharacter.exec(node.value);
        if (found) diagnostics.push(controlCharacterDiagnostic(file, positionAt(node.range?.[0] ?? 0), found[0]));
      }
      return undefined;
    },
  });
  if (deepest !== undefined) return { diagnostics: [tooDeep(deepest)] };
  if (aliases > limits.yamlAliases) {
    return {
      diagnostics: [
        diagnostic('limit-exceeded', { file, ...positionAt(firstAlias ?? 0), message: `The file uses ${aliases} aliases (*name); the limit is ${limits.yamlAliases}` }),
      ],
    };
  }
  if (diagnostics.length > 0) return { diagnostics };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.yamlAliases });
  } catch (error) {
    // Few aliases, each naming a node full of aliases, still expand exponentially: the library counts them.
    if (!(error instanceof ReferenceError)) throw error;
    return {
      diagnostics: [
        diagnostic('limit-exceeded', { file, ...positionAt(firstAlias ?? 0), message: `The aliases (*name) of this file expand to more than ${limits.yamlAliases} copies` }),
      ],
    };
  }
  const source: SourceYaml = {
    file,
    text,
    data,
    positionAt,
    positionOf: (path) => positionAt(nearestNode(doc, path)?.range?.[0] ?? 0),
    keyPositionOf: (path, key) => {
      const map = nearestNode(doc, path);
      if (isMap(map)) {
        const pair = map.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) return positionAt(keyNode.range[0]);
      }
      return positionAt(map?.range?.[0] ?? 0);
    },
    rangeOf: (path) => {
      const node = doc.getIn(path, true);
      return isScalar(node) && node.range ? [node.range[0], node.range[1]] : undefined;
    },
  };
  return { source, diagnostics };
}

function nearestNode(doc: Document, path: YamlPath): Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && (isMap(node) || isSeq(node) || isScalar(node)) && node.range) return node as Node;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function duplicateKeyMessage(offset: number, text: string): string {
  const key = /^["']?([^"':\n]+)/.exec(text.slice(offset))?.[1]?.trim();
  return key ? `Duplicate key "${key}"` : 'Duplicate key';
}
