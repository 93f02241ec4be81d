import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { closest } from '../util/closest.js';
import type { Citations } from './cited-keys.js';
import { bareDoi, findDuplicates } from './find-duplicates.js';
import { bibExpansionProblems } from '../policy/bib-limits.js';
import { unsafeDoi, unsafeReferenceUrl } from '../policy/resource-policy.js';
import { defaultLimits } from '../limits.js';
import { familyName, foldText, splitNames } from './fold-text.js';
import { entries, expandValue, fieldValues, monthMacros, stringMacros, type BibEntry, type BibValue, type ParsedBibtex, type Position } from './parse-bibtex.js';
import { meaningOf } from './normalize-value.js';
import { describeRequirement, givenTwice, isAuthorRequirement, isDateRequirement, missingFields, type Requirement } from './required-fields.js';

export interface CheckOptions {
  /** The library's path as reported in diagnostics. */
  file: string;
  /** What the project's briefs and findings cite; without it, entries are not checked for being cited. */
  citations?: Citations;
}

/** The house style of keys (docs/data-model.md): family name, 4-digit year or nd, first significant title word. */
export const houseKey = /^[a-z]+([0-9]{4}|nd)[a-z0-9]+$/;

/**
 * The keyword that marks an entry as present because one of the source papers cites it (in its
 * reference list, a footnote, a figure or its text), so that no brief or finding needs to.
 */
export const citedBySource = 'cited-by-source';

