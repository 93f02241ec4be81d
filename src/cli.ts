import { parseArgs } from 'node:util';
import { cliOptions, commandOf, commands, misplacedOption, optionsOf, usage } from './command-line.js';
import { join, relative, resolve } from 'node:path';
import { build, outputFormats, type BuildDependencies, type OutputFormat, type Progress } from './build.js';
import { listDocuments } from './list.js';
import { verify } from './verify/verify.js';
import { IndependentSources } from './reconcile/independent-sources.js';
import { loadProject, projectPaths } from './load/load-project.js';
import { closest, didYouMean } from './util/closest.js';
import { nodeFileSystem } from './load/file-system.js';
import { findConflicts } from './reconcile/find-conflicts.js';
import { formatConflicts } from './reconcile/format-conflicts.js';
import { formatReport } from './diagnostics/report.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { EnvironmentError } from './diagnostics/errors.js';
import { version } from './version.js';
import { bibActions, runBib, type BibAction } from './bib/bib-command.js';
import { defaultCslDirs } from './cite/csl-files.js';
import { countryCodes, languages, topics, type CountryCode } from './schema/vocabulary.js';
import { filterFindings, findingsJson, formatFindingsTable } from './commands/findings-list.js';
import { showFinding } from './commands/findings-show.js';
import { formatStyles, listStyles } from './commands/list-styles.js';
import { documentIdProblem, documentKinds, newBriefSpec, writeNewSpec } from './commands/new-brief.js';
import { readManifest } from './publish/manifest.js';
import { startPreview } from './preview/start-preview.js';
import { watchProject } from './preview/watch-project.js';

export const exitCodes = { ok: 0, input: 1, usage: 2, environment: 3 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Rewrites the current terminal line; absent when output is not a terminal. */
  progress?: (text: string) => void;
  clock?: () => number;
}

class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Runs the CLI and returns its exit code; all output goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo, dependencies: Partial<BuildDependencies> = {}): Promise<number> {
  try {
    return await dispatch(argv, io, dependencies);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`brief: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}\nRun "brief --help" to see the commands and their options.`);
      return exitCodes.usage;
    }
    if (error instanceof EnvironmentError) {
      io.stderr(`brief: ${error.message}\n  fix: ${error.fix}`);
      return exitCodes.environment;
    }
    io.stderr(`brief: ${error instanceof Error ? error.message : String(error)}${process.env.DEBUG ? `\n${describeStack(error)}` : '\n  (set DEBUG=1 for the stack trace)'}`);
    return exitCodes.input;
  }
}

