/**
 * Every rule a diagnostic can name, with a title and a default hint (Astro-style error catalogue).
 * Stages call `diagnostic()` with a rule id from here, so ids and hints stay in one place.
 */
import type { Diagnostic, Severity } from './diagnostic.js';

export interface RuleInfo {
  title: string;
  severity: Severity;
  hint: string;
}

export const rules = {
  'yaml-syntax': {
    title: 'YAML syntax error',
    severity: 'error',
    hint: 'Fix the YAML syntax at this position (indentation, quoting, a missing colon).',
  },
  'yaml-duplicate-key': {
    title: 'Duplicate key',
    severity: 'error',
    hint: 'Each key may appear once in a mapping; remove or rename one of them.',
  },
  'empty-file': {
    title: 'Empty file',
    severity: 'error',
    hint: 'Write the document or delete the file.',
  },
  'missing-file': {
    title: 'Missing file',
    severity: 'error',
    hint: 'Create the file at the project root.',
  },
  'invalid-encoding': {
    title: 'Invalid UTF-8',
    severity: 'error',
    hint: 'Save the file as UTF-8.',
  },
  'unknown-field': {
    title: 'Unknown field',
    severity: 'error',
    hint: 'Check the spelling against the schema in schemas/; unknown fields are never ignored.',
  },
  'missing-field': {
    title: 'Missing required field',
    severity: 'error',
    hint: 'Add the field; see schemas/ for what it holds.',
  },
  'invalid-value': {
    title: 'Invalid value',
    severity: 'error',
    hint: 'See schemas/ for the allowed values.',
  },
  'duplicate-id': {
    title: 'Duplicate id',
    severity: 'error',
    hint: 'Ids must be unique across all files; rename one of them.',
  },
  'unknown-finding': {
    title: 'Unknown finding',
    severity: 'error',
    hint: 'Use the id of a finding in findings/*.yaml.',
  },
  'unknown-citation-key': {
    title: 'Unknown citation key',
    severity: 'error',
    hint: 'Cite a key that exists in references.bib, or add the entry there.',
  },
  'unknown-metric': {
    title: 'Unknown metric',
    severity: 'error',
    hint: 'Use a metric name that findings use (metric.name in findings/*.yaml).',
  },
  'finding-without-metric': {
    title: 'Finding has no figure',
    severity: 'error',
    hint: 'Only findings with a `metric` can be inserted as a figure; cite the paper instead.',
  },
  'unsupported-fact-citation': {
    title: 'Unsupported figure reference',
    severity: 'error',
    hint: 'Write a figure reference on its own, as [@fact:<finding-id>], not combined with other citations or author suppression.',
  },
  'unknown-style': {
    title: 'Unknown citation style',
    severity: 'error',
    hint: 'Name a style installed in the styles folder, or give a path to a .csl file.',
  },
  'invalid-style': {
    title: 'Unreadable citation style',
    severity: 'error',
    hint: 'Check that the file is a CSL 1.0 style.',
  },
  'missing-locale': {
    title: 'Missing CSL locale',
    severity: 'error',
    hint: 'Install citation-style-language-locales, or choose a language it provides.',
  },
  'bibtex-syntax': {
    title: 'BibTeX syntax error',
    severity: 'error',
    hint: 'Fix the entry at this position.',
  },
  // BibTeX library checks (src/bib/check-bibtex.ts): `brief bib check` and `brief check`.
  'bibtex-unbalanced-braces': {
    title: 'Unbalanced braces',
    severity: 'error',
    hint: 'Every "{" in an entry needs its "}"; the value named here opens or closes one too many.',
  },
  'bibtex-duplicate-key': {
    title: 'Duplicate BibTeX key',
    severity: 'error',
    hint: 'Keys must be unique (BibTeX compares them case-insensitively); merge the entries with `brief bib fix --merge` or rename one.',
  },
  'bibtex-duplicate-work': {
    title: 'Probable duplicate entry',
    severity: 'warning',
    hint: 'Keep one entry for the work: `brief bib fix` proposes the merge, `brief bib fix --merge` applies it; then cite the key that remains.',
  },
  'bibtex-key-style': {
    title: 'Key outside the house style',
    severity: 'warning',
    hint: 'Keys are <family name><year or nd><first significant title word> in lower-case ASCII; see docs/data-model.md.',
  },
  'bibtex-missing-field': {
    title: 'Missing required BibTeX field',
    severity: 'warning',
    hint: 'biblatex requires these fields for this entry type; add them, or choose the entry type that fits the work.',
  },
  'bibtex-invalid-doi': {
    title: 'Malformed DOI',
    severity: 'warning',
    hint: 'Write DOIs bare, as 10.1000/xyz; `brief bib fix` strips URL prefixes and spaces.',
  },
  'bibtex-invalid-isbn': {
    title: 'Invalid ISBN',
    severity: 'warning',
    hint: 'Copy the ISBN again from the book; a wrong check digit means a digit is wrong.',
  },
  'bibtex-undefined-string': {
    title: 'Undefined @string macro',
    severity: 'error',
    hint: 'Define the macro with @string{name = {value}} or write the value in braces; an undefined macro expands to nothing.',
  },
  'bibtex-uncited-entry': {
    title: 'Entry not cited',
    severity: 'warning',
    hint: 'Cite it from a brief ([@key], nocite) or a finding (source, primary), or delete it; if one of the source papers cites it, add keywords = {cited-by-source}.',
  },
  'bibtex-duplicate-field': {
    title: 'Field given twice in one entry',
    severity: 'warning',
    hint: 'Keep one of them: delete the other, or join their values in one field.',
  },
  'bibtex-exclusive-fields': {
    title: 'Fields that exclude each other',
    severity: 'warning',
    hint: 'Keep date, which holds a whole date (2020, 2020-03 or 2020-03-05), and delete year (and month).',
  },
  'pandoc-warning': {
    title: 'Pandoc warning',
    severity: 'warning',
    hint: 'Check the Markdown at this position.',
  },
  'template-error': {
    title: 'Template error',
    severity: 'error',
    hint: 'Fix the Handlebars template.',
  },
  'unknown-document': {
    title: 'Unknown document',
    severity: 'error',
    hint: 'Run `brief list` to see the documents in briefs/.',
  },
  'missing-label': {
    title: 'Missing label',
    severity: 'error',
    hint: 'Add the label to the catalogue of this language in src/render/labels.ts.',
  },
  'raw-html': {
    title: 'Raw HTML in Markdown',
    severity: 'error',
    hint: 'Write it in Markdown instead; raw HTML (scripts, iframes, event handlers, styles) never reaches the page.',
  },
  'unsafe-url': {
    title: 'Unsafe URL',
    severity: 'error',
    hint: 'Links may use http(s) or mailto; script and file URLs are refused.',
  },
  'remote-image': {
    title: 'Image outside the project',
    severity: 'error',
    hint: 'Documents load nothing from the network or the file system: put the image in the project and use a chart or a data: URL.',
  },
  'missing-alt-text': {
    title: 'Image without alt text',
    severity: 'warning',
    hint: 'Describe the image in the brackets: ![what it shows](file.png).',
  },
  'unsafe-path': {
    title: 'Path outside the project',
    severity: 'error',
    hint: 'Use a relative path to a file inside the project folder; ../, absolute paths and links leaving the project are refused.',
  },
  'limit-exceeded': {
    title: 'Limit exceeded',
    severity: 'error',
    hint: 'Split the input, or raise the limit in the build options if it is really needed.',
  },
  'render-failed': {
    title: 'Rendering failed',
    severity: 'error',
    hint: 'Run with DEBUG=1 for details; the other documents were still built.',
  },
  'blocked-request': {
    title: 'Blocked resource',
    severity: 'error',
    hint: 'Documents may only load files from the template folder and data: URLs.',
  },
  // Evidence verification (`brief verify`), reconciliation and the uncited-figure lint.
  'evidence-not-found': {
    title: 'Evidence not in source',
    severity: 'error',
    hint: 'Copy the phrase exactly from the source text; it must not run across a page header or footnote number.',
  },
  'figure-not-in-evidence': {
    title: 'Figure not in evidence',
    severity: 'error',
    hint: 'Correct the figure, or choose an evidence phrase that contains it.',
  },
  'missing-source-text': {
    title: 'Missing source text',
    severity: 'error',
    hint: 'Map the BibTeX key to its text file in sources.yaml, with a path relative to the --sources folder.',
  },
  'conflicting-findings': {
    title: 'One side of a conflict',
    severity: 'warning',
    hint: 'Show the other findings too, or choose this one with `prefer:` in the spec; `brief findings conflicts` lists every conflict.',
  },
  'uncited-figure': {
    title: 'Uncited figure',
    severity: 'warning',
    hint: 'Insert figures with [@fact:<finding-id>], or cite the source in the same sentence.',
  },
  // Issue 15: one safety policy for every input and output format.
  'not-a-file': {
    title: 'Not a regular file',
    severity: 'error',
    hint: 'Replace it with a regular file: folders, named pipes, sockets and devices are never read.',
  },
  'control-character': {
    title: 'Control character',
    severity: 'error',
    hint: 'Delete the character: text may hold tabs and line breaks, but no other control characters (escape sequences, carriage returns, direction overrides).',
  },
  'invalid-id': {
    title: 'Invalid document id',
    severity: 'error',
    hint: 'Rename the file: a document id (its file name) is lowercase letters, digits and hyphens, starting with a letter or digit, e.g. briefs/uzbekistan-2025.yaml.',
  },
  'unembedded-image': {
    title: 'Image file in Markdown',
    severity: 'error',
    hint: 'A document loads nothing but its own text, stylesheet and fonts: embed the image as a data:image/png;base64,… URL, or use the cover `logo:`.',
  },
  'unsafe-resource': {
    title: 'Resource outside the policy',
    severity: 'error',
    hint: 'Templates may load the stylesheet, fonts and images of the templates folder (../assets/…) and data: images; nothing remote, absolute or outside the project.',
  },
  'fragment-lost': {
    title: 'Markdown field lost in conversion',
    severity: 'error',
    hint: 'Pandoc did not return this field exactly once and intact: report it with the spec attached.',
  },
  'invalid-url': {
    title: 'Malformed URL',
    severity: 'error',
    hint: 'Write an absolute http(s) URL without spaces, quotes or angle brackets, e.g. https://example.org/report.pdf.',
  },
  // Evidence a referee can audit (issue 19): text reuse, second-hand facts, dates, claim citations.
  'unrecorded-text-reuse': {
    title: 'Sources share text',
    severity: 'warning',
    hint: 'Record the reuse under reuses: in sources.yaml, so findings from both count as one source.',
  },
  'recorded-reuse-not-found': {
    title: 'Recorded reuse not found',
    severity: 'warning',
    hint: 'Remove the record from reuses: in sources.yaml, or check the text files.',
  },
  'second-hand-evidence': {
    title: 'Second-hand evidence without primary',
    severity: 'error',
    hint: 'The evidence cites another work: name it in primary: (its BibTeX key; add it to references.bib with keywords = {cited-by-source} if missing).',
  },
  'as-of-not-in-source': {
    title: 'As-of date not in source',
    severity: 'error',
    hint: 'When the paper gives no date for the figure, write as_of: unknown and reported: <publication year>.',
  },
  'derived-corroboration': {
    title: 'Corroboration by a derived source',
    severity: 'warning',
    hint: 'One paper repeats the other (sources.yaml reuses:): they are one source, not two; cite the original.',
  },
  'citation-not-a-source': {
    title: 'Citation is not a source of the claim',
    severity: 'warning',
    hint: 'Cite the paper the finding comes from (or one of them), or remove the finding from this statement.',
  },
  'unknown-recipient': {
    title: 'Unknown recipient',
    severity: 'error',
    hint: "Use the slug of one of the memo's recipients (its slug:, or the one derived from its name).",
  },
  'underfilled-page': {
    title: 'Underfilled page',
    severity: 'warning',
    hint: 'Move a block, shorten or lengthen a section, or drop a forced page break, so the page is at least 60% full.',
  },
  // The analyst's working loop (page budget, preview).
  'page-budget': {
    title: 'Over the page budget',
    severity: 'error',
    hint: 'Shorten the sections past the limit, or raise max_pages in the spec.',
  },
  // Notes (issue 16, point 1).
  'reserved-id': {
    title: "An id of Briefwright's notes",
    severity: 'error',
    hint: 'Notes and their marks are named note-N and note-ref-N: give the element another id ({#my-id}); a heading takes its id from its text, so give it one of its own.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof rules;

export interface DiagnosticInput {
  file: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
  severity?: Severity;
}

export function diagnostic(ruleId: RuleId, input: DiagnosticInput): Diagnostic {
  const rule = rules[ruleId];
  return {
    file: input.file,
    line: input.line ?? 0,
    column: input.column ?? 0,
    ruleId,
    severity: input.severity ?? rule.severity,
    message: input.message,
    hint: input.hint ?? rule.hint,
  };
}