/** Every problem `brief bib check` and `brief check` report in a library. */
export function checkBibtex(parsed: ParsedBibtex, options: CheckOptions): Diagnostic[] {
  const { file } = options;
  const place = (at: Position) => `${file}:${at.line}:${at.column}`;
  const diagnostics = syntaxDiagnostics(parsed, file);
  // A library whose macros expand past the limit is not expanded at all.
  const bombs = bibExpansionProblems(parsed, file, defaultLimits.bibExpandedChars);
  if (bombs.length > 0) return [...diagnostics, ...bombs];
  const strings = stringMacros(parsed);
  const list = entries(parsed);
  const byKey = new Map<string, BibEntry>();
  for (const entry of list) if (!byKey.has(entry.key)) byKey.set(entry.key, entry);

  // @string macros used but never defined (month macros are predefined).
  const defined = new Set([...monthMacros, ...parsed.blocks.flatMap((b) => (b.kind === 'string' ? [b.name.toLowerCase()] : []))]);
  const checkMacros = (value: BibValue, where: string) => {
    for (const part of value.parts) {
      if (part.kind !== 'macro' || defined.has(part.text.toLowerCase())) continue;
      const near = closest(part.text, defined);
      diagnostics.push(
        diagnostic('bibtex-undefined-string', {
          file,
          ...part.at,
          message: `Undefined @string macro "${part.text}" in ${where}`,
          hint: near.length > 0 ? `Define it with @string{${part.text} = {…}}, or use a defined macro: ${near.join(', ')}.` : undefined,
        }),
      );
    }
  };
  for (const block of parsed.blocks) {
    if (block.kind === 'string') checkMacros(block.value, `@string{${block.name}}`);
    if (block.kind === 'preamble') checkMacros(block.value, '@preamble');
    if (block.kind === 'entry') block.fields.forEach((f) => checkMacros(f.value, `field "${f.name}" of entry "${block.key}"`));
  }

  for (const duplicate of findDuplicates(parsed)) {
    const { first, second } = duplicate;
    if (duplicate.kind === 'key') {
      diagnostics.push(
        diagnostic('bibtex-duplicate-key', {
          file,
          ...second.keyAt,
          message: `Duplicate key "${second.key}" (first defined at ${place(first.keyAt)})`,
        }),
      );
    } else {
      diagnostics.push(
        diagnostic('bibtex-duplicate-work', {
          file,
          ...second.keyAt,
          message: `Entry "${second.key}" is probably the same work as "${first.key}" (${place(first.keyAt)}): ${duplicate.reason}`,
        }),
      );
    }
  }

  for (const entry of list) {
    const fields = fieldValues(entry, strings);
    if (!houseKey.test(entry.key)) {
      const suggestion = suggestKey(entry, fields);
      diagnostics.push(
        diagnostic('bibtex-key-style', {
          file,
          ...entry.keyAt,
          message: `Key "${entry.key}" does not follow the house style <family name><year or nd><first title word>, in lower-case ASCII`,
          hint: suggestion ? `Rename it, e.g. to ${suggestion}, and update the citations of it.` : undefined,
        }),
      );
    }

    const missing = missingFields(entry.type, presentFields(entry, byKey)).filter((requirement) => !acknowledged(entry.key, requirement));
    if (missing.length > 0) {
      const names = missing.map(describeRequirement);
      diagnostics.push(
        diagnostic('bibtex-missing-field', {
          file,
          ...entry.keyAt,
          message: `Entry "${entry.key}" (@${entry.type.toLowerCase()}) lacks the required field${names.length > 1 ? 's' : ''} ${names.join(', ')}`,
        }),
      );
    }

    const both = givenTwice(entry.type, entry.fields.map((f) => f.name.toLowerCase()));
    if (both.length > 0) {
      const second = entry.fields.find((f) => f.name.toLowerCase() === both[1])!;
      diagnostics.push(
        diagnostic('bibtex-exclusive-fields', {
          file,
          ...second.at,
          message: `Entry "${entry.key}" gives both ${both.join(' and ')}; biblatex's data model allows exactly one of them`,
        }),
      );
    }

    const firstOf = new Map<string, { at: Position; value: string }>();
    for (const field of entry.fields) {
      const name = field.name.toLowerCase();
      const value = expandValue(field.value, strings);
      const first = firstOf.get(name);
      if (first) {
        const same = meaningOf(name, first.value) === meaningOf(name, value);
        diagnostics.push(
          diagnostic('bibtex-duplicate-field', {
            file,
            ...field.at,
            message: `Field "${name}" is given twice in entry "${entry.key}" (first at ${place(first.at)})${same ? ', with the same value' : ': BibTeX and biber read only the first and ignore this value'}`,
          }),
        );
        continue;
      }
      firstOf.set(name, { at: field.at, value });
      // A DOI or URL becomes a link in the HTML: one that could end its attribute is an error (src/policy/resource-policy.ts).
      const unsafe = name === 'doi' ? unsafeDoi(value) : name === 'url' ? unsafeReferenceUrl(value) : undefined;
      if (unsafe) {
        diagnostics.push(diagnostic('invalid-url', { file, ...field.value.at, message: `The ${name === 'doi' ? 'DOI' : 'URL'} of "${entry.key}" is malformed: ${unsafe}` }));
      } else if (name === 'doi') {
        const problem = doiProblem(value);
        if (problem) diagnostics.push(diagnostic('bibtex-invalid-doi', { file, ...field.value.at, message: `Malformed DOI "${value}": ${problem}` }));
      }
      if (name === 'isbn') {
        for (const problem of isbnProblems(value)) {
          diagnostics.push(diagnostic('bibtex-invalid-isbn', { file, ...field.value.at, message: problem }));
        }
      }
    }
  }

  if (options.citations && !options.citations.all) {
    const used = usedKeys(options.citations.keys, byKey, strings);
    for (const entry of list) {
      if (used.has(entry.key)) continue;
      const keywords = (fieldValues(entry, strings).get('keywords') ?? '').split(/[,;]/).map((k) => k.trim().toLowerCase());
      if (keywords.includes(citedBySource)) continue;
      diagnostics.push(
        diagnostic('bibtex-uncited-entry', {
          file,
          ...entry.keyAt,
          message: `Entry "${entry.key}" is not cited by any brief or finding`,
        }),
      );
    }
  }
  return diagnostics;
}

/**
 * Absences the house style of keys records on purpose (docs/data-model.md): `nd` in the year slot of
 * the key says the work is undated, a key starting with `anonymous` that it names no author. biblatex's
 * data model still lacks the field; the key shows that someone looked and found none.
 */
function acknowledged(key: string, requirement: Requirement): boolean {
  if (isDateRequirement(requirement)) return /^[a-z]+nd[a-z0-9]+$/.test(key) && !/[0-9]{4}/.test(key);
  return isAuthorRequirement(requirement) && /^anonymous/.test(key);
}

/** The reader's errors: unbalanced braces and other syntax errors. */
export function syntaxDiagnostics(parsed: Pick<ParsedBibtex, 'errors'>, file: string): Diagnostic[] {
  return parsed.errors.map((error) => diagnostic(error.ruleId, { file, ...error.at, message: error.message }));
}