async function dispatch(argv: readonly string[], io: CliIo, dependencies: Partial<BuildDependencies>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: cliOptions, tokens: true });
  } catch (error) {
    throw parseError(error as Error, argv);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) {
    io.stdout(usage);
    return exitCodes.ok;
  }
  if (values.version) {
    io.stdout(version);
    return exitCodes.ok;
  }
  const [command, ...ids] = commandOf(positionals);
  // `brief uzbekistan` builds a document; a word that is neither a command nor a document is a mistake.
  if (positionals.length > 0 && positionals[0] !== command) await checkImplicitBuild(positionals[0]!, io.cwd);
  for (const token of tokens) {
    const problem = token.kind === 'option' ? misplacedOption(command!, token.name) : undefined;
    if (problem) throw new UsageError(problem);
  }
  const formats = parseFormats(values.format);
  switch (command) {
    case 'build':
    case 'check': {
      const checkOnly = command === 'check';
      if (checkOnly && ids.length > 0) throw new UsageError('check takes no document ids');
      const shard = parseShard(values.shard);
      const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
      if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout takes a number of seconds, got "${values.timeout}"`);
      const clock = io.clock ?? Date.now;
      const started = clock();
      const onProgress = values.quiet || checkOnly ? undefined : progressReporter(io, clock, started);
      const stages: [string, number][] = [];
      let stageStarted = started;
      const onStage = values.timings
        ? (stage: string) => {
            const now = clock();
            stages.push([stage, now - stageStarted]);
            stageStarted = now;
          }
        : undefined;
      const result = await build(
        { root: io.cwd, ids, outDir: values.out, formats, checkOnly, force: values.force, shard, onProgress, onStage, limits: timeout ? { renderTimeoutMs: timeout * 1000 } : undefined, ...(values.sources ? { sourcesDir: values.sources } : {}) },
        dependencies,
      );
      if (onStage) io.stderr(`timings: ${stages.map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(', ')}`);
      io.progress?.('');
      const failed = hasErrors(result.diagnostics);
      if (result.diagnostics.length > 0 || !values.quiet) {
        const report = formatReport(result.diagnostics);
        (failed ? io.stderr : io.stdout)(report);
      }
      if (!checkOnly && !values.quiet) {
        for (const document of result.documents) io.stdout(`wrote ${document.files.map((f) => `${relative(io.cwd, f)}${f.endsWith('.pdf') && document.pages !== undefined ? ` (${document.pages} page${document.pages === 1 ? '' : 's'})` : ''}`).join(', ')}`);
        const failedDocuments = new Set(result.diagnostics.filter((d) => d.severity === 'error' && d.file.startsWith('briefs/')).map((d) => d.file)).size;
        const seconds = ((clock() - started) / 1000).toFixed(1);
        io.stdout(`built ${result.documents.length}, skipped ${result.skipped.length}, failed ${failedDocuments} in ${seconds} s`);
      }
      return failed ? exitCodes.input : exitCodes.ok;
    }
    case 'preview':
    case 'watch':
      return runWatch(command, ids, values, io, dependencies, formats);
    case 'list': {
      if (ids.length > 0) throw new UsageError('list takes no arguments');
      const { rows, diagnostics } = await listDocuments(io.cwd, values.out);
      io.stdout(rows);
      if (diagnostics.length > 0) io.stderr(formatReport(diagnostics));
      return hasErrors(diagnostics) ? exitCodes.input : exitCodes.ok;
    }
    case 'verify': {
      if (ids.length > 0) throw new UsageError('verify takes no arguments');
      if (!values.sources) throw new UsageError('verify needs --sources DIR, the folder of the papers\' text files');
      const result = await verify({ root: io.cwd, sourcesDir: values.sources });
      const failed = hasErrors(result.diagnostics);
      if (result.diagnostics.length > 0 || !values.quiet) (failed ? io.stderr : io.stdout)(formatReport(result.diagnostics));
      if (!values.quiet) io.stdout(result.reuseReport);
      if (!values.quiet) io.stdout(`verified ${result.checked} finding${result.checked === 1 ? '' : 's'} against their sources`);
      return failed ? exitCodes.input : exitCodes.ok;
    }
    case 'findings':
      return runFindings(ids, values, io);
    case 'new':
      return runNew(ids, values, io);
    case 'styles': {
      const styles = await listStyles(defaultCslDirs, ids.join(' '));
      if (styles.length === 0) {
        io.stderr(`brief: no installed style matches "${ids.join(' ')}" in ${defaultCslDirs.styles}`);
        return exitCodes.input;
      }
      io.stdout(formatStyles(styles));
      return exitCodes.ok;
    }
    case 'bib': {
      const [action, file, ...rest] = ids;
      if (!(bibActions as readonly string[]).includes(action ?? '')) {
        throw new UsageError(action ? `unknown bib command "${action}"; choose from ${bibActions.join(', ')}` : `bib needs a command: ${bibActions.join(', ')}`);
      }
      if (rest.length > 0) throw new UsageError(`bib ${action} takes one file`);
      if (values.merge && action !== 'fix') throw new UsageError('--merge is an option of bib fix');
      if (values.check && action === 'check') throw new UsageError('bib check only reports; --check is for bib fmt and bib fix');
      return runBib(action as BibAction, file, { check: values.check, merge: values.merge, quiet: values.quiet }, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"`, didYouMean(command ?? '', commands));
  }
}

/** A parse failure of node's parseArgs as a usage error, with the closest option to an unknown one. */
function parseError(error: Error, argv: readonly string[]): UsageError {
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(error.message);
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(error.message);
  if (missing) return new UsageError(`${missing[1]} needs a value`);
  if (!unknown) return new UsageError(error.message.split(/\. (?=[A-Z])/)[0]!.replace(/\.$/, ''));
  const given = unknown[2]!;
  // The options of the command the line names come first (a word after an option may be its value: a hint only).
  const command = commandOf(argv.filter((arg) => !arg.startsWith('-')))[0]!;
  const own = optionsOf(command);
  const near = (closest(given, own).length > 0 ? closest(given, own) : closest(given, Object.keys(cliOptions))).map((name) => `--${name}`);
  return new UsageError(`unknown option "${unknown[1]}${given}"`, near.length > 0 ? `Did you mean ${near.join(', ')}?` : undefined);
}

