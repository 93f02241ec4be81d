// The command line's grammar, apart from the CLI itself: bin/brief.js reads it (from its own small
// bundle, dist/command-line.cjs) to choose V8's settings before the CLI's code is loaded.
import { parseArgs } from 'node:util';

export const commands = ['build', 'check', 'preview', 'watch', 'list', 'new', 'verify', 'findings', 'styles', 'bib'];

export const usage = `Usage: brief <command> [options]

Commands:
  build [ID…]   Build the named documents (all when none is named) into out/<id>/;
                the default command, so "brief uzbekistan" builds one document
  check         Validate every spec, finding, reference and template; render nothing
  preview ID [--port N]
                Build the document, show its HTML and PDF at http://127.0.0.1:N/ (a free
                port by default) and rebuild and reload them on every saved change;
                problems show on the page and here, over the last good output
  watch [ID…]   Build the named documents (all when none is named) and rebuild them on
                every saved change of a spec, finding, the library, a template or style
  list          List the documents with kind, countries, language and the page count
                of their last build
  new ID --kind brief|memo|comparison --country UZ [--lang en]
                Write briefs/ID.yaml: a document of that kind that builds as it is, with
                the countries' findings suggested in comments (never replaces a spec)
  verify --sources DIR
                Check every finding's evidence phrase and figure against the text of
                its paper; sources.yaml maps BibTeX keys to files in DIR
  findings list [--country C] [--topic T] [--metric M] [--source KEY] [--json]
                List the findings, filtered
  findings show ID [--sources DIR]
                A finding's value, as-of date, source and locator, evidence, whether the
                evidence is in the paper (with --sources), conflicts and the documents using it
  findings conflicts
                List the findings that state the same fact differently
  styles [TEXT] List the installed citation styles (name, format, title) that match TEXT
  bib fmt [FILE]
                Rewrite a BibTeX library (default: references.bib) in the canonical form:
                fields in a fixed order, entries sorted by key; --check only reports
  bib check [FILE]
                Check a library: duplicate keys and works, key style, required fields,
                DOIs, ISBNs, braces, @string macros, entries no brief or finding cites
  bib fix [FILE]
                Apply the safe fixes (DOI prefixes, months, page ranges, whitespace) and
                propose merges of duplicates; --merge applies them, --check only reports

Options:
  --out DIR         Output folder (default: out)
  --format LIST     Comma-separated output formats: pdf, html, docx (default: pdf,html)
  --sources DIR     Folder of the papers' text files (verify, findings show; build: the
                    evidence lists say whether each phrase was found in its paper)
  --kind KIND       brief, memo or comparison (new)
  --country CODE    UZ, KZ, TM, KG, TJ, CA or XX; repeat or separate with commas (new, findings list)
  --lang LANG       en, ru or uz (new; default en)
  --topic, --metric, --source
                    Filters of findings list: a topic, a metric name, a BibTeX key
  --json            findings list as JSON
  --port N          Port of the preview server on 127.0.0.1 (default: a free one)
  --force           Rebuild documents whose inputs have not changed
  --timeout SECONDS Longest time one document may take to print (default: 60)
  --shard K/N       Build only the K-th of N deterministic parts of the documents (CI matrices)
  --check           Report what bib fmt or bib fix would change, write nothing (exit 1 if anything)
  --merge           Let bib fix merge probable duplicates
  --quiet           Print only problems
  --timings         Print how long each stage of the build took (on stderr)
  -h, --help        Show this help
  -v, --version     Show the version

Exit codes: 0 success, 1 input errors, 2 usage errors, 3 missing environment (Chromium, pandoc, CSL files).`;

export const cliOptions = {
  out: { type: 'string' },
  format: { type: 'string' },
  sources: { type: 'string' },
  force: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  shard: { type: 'string' },
  check: { type: 'boolean', default: false },
  merge: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  timings: { type: 'boolean', default: false },
  kind: { type: 'string' },
  country: { type: 'string', multiple: true },
  lang: { type: 'string' },
  topic: { type: 'string' },
  metric: { type: 'string' },
  source: { type: 'string' },
  json: { type: 'boolean', default: false },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

export type OptionName = keyof typeof cliOptions;

/** Options every command takes. */
const commonOptions: readonly OptionName[] = ['help', 'version', 'quiet'];

/** The options each command takes besides the common ones; any other is a usage error. */
export const commandOptions: Record<string, readonly OptionName[]> = {
  build: ['out', 'format', 'force', 'timeout', 'shard', 'timings', 'sources'],
  check: ['timings'],
  preview: ['out', 'port', 'timeout'],
  watch: ['out', 'format', 'timeout'],
  list: ['out'],
  new: ['kind', 'country', 'lang'],
  verify: ['sources'],
  findings: ['country', 'topic', 'metric', 'source', 'json', 'sources', 'out'],
  styles: [],
  bib: ['check', 'merge'],
};

/** Every option a command takes, the common ones included. */
export function optionsOf(command: string): OptionName[] {
  return [...commonOptions, ...(commandOptions[command] ?? [])];
}

/** Why `option` cannot be given to `command` (naming the commands that take it), or undefined when it can. */
export function misplacedOption(command: string, option: string): string | undefined {
  const name = option as OptionName;
  if (commonOptions.includes(name) || commandOptions[command]?.includes(name)) return undefined;
  const owners = commands.filter((c) => commandOptions[c]?.includes(name));
  return `--${option} is not an option of ${command}${owners.length > 0 ? `; ${owners.join(', ')} ${owners.length === 1 ? 'takes' : 'take'} it` : ''}`;
}

/** The command and its arguments: `brief uzbekistan` (so `npm run brief -- uzbekistan`) means `brief build uzbekistan`. */
export function commandOf(positionals: readonly string[]): string[] {
  return commands.includes(positionals[0] ?? '') ? [...positionals] : ['build', ...positionals];
}

/** A command line's options and its command with arguments, or undefined when it does not parse. */
function parse(argv: readonly string[]) {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: cliOptions });
    return { values, command: commandOf(positionals) };
  } catch {
    return undefined;
  }
}

/** `help` or `version` when that is all a command line asks (as the CLI answers it: help first). */
export function helpOrVersion(argv: readonly string[]): 'help' | 'version' | undefined {
  const parsed = parse(argv);
  return parsed?.values.help ? 'help' : parsed?.values.version ? 'version' : undefined;
}

/** The command a command line runs (`build` for `brief uzbekistan`); none for --help, --version or a line that does not parse. */
export function commandName(argv: readonly string[]): string | undefined {
  const parsed = parse(argv);
  return !parsed || parsed.values.help || parsed.values.version ? undefined : parsed.command[0];
}

/**
 * The documents a command line names for building (`brief uzbekistan`, `brief build a b`); none for
 * other commands, for a build of every document, or for a command line that does not parse.
 */
export function namedDocuments(argv: readonly string[]): string[] {
  const [command, ...ids] = parse(argv)?.command ?? [];
  return command === 'build' ? ids : [];
}

/**
 * V8 flags for a command line. Building one or two named documents is over in a few seconds, before
 * V8's optimizing compiler pays back the processor time it takes from Chromium on small machines; a
 * batch keeps it. Set before the CLI's code is compiled: V8's code cache is valid for one set of flags.
 */
export function v8FlagsFor(argv: readonly string[]): string[] {
  const named = namedDocuments(argv).length;
  return named > 0 && named <= 2 ? ['--no-opt'] : [];
}
