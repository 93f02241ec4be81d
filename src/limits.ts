/**
 * Bounds on untrusted input; each is reported as a `limit-exceeded` diagnostic with its value, at
 * the place of the input that broke it. The README's security model lists them.
 */
export interface Limits {
  /** Largest spec or findings file read (references.bib: eight times this). */
  fileBytes: number;
  /** Longest Markdown field. */
  markdownChars: number;
  /** Most findings one document may use. */
  findingsPerDocument: number;
  /** Longest time one document may take to load and print in Chromium. */
  renderTimeoutMs: number;
  /** Most alias nodes (*name) in one YAML file, and most copies they may expand to. */
  yamlAliases: number;
  /** Deepest nesting of YAML mappings and lists. */
  yamlDepth: number;
  /** Longest value a BibTeX field may expand to through @string macros. */
  bibExpandedChars: number;
  /** Largest CSL style file (Debian's largest is about 70 KiB). */
  cslStyleBytes: number;
  /** Largest CSL locale file (Debian's largest is about 26 KiB). */
  cslLocaleBytes: number;
  /** Largest template, partial or stylesheet. */
  templateBytes: number;
  /** Largest cover logo. */
  logoBytes: number;
  /** Deepest nesting of Markdown blocks (quotes, lists, divs) and inlines in one field. */
  markdownDepth: number;
  /** Largest text file of a paper that `brief verify --sources` reads (the five papers are 8–52 KiB). */
  sourceTextBytes: number;
}

export const defaultLimits: Limits = {
  fileBytes: 1024 * 1024,
  markdownChars: 50_000,
  findingsPerDocument: 200,
  renderTimeoutMs: 60_000,
  yamlAliases: 100,
  yamlDepth: 32,
  bibExpandedChars: 100_000,
  cslStyleBytes: 1024 * 1024,
  cslLocaleBytes: 256 * 1024,
  templateBytes: 1024 * 1024,
  logoBytes: 512 * 1024,
  markdownDepth: 32,
  sourceTextBytes: 16 * 1024 * 1024,
};
