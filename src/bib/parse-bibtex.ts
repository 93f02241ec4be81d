/**
 * A BibTeX/biblatex reader that keeps the source position of every block, key, field and value part.
 *
 * citation-js (src/cite/citation-js.ts) turns a library into CSL items but says nowhere where they came
 * from, and the npm parsers that were evaluated either give no positions (bibtex-tidy,
 * @retorquere/bibtex-parser, @orcid/bibtex-parse-js, bibtex-parse) or stop at the first error and report
 * it where parsing failed rather than at the brace that caused it (astrocite-bibtex). This reader follows
 * btparse/biber: `@type{key, name = value, …}` or `@type(…)`, values joined with `#` from `{braced}`,
 * `"quoted"` (braces balanced inside), bare numbers and `@string` macro names; `@comment{…}` takes a
 * balanced body; text outside blocks is a comment. It recovers at the next line that starts a block, so
 * one broken entry hides nothing after it.
 */

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like the YAML positions. */
  column: number;
}

export interface BibPart {
  kind: 'braced' | 'quoted' | 'number' | 'macro';
  /** The text between the delimiters, exactly as written (the macro name for `macro`). */
  text: string;
  at: Position;
}

export interface BibValue {
  parts: BibPart[];
  at: Position;
}

export interface BibField {
  /** As written; field names are case-insensitive, so compare `name.toLowerCase()`. */
  name: string;
  at: Position;
  value: BibValue;
}

interface BlockBase {
  /** Position of the `@`. */
  at: Position;
  /** Source range [start, end) of the whole block. */
  start: number;
  end: number;
}

export interface BibEntry extends BlockBase {
  kind: 'entry';
  /** As written (`Article`); compare `type.toLowerCase()`. */
  type: string;
  key: string;
  keyAt: Position;
  fields: BibField[];
}

export interface BibString extends BlockBase {
  kind: 'string';
  name: string;
  nameAt: Position;
  value: BibValue;
}

export interface BibPreamble extends BlockBase {
  kind: 'preamble';
  value: BibValue;
}

export interface BibComment extends BlockBase {
  kind: 'comment';
  /** The body between the delimiters, as written. */
  text: string;
}

/** Text between blocks (BibTeX ignores it); kept so that nothing a person wrote is lost. */
export interface BibText extends BlockBase {
  kind: 'text';
  text: string;
}

export type BibBlock = BibEntry | BibString | BibPreamble | BibComment | BibText;

export interface BibError {
  ruleId: 'bibtex-syntax' | 'bibtex-unbalanced-braces';
  message: string;
  at: Position;
}

export interface ParsedBibtex {
  /** The text parsed (a leading BOM removed); block ranges index into it. */
  text: string;
  blocks: BibBlock[];
  errors: BibError[];
  positionAt(offset: number): Position;
}

export const entries = (parsed: { readonly blocks: readonly BibBlock[] }): BibEntry[] =>
  parsed.blocks.filter((b): b is BibEntry => b.kind === 'entry');

class Failure extends Error {
  constructor(readonly error: BibError) {
    super(error.message);
  }
}

