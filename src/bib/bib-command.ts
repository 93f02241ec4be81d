import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { formatReport } from '../diagnostics/report.js';
import { nodeFileSystem } from '../load/file-system.js';
import { loadProject, projectPaths } from '../load/load-project.js';
import { decodeText } from '../load/parse-yaml.js';
import { writeFilesAtomically } from '../publish/write-atomic.js';
import { checkBibtex, syntaxDiagnostics } from './check-bibtex.js';
import { citedKeys } from './cited-keys.js';
import { describeClash, describeMerge, fixBibtex, fixDifferences } from './fix-bibtex.js';
import { describeFormatting, formatBibtex } from './format-bibtex.js';
import { parseBibtex } from './parse-bibtex.js';
import { libraryDifferences } from './same-library.js';

export const bibActions = ['fmt', 'check', 'fix'] as const;
export type BibAction = (typeof bibActions)[number];

export interface BibOptions {
  /** fmt, fix: print what would change and exit 1 when anything would, writing nothing. */
  check?: boolean;
  /** fix: apply the proposed merges of duplicates. */
  merge?: boolean;
  quiet?: boolean;
}

export interface BibIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const ok = 0;
const failed = 1;

/** `brief bib fmt|check|fix [FILE]`; FILE defaults to the project's references.bib. Returns the exit code. */
export async function runBib(action: BibAction, file: string | undefined, options: BibOptions, io: BibIo): Promise<number> {
  const path = resolve(io.cwd, file ?? projectPaths.references);
  const shown = relative(io.cwd, path);
  const display = shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
  const report = (diagnostics: Diagnostic[]) => {
    const text = formatReport(diagnostics);
    if (hasErrors(diagnostics)) io.stderr(text);
    else if (diagnostics.length > 0 || !options.quiet) io.stdout(text);
  };

  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    report([diagnostic('missing-file', { file: display, message: `There is no BibTeX file ${display}`, hint: 'Name an existing .bib file, or run the command in the project folder.' })]);
    return failed;
  }
  const decoded = decodeText(display, bytes);
  if (decoded.text === undefined) {
    report(decoded.diagnostics);
    return failed;
  }
  const text = decoded.text;
  const parsed = parseBibtex(text);

  if (action === 'check') {
    const isProjectLibrary = path === resolve(io.cwd, projectPaths.references);
    const diagnostics = checkBibtex(parsed, { file: display, citations: isProjectLibrary ? await projectCitations(io.cwd) : undefined });
    report(diagnostics);
    return hasErrors(diagnostics) ? failed : ok;
  }

  // fmt and fix rewrite the file: only one that parses completely, so that nothing is dropped.
  if (parsed.errors.length > 0) {
    report(syntaxDiagnostics(parsed, display));
    io.stderr(`brief: ${display} was not ${action === 'fmt' ? 'formatted' : 'fixed'}: fix the syntax errors first`);
    return failed;
  }

  if (action === 'fmt') {
    const formatted = formatBibtex(parsed);
    if (formatted === text) {
      if (!options.quiet) io.stdout(`${display} is already formatted`);
      return ok;
    }
    const differences = libraryDifferences(text, formatted);
    if (differences.length > 0) {
      io.stderr(refusal(`formatting ${display}`, differences));
      return failed;
    }
    if (options.check) {
      const changes = describeFormatting(parsed, display);
      io.stdout([...(changes.length > 0 ? changes : [`${display}: would change the spacing between blocks`]), `${display} is not formatted: run brief bib fmt${file ? ` ${file}` : ''}`].join('\n'));
      return failed;
    }
    await writeFilesAtomically([{ path, data: formatted }]);
    if (!options.quiet) io.stdout(`formatted ${display}`);
    return ok;
  }

  const result = fixBibtex(parsed, { merge: options.merge });
  const fixed = formatBibtex(result);
  const lines = result.fixes.map((f) => `${display}:${f.at.line}:${f.at.column} ${f.key}.${f.field.toLowerCase()}: ${f.what}: {${f.before}} -> {${f.after}}`);
  for (const merge of result.merges) lines.push(...describeMerge(merge, display));
  for (const clash of result.clashes) lines.push(describeClash(clash, display));
  if (result.merges.length > 0 && !options.merge) lines.push(`${result.merges.length} probable duplicate${result.merges.length === 1 ? '' : 's'}: run brief bib fix --merge to merge ${result.merges.length === 1 ? 'it' : 'them'}`);
  if (lines.length > 0) io.stdout(lines.join('\n'));
  const differences = fixDifferences(parsed, result, fixed);
  if (differences.length > 0) {
    io.stderr(refusal(`fixing ${display}`, differences));
    return failed;
  }
  const merging = options.merge && result.merges.length > 0;
  if (fixed === text || (result.fixes.length === 0 && !merging)) {
    if (!options.quiet) io.stdout(`${display}: nothing to fix`);
    return ok;
  }
  if (options.check) {
    io.stdout(`${display} would change: run brief bib fix${options.merge ? ' --merge' : ''}${file ? ` ${file}` : ''}`);
    return failed;
  }
  await writeFilesAtomically([{ path, data: fixed }]);
  if (!options.quiet) {
    const merged = merging ? `, merged ${result.merges.length} duplicate${result.merges.length === 1 ? '' : 's'}` : '';
    io.stdout(`fixed ${display}: ${result.fixes.length} value${result.fixes.length === 1 ? '' : 's'}${merged}`);
  }
  return ok;
}

/** What the briefs and findings of the project in `root` cite, or undefined when it has none. */
async function projectCitations(root: string) {
  const { project } = await loadProject(root, nodeFileSystem);
  return project.briefs.length + project.findings.length > 0 ? citedKeys(project) : undefined;
}

/** Why a rewrite was refused: what it would change (the first ten differences), and that the file is untouched. */
function refusal(doing: string, differences: string[]): string {
  const more = differences.length > 10 ? [`  … and ${differences.length - 10} more`] : [];
  return [`brief: ${doing} would change what it says, so it was left as it is:`, ...differences.slice(0, 10).map((d) => `  ${d}`), ...more].join('\n');
}
