import type { Diagnostic } from './diagnostic.js';
import { compareDiagnostics } from './diagnostic.js';

export interface ReportOptions {
  /** Print hints under each diagnostic. */
  hints?: boolean;
}

/** Formats diagnostics as `file:line:column severity message [rule]` lines plus a summary. Pure. */
export function formatReport(diagnostics: readonly Diagnostic[], options: ReportOptions = {}): string {
  const lines: string[] = [];
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    lines.push(terminalSafe(`${formatPlace(d)} ${d.severity} ${d.message} [${d.ruleId}]`));
    if (options.hints !== false && d.hint) lines.push(terminalSafe(`  hint: ${d.hint}`));
  }
  lines.push(formatSummary(diagnostics));
  return lines.join('\n');
}

export function formatPlace(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  return d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return 'no problems';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/**
 * A line as a terminal may show it: control characters (escape sequences that move the cursor or
 * rewrite the screen, carriage returns that overprint) and direction overrides from an input file
 * are shown as \u{1b}, never acted on.
 */
export function terminalSafe(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