/** The first word of `brief WORD …` when WORD is not a command: it must name a document in briefs/. */
async function checkImplicitBuild(word: string, root: string): Promise<void> {
  const documents = (await nodeFileSystem.list(join(root, projectPaths.briefs))).filter((name) => /\.ya?ml$/.test(name)).map((name) => name.replace(/\.ya?ml$/, ''));
  if (documents.includes(word)) return;
  const near = closest(word, [...commands, ...documents]);
  throw new UsageError(
    `"${word}" is neither a command nor a document in ${projectPaths.briefs}/`,
    near.length > 0 ? `Did you mean ${near.map((n) => `"${n}" (${commands.includes(n) ? 'command' : 'document'})`).join(', ')}?` : 'Run "brief list" to see the documents.',
  );
}

type Values = ReturnType<typeof parseArgs<{ options: typeof cliOptions; allowPositionals: true }>>['values'];

/** Country codes from repeated or comma-separated --country options, in upper case; unknown ones are usage errors. */
function parseCountries(values: readonly string[] | undefined): CountryCode[] {
  const codes = (values ?? []).flatMap((v) => v.split(',')).map((c) => c.trim().toUpperCase()).filter(Boolean);
  for (const code of codes) {
    if (!(countryCodes as readonly string[]).includes(code)) throw new UsageError(`unknown country "${code}"; choose from ${countryCodes.join(', ')}`, didYouMean(code, countryCodes));
  }
  return [...new Set(codes)] as CountryCode[];
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${option} "${value}"; choose from ${allowed.join(', ')}`, didYouMean(value, allowed));
}

async function runFindings(args: string[], values: Values, io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const subcommands = ['list', 'show', 'conflicts'];
  if (!sub || !subcommands.includes(sub)) {
    throw new UsageError(sub ? `unknown findings command "${sub}"; choose from ${subcommands.join(', ')}` : `findings needs a command: ${subcommands.join(', ')}`, sub ? didYouMean(sub, subcommands) : undefined);
  }
  const filters = values.country || values.topic || values.metric || values.source || values.json;
  if (sub !== 'list' && filters) throw new UsageError(`--country, --topic, --metric, --source and --json are options of findings list`);
  if (sub !== 'show' && (values.sources || values.out)) throw new UsageError(`--sources and --out are options of findings show`);
  if (sub === 'show' ? rest.length !== 1 : rest.length > 0) throw new UsageError(sub === 'show' ? 'findings show takes one finding id' : `findings ${sub} takes no arguments`);
  const { project, diagnostics } = await loadProject(io.cwd, nodeFileSystem);
  const problems = diagnostics.filter((d) => !d.file.startsWith('briefs/'));
  if (problems.length > 0) io.stderr(formatReport(problems));
  const status = hasErrors(problems) ? exitCodes.input : exitCodes.ok;
  switch (sub) {
    case 'conflicts':
      io.stdout(formatConflicts(findConflicts(project.findings, new IndependentSources(project.reuses)).groups));
      return status;
    case 'list': {
      const topic = oneOf('topic', values.topic, topics);
      const known = (name: 'metric' | 'source', value: string | undefined, all: Iterable<string>) => {
        const set = new Set(all);
        if (value !== undefined && !set.has(value)) throw new UsageError(`no finding has the ${name} "${value}"`, didYouMean(value, set));
      };
      known('metric', values.metric, project.findings.flatMap(({ finding }) => (finding.metric ? [finding.metric.name] : [])));
      known('source', values.source, project.findings.flatMap(({ finding }) => [finding.source, ...(finding.primary ? [finding.primary] : [])]));
      const found = filterFindings(project.findings, { countries: parseCountries(values.country), topic, metric: values.metric, source: values.source });
      io.stdout(values.json ? findingsJson(found) : found.length > 0 ? formatFindingsTable(found) : 'No finding matches.');
      return status;
    }
    default: {
      const id = rest[0]!;
      const finding = project.findings.find((f) => f.finding.id === id);
      if (!finding) {
        const near = closest(id, project.findings.map((f) => f.finding.id));
        io.stderr(`brief: unknown finding "${id}"${near.length > 0 ? `\n  hint: Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}`);
        return exitCodes.input;
      }
      const manifest = await readManifest(resolve(io.cwd, values.out ?? 'out'), `Briefwright ${version}`);
      io.stdout(await showFinding(finding, { project, fs: nodeFileSystem, sourcesDir: values.sources && resolve(io.cwd, values.sources), manifest }));
      return status;
    }
  }
}