/** A line that starts a new block: where a broken block ends at the latest. */
const blockStart = /^[ \t]*@[A-Za-z][\w-]*[ \t]*[{(]/gm;
const identifier = /[A-Za-z_][\w:.+/-]*/y;
const keyChars = /[^\s,{}()"#%=]+/y;
const digits = /[0-9]+/y;

export function parseBibtex(input: string): ParsedBibtex {
  const text = input.replace(/^\uFEFF/, '');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const positionAt = (offset: number): Position => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const boundaries: number[] = [];
  for (const match of text.matchAll(blockStart)) boundaries.push(match.index + match[0].indexOf('@'));

  const blocks: BibBlock[] = [];
  const errors: BibError[] = [];
  let pos = 0;
  let textStart = 0;
  let next = 0;
  const flushText = (end: number) => {
    const chunk = text.slice(textStart, end);
    if (chunk.trim()) {
      const lead = chunk.length - chunk.trimStart().length;
      blocks.push({ kind: 'text', text: chunk.trim(), at: positionAt(textStart + lead), start: textStart + lead, end: textStart + chunk.trimEnd().length });
    }
  };

  while (pos < text.length) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    // BibTeX reads an @ only where a block can start; an @ inside free text (an e-mail address) is text.
    const typeMatch = matchAt(/@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])/y, at);
    if (!typeMatch) {
      pos = at + 1;
      continue;
    }
    flushText(at);
    while (next < boundaries.length && boundaries[next]! <= at) next++;
    const limit = boundaries[next] ?? text.length;
    try {
      const block = readBlock(at, typeMatch, limit);
      blocks.push(block);
      pos = block.end;
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      errors.push(error.error);
      pos = limit;
    }
    textStart = pos;
  }
  flushText(text.length);
  return { text, blocks, errors, positionAt };

  function matchAt(pattern: RegExp, offset: number): RegExpExecArray | null {
    pattern.lastIndex = offset;
    return pattern.exec(text);
  }

  function fail(ruleId: BibError['ruleId'], message: string, offset: number): never {
    throw new Failure({ ruleId, message, at: positionAt(offset) });
  }

  function skipSpace(offset: number): number {
    while (offset < text.length && /\s/.test(text[offset]!)) offset++;
    return offset;
  }

  function describe(offset: number, limit: number): string {
    if (offset >= limit) return offset >= text.length ? 'the end of the file' : 'the next entry';
    return `"${text[offset]}"`;
  }

  function readBlock(at: number, typeMatch: RegExpExecArray, limit: number): BibBlock {
    const type = typeMatch[1]!;
    const open = typeMatch[2]!;
    const close = open === '{' ? '}' : ')';
    const openAt = at + typeMatch[0].length - 1;
    const lower = type.toLowerCase();
    let pos = openAt + 1;
    const closeBlock = (offset: number, what: string): number => {
      if (text[offset] === close) return offset + 1;
      if (offset >= limit) {
        fail('bibtex-unbalanced-braces', `${capitalize(what)} is not closed: its "${open}" has no matching "${close}"`, openAt);
      }
      return fail('bibtex-syntax', `Expected "${close}" to close ${what}, found ${describe(offset, limit)}`, offset);
    };

    if (lower === 'comment') {
      const end = balanced(openAt, open, close, limit, `@${type}`);
      return { kind: 'comment', text: text.slice(openAt + 1, end - 1), at: positionAt(at), start: at, end };
    }
    if (lower === 'preamble') {
      const value = readValue(skipSpace(pos), limit, `@${type}`);
      const end = closeBlock(skipSpace(value.end), `@${type}`);
      return { kind: 'preamble', value: value.value, at: positionAt(at), start: at, end };
    }
    if (lower === 'string') {
      pos = skipSpace(pos);
      const name = matchAt(identifier, pos);
      if (!name) fail('bibtex-syntax', `Expected a macro name after @${type}${open}, found ${describe(pos, limit)}`, pos);
      const nameAt = positionAt(pos);
      pos = skipSpace(pos + name[0].length);
      if (text[pos] !== '=') fail('bibtex-syntax', `Expected "=" after the macro name "${name[0]}", found ${describe(pos, limit)}`, pos);
      const value = readValue(skipSpace(pos + 1), limit, `@${type}{${name[0]}}`);
      const end = closeBlock(skipSpace(value.end), `@${type}{${name[0]}}`);
      return { kind: 'string', name: name[0], nameAt, value: value.value, at: positionAt(at), start: at, end };
    }

    pos = skipSpace(pos);
    const keyMatch = matchAt(keyChars, pos);
    if (!keyMatch || pos >= limit) fail('bibtex-syntax', `Expected a citation key after @${type}${open}, found ${describe(pos, limit)}`, pos);
    const key = keyMatch[0];
    const keyAt = positionAt(pos);
    const what = `entry "${key}"`;
    const fields: BibField[] = [];
    pos = skipSpace(pos + key.length);
    if (text[pos] === close) {
      return { kind: 'entry', type, key, keyAt, fields, at: positionAt(at), start: at, end: pos + 1 };
    }
    if (text[pos] !== ',') fail('bibtex-syntax', `Expected "," after the key "${key}", found ${describe(pos, limit)}`, pos);
    pos++;
    for (;;) {
      pos = skipSpace(pos);
      if (text[pos] === close) {
        if (strayClose(pos, limit)) fail('bibtex-unbalanced-braces', `Unmatched "${close}" in ${what}: the fields after it would be lost`, pos);
        break;
      }
      if (pos >= limit) unclosed(fields, pos);
      const name = matchAt(identifier, pos);
      if (!name) fail('bibtex-syntax', `Expected a field name in ${what}, found ${describe(pos, limit)}`, pos);
      const nameStart = pos;
      pos = skipSpace(pos + name[0].length);
      if (text[pos] !== '=') fail('bibtex-syntax', `Expected "=" after the field name "${name[0]}" in ${what}, found ${describe(pos, limit)}`, pos);
      const value = readValue(skipSpace(pos + 1), limit, `field "${name[0]}" of ${what}`);
      fields.push({ name: name[0], at: positionAt(nameStart), value: value.value });
      pos = skipSpace(value.end);
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === close) {
        if (strayClose(pos, limit)) fail('bibtex-unbalanced-braces', `Unmatched "${close}" after field "${name[0]}" of ${what}: the fields after it would be lost`, pos);
        break;
      }
      if (pos >= limit) unclosed(fields, pos);
      if (matchAt(identifier, pos)) fail('bibtex-syntax', `Missing "," after field "${name[0]}" of ${what}`, pos);
      fail('bibtex-syntax', `Expected "," or "${close}" after field "${name[0]}" of ${what}, found ${describe(pos, limit)}`, pos);
    }
    return { kind: 'entry', type, key, keyAt, fields, at: positionAt(at), start: at, end: pos + 1 };

    /** The entry ran into the next block: blame a value that swallowed the lines of other fields, or the entry. */
    function unclosed(fields: BibField[], offset: number): never {
      for (const field of fields) {
        const part = field.value.parts.find((p) => p.kind === 'braced' && /\n[ \t]*[A-Za-z][\w-]*[ \t]*=/.test(p.text));
        if (part) {
          fail('bibtex-unbalanced-braces', `Unbalanced braces in field "${field.name}" of ${what}: its value runs on into the fields after it`, offsetOf(part.at));
        }
      }
      return closeBlock(offset, what) as never;
    }
  }

  /** A closing delimiter followed, before the next block, by more `name = value` text closes too early. */
  function strayClose(offset: number, limit: number): boolean {
    const rest = text.slice(offset + 1, limit);
    return /^[ \t]*,/.test(rest) || /^\s*,?\s*[A-Za-z][\w-]*\s*=/.test(rest);
  }

  function capitalize(words: string): string {
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function offsetOf(position: Position): number {
    return lineStarts[position.line - 1]! + position.column - 1;
  }

  /** Offset just after the delimiter matching the one at `openAt` (braces nest inside). */
  function balanced(openAt: number, open: string, close: string, limit: number, what: string): number {
    let depth = 0;
    const stack: number[] = [];
    for (let i = openAt; i < limit; i++) {
      const c = text[i];
      if (c === open) {
        depth++;
        stack.push(i);
      } else if (c === close) {
        depth--;
        stack.pop();
        if (depth === 0) return i + 1;
      }
    }
    const innermost = stack.at(-1) ?? openAt;
    return fail('bibtex-unbalanced-braces', `Unbalanced braces in ${what}: this "${text[innermost]}" is never closed`, innermost);
  }

  function readValue(start: number, limit: number, what: string): { value: BibValue; end: number } {
    const parts: BibPart[] = [];
    let pos = start;
    for (;;) {
      const at = positionAt(pos);
      const c = text[pos];
      if (pos >= limit) fail('bibtex-syntax', `Expected a value for ${what}, found ${describe(pos, limit)}`, pos);
      if (c === '{') {
        const end = bracedEnd(pos, limit, what);
        parts.push({ kind: 'braced', text: text.slice(pos + 1, end - 1), at });
        pos = end;
      } else if (c === '"') {
        const end = quotedEnd(pos, limit, what);
        parts.push({ kind: 'quoted', text: text.slice(pos + 1, end - 1), at });
        pos = end;
      } else if (matchAt(digits, pos) && !matchAt(/[0-9]+[A-Za-z_]/y, pos)) {
        const m = matchAt(digits, pos)!;
        parts.push({ kind: 'number', text: m[0], at });
        pos += m[0].length;
      } else {
        const m = matchAt(identifier, pos) ?? matchAt(/[^\s,#{}()"=]+/y, pos);
        if (!m) fail('bibtex-syntax', `Expected a value for ${what}, found ${describe(pos, limit)}`, pos);
        parts.push({ kind: 'macro', text: m[0], at });
        pos += m[0].length;
      }
      const next = skipSpace(pos);
      if (text[next] !== '#') return { value: { parts, at: parts[0]!.at }, end: pos };
      pos = skipSpace(next + 1);
    }
  }

  function bracedEnd(openAt: number, limit: number, what: string): number {
    let depth = 0;
    for (let i = openAt; i < limit; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return i + 1;
    }
    return fail('bibtex-unbalanced-braces', `Unbalanced braces in ${what}: a "{" is never closed`, openAt);
  }

  function quotedEnd(openAt: number, limit: number, what: string): number {
    let depth = 0;
    for (let i = openAt + 1; i < limit; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth < 0) fail('bibtex-unbalanced-braces', `Unbalanced braces in ${what}: this "}" has no matching "{"`, i);
      } else if (c === '"' && depth === 0) return i + 1;
    }
    return fail('bibtex-unbalanced-braces', `Unbalanced quotes or braces in ${what}: the value opened with " here is never closed`, openAt);
  }
}

