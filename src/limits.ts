/** Bounds on untrusted input; each is reported as a `limit-exceeded` diagnostic with its value. */
export interface Limits {
  /** Largest spec or findings file read. */
  fileBytes: number;
  /** Longest Markdown field. */
  markdownChars: number;
  /** Most findings one document may use. */
  findingsPerDocument: number;
  /** Longest time one document may take to load and print in Chromium. */
  renderTimeoutMs: number;
}

export const defaultLimits: Limits = {
  fileBytes: 1024 * 1024,
  markdownChars: 50_000,
  findingsPerDocument: 200,
  renderTimeoutMs: 60_000,
};
