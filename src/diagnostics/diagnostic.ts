/** A problem found in an input, in the vfile-message style: where, which rule, how bad, how to fix. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the project root (or as given when outside it). */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based; 0 when the problem concerns the whole file. */
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
  hint?: string;
}

export interface Position {
  line: number;
  column: number;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
