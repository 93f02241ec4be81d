// The programmatic API: the same build() the CLI calls.
export { build, outputFormats, defaultFormats, type BuildOptions, type BuildResult, type BuildDependencies, type OutputFormat } from './build.js';
export { runCli, exitCodes } from './cli.js';
export { listDocuments } from './list.js';
export { formatReport } from './diagnostics/report.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { EnvironmentError } from './diagnostics/errors.js';
export { briefSchema, type BriefSpec } from './schema/brief.js';
export { findingSchema, findingsFileSchema, type Finding } from './schema/finding.js';
