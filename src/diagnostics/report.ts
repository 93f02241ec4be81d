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
    lines.push(`${formatPlace(d)} ${d.severity} ${d.message} [${d.ruleId}]`);
    if (options.hints !== false && d.hint) lines.push(`  hint: ${d.hint}`);
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