/** The value as one string, with `@string` macros expanded; undefined macros expand to nothing. */
export function expandValue(value: BibValue, strings: ReadonlyMap<string, string>): string {
  return value.parts.map((p) => (p.kind === 'macro' ? (strings.get(p.text.toLowerCase()) ?? '') : p.text)).join('');
}

/** Month macros that BibTeX styles and biber predefine. */
export const monthMacros = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** Longest expansion of one `@string` macro (limits.ts: bibExpandedChars). */
const maxMacroChars = 100_000;

/** `@string` definitions in order (each may use the ones before it), month macros predefined as numbers. */
export function stringMacros(parsed: { readonly blocks: readonly BibBlock[] }): Map<string, string> {
  const strings = new Map<string, string>(monthMacros.map((m, i) => [m, String(i + 1)]));
  for (const block of parsed.blocks) {
    // A macro longer than any real one is left empty rather than doubled again (src/policy/bib-limits.ts reports it).
    if (block.kind === 'string') {
      const value = expandValue(block.value, strings);
      strings.set(block.name.toLowerCase(), value.length > maxMacroChars ? '' : value);
    }
  }
  return strings;
}

/** Fields of an entry by lower-case name, macros expanded; the first of repeated fields wins. */
export function fieldValues(entry: BibEntry, strings: ReadonlyMap<string, string>): Map<string, string> {
  const values = new Map<string, string>();
  for (const field of entry.fields) {
    const name = field.name.toLowerCase();
    if (!values.has(name)) values.set(name, expandValue(field.value, strings));
  }
  return values;
}
