// The command line's grammar, apart from the CLI itself: bin/brief.js reads it (from its own small
// bundle, dist/command-line.cjs) to choose V8's settings before the CLI's code is loaded.
import { parseArgs } from 'node:util';

export const commands = ['build', 'check', 'list', 'verify', 'findings', 'bib'];

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
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

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