async function runNew(args: string[], values: Values, io: CliIo): Promise<number> {
  if (args.length !== 1) throw new UsageError(args.length === 0 ? 'new needs the id of the document to create, e.g. brief new uzbekistan-2027 --kind brief --country UZ' : 'new takes one document id');
  const id = args[0]!;
  const problem = documentIdProblem(id, commands);
  if (problem) throw new UsageError(problem);
  if (!values.kind) throw new UsageError(`new needs --kind: ${documentKinds.join(', ')}`);
  const kind = oneOf('kind', values.kind, documentKinds)!;
  const countries = parseCountries(values.country);
  if (countries.length === 0) throw new UsageError(`new needs --country (${countryCodes.join(', ')})`);
  if (kind === 'comparison' && countries.length < 2) throw new UsageError('a comparison needs at least two countries (--country UZ,KZ)');
  const lang = oneOf('language', values.lang, languages) ?? 'en';
  const { project } = await loadProject(io.cwd, nodeFileSystem);
  const today = new Date((io.clock ?? Date.now)());
  const written = await writeNewSpec(io.cwd, id, newBriefSpec({ id, kind, countries, lang, today }, project.findings));
  if (!written) {
    io.stderr(`brief: briefs/${id}.yaml exists already; choose another id, or edit that spec`);
    return exitCodes.input;
  }
  if (!values.quiet) io.stdout(`wrote ${written}\nnext: brief findings list --country ${countries.join(',')}, then brief preview ${id}`);
  return exitCodes.ok;
}

/** `brief preview ID` and `brief watch [ID…]`: they run until interrupted (Ctrl-C). */
async function runWatch(command: 'preview' | 'watch', ids: string[], values: Values, io: CliIo, dependencies: Partial<BuildDependencies>, formats: OutputFormat[] | undefined): Promise<number> {
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout takes a number of seconds, got "${values.timeout}"`);
  const limits = timeout ? { renderTimeoutMs: timeout * 1000 } : undefined;
  const log = (text: string, failed: boolean) => (failed ? io.stderr : io.stdout)(text);
  if (command === 'preview') {
    if (ids.length !== 1) throw new UsageError('preview takes one document id');
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number (0-65535), got "${values.port}"`);
    await checkImplicitBuild(ids[0]!, io.cwd);
    const preview = await startPreview({ root: io.cwd, id: ids[0]!, outDir: values.out, port, limits, log }, dependencies);
    io.stdout(`previewing ${ids[0]} at ${preview.url} (Ctrl-C to stop)`);
    await preview.ready.catch(() => undefined);
  } else {
    for (const id of ids) await checkImplicitBuild(id, io.cwd);
    const watch = watchProject(
      {
        root: io.cwd,
        ids,
        outDir: values.out,
        formats,
        limits,
        onBuild: ({ changed, result, startedAt, finishedAt }) => {
          const failed = hasErrors(result.diagnostics);
          if (result.diagnostics.length > 0) log(formatReport(result.diagnostics), failed);
          const after = changed.length > 0 ? ` after a change of ${changed.join(', ')}` : '';
          io.stdout(`built ${result.documents.length}, skipped ${result.skipped.length}${failed ? ', failed' : ''}${after} in ${Math.round(finishedAt - startedAt)} ms`);
        },
      },
      dependencies,
    );
    await watch.ready.catch(() => undefined);
    io.stdout(`watching ${ids.length > 0 ? ids.join(', ') : 'every document'} (Ctrl-C to stop)`);
  }
  // Until interrupted: the signal handler ends Chromium and the process.
  return new Promise<number>(() => undefined);
}

function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N, got "${value}"`);
  return { index, count };
}

/** On a terminal: one line rewritten in place with count, document, elapsed time and estimate. Elsewhere: plain lines. */
function progressReporter(io: CliIo, clock: () => number, started: number) {
  return ({ done, total, current }: Progress) => {
    const elapsed = (clock() - started) / 1000;
    if (io.progress) {
      const left = done > 0 ? (elapsed / done) * (total - done) : 0;
      io.progress(`[${done}/${total}] ${current}  ${elapsed.toFixed(1)} s elapsed, about ${left.toFixed(0)} s left`);
    } else {
      io.stdout(`[${done}/${total}] ${current}`);
    }
  };
}

function parseFormats(value: string | undefined): OutputFormat[] | undefined {
  if (value === undefined) return undefined;
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(outputFormats as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) {
    throw new UsageError(`unknown format "${unknown[0] ?? value}"; choose from ${outputFormats.join(', ')}`);
  }
  return formats as OutputFormat[];
}

function describeStack(error: unknown): string {
  const lines: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) lines.push(current.stack ?? current.message);
  return lines.join('\ncaused by: ');
}