/** Field names an entry has, its own and those it inherits through crossref/xdata (a parent's title is its booktitle). */
function presentFields(entry: BibEntry, byKey: ReadonlyMap<string, BibEntry>): Set<string> {
  const present = new Set<string>();
  const seen = new Set<string>();
  const visit = (current: BibEntry, inherited: boolean) => {
    if (seen.has(current.key)) return;
    seen.add(current.key);
    for (const field of current.fields) {
      const name = field.name.toLowerCase();
      present.add(name);
      if (inherited && name === 'title') present.add('booktitle');
      if (name === 'crossref' || name === 'xdata') {
        for (const parent of field.value.parts.map((p) => p.text).join('').split(',')) {
          const target = byKey.get(parent.trim());
          if (target) visit(target, true);
        }
      }
    }
  };
  visit(entry, false);
  return present;
}

/** Cited keys, plus the entries they pull in through crossref, xref, xdata, related and entryset. */
function usedKeys(cited: ReadonlySet<string>, byKey: ReadonlyMap<string, BibEntry>, strings: ReadonlyMap<string, string>): Set<string> {
  const used = new Set<string>();
  const queue = [...cited].filter((key) => byKey.has(key));
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (used.has(key)) continue;
    used.add(key);
    const fields = fieldValues(byKey.get(key)!, strings);
    for (const name of ['crossref', 'xref', 'xdata', 'related', 'entryset']) {
      for (const target of (fields.get(name) ?? '').split(',').map((k) => k.trim())) {
        if (byKey.has(target) && !used.has(target)) queue.push(target);
      }
    }
  }
  return used;
}

/** What is wrong with a DOI, or undefined. */
export function doiProblem(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i.test(trimmed) || /^doi:/i.test(trimmed)) {
    return `write it bare, as ${bareDoi(trimmed)}`;
  }
  if (/\s/.test(trimmed)) return `a DOI has no spaces: ${bareDoi(trimmed)}`;
  if (!/^10\.[0-9]{4,9}(?:\.[0-9]+)*\/\S+$/.test(trimmed)) return 'a DOI is "10.", a registrant code, "/" and a suffix';
  return undefined;
}

/** Problems with the ISBNs of an `isbn` field (several may be given, separated by commas or semicolons). */
export function isbnProblems(value: string): string[] {
  const problems: string[] = [];
  for (const raw of value.split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
    const isbn = raw.replace(/^ISBN(?:-1[03])?:?\s*/i, '').replace(/[\s-]/g, '').toUpperCase();
    if (!/^(?:[0-9]{9}[0-9X]|[0-9]{13})$/.test(isbn)) {
      problems.push(`Invalid ISBN "${raw}": an ISBN has 10 or 13 digits`);
      continue;
    }
    const expected = isbnCheckDigit(isbn);
    if (isbn.at(-1) !== expected) problems.push(`Invalid ISBN "${raw}": the check digit should be ${expected}`);
  }
  return problems;
}

function isbnCheckDigit(isbn: string): string {
  const digits = [...isbn.slice(0, -1)].map(Number);
  if (isbn.length === 10) {
    const sum = digits.reduce((total, d, i) => total + d * (i + 1), 0) % 11;
    return sum === 10 ? 'X' : String(sum);
  }
  const sum = digits.reduce((total, d, i) => total + d * (i % 2 === 0 ? 1 : 3), 0);
  return String((10 - (sum % 10)) % 10);
}

const stopWords = new Set(['a', 'an', 'the', 'on', 'of', 'to', 'in', 'for', 'and', 'at', 'by', 'from', 'with', 'is', 'as', 'its']);

/** A house-style key for an entry, when its author, year and title give one in ASCII. */
export function suggestKey(entry: BibEntry, fields: ReadonlyMap<string, string>): string | undefined {
  const names = fields.get('author') ?? fields.get('editor');
  const family = names ? foldText(familyName(splitNames(names)[0] ?? '')).replace(/ /g, '') : 'anonymous';
  const year = /[0-9]{4}/.exec(fields.get('date') ?? fields.get('year') ?? '')?.[0] ?? 'nd';
  const word = foldText((fields.get('title') ?? '').replace(/-/g, '')).split(' ').find((w) => w && !stopWords.has(w)) ?? '';
  const key = `${family}${year}${word}`;
  return houseKey.test(key) && key !== entry.key ? key : undefined;
}
