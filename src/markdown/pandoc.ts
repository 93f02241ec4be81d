import { execa, type ExecaError } from 'execa';
import { EnvironmentError } from '../diagnostics/errors.js';

/** Since 2.17, pandoc's Lua filters can write HTML (pandoc.write), which convert-fragments.ts needs. */
export const minimumPandocVersion = [2, 17] as const;

export interface PandocOptions {
  from: string;
  to: string;
  args?: readonly string[];
  /** Milliseconds before pandoc is killed. */
  timeout?: number;
  /** Folder pandoc runs in. */
  cwd?: string;
  /** Environment variables for this run, on top of this process's own. */
  env?: Readonly<Record<string, string>>;
}

export interface PandocResult {
  output: string;
  /** Warnings pandoc printed on stderr, one per entry. */
  warnings: string[];
  /** Everything pandoc printed on stderr, as printed. */
  stderr?: string;
}

export interface Pandoc {
  run(input: string, options: PandocOptions): Promise<PandocResult>;
  /** For binary output formats such as docx. */
  runBinary(input: string, options: PandocOptions): Promise<Uint8Array>;
}

const installHint = 'Install it with `apt-get install pandoc` (or run `npm run setup` as root).';

/**
 * A typed runner for pandoc that feeds input on stdin. Its version is checked only when a run fails
 * (a pandoc older than the filter needs fails at once): a `pandoc --version` before every build would
 * be a process more on the way to the first document.
 */
export async function createPandoc(executable = process.env.BRIEFWRIGHT_PANDOC ?? 'pandoc'): Promise<Pandoc> {
  const exec = async <Encoding extends 'utf8' | 'buffer'>(input: string, options: PandocOptions, encoding: Encoding) => {
    try {
      return await execa(executable, ['--from', options.from, '--to', options.to, '--output', '-', ...(options.args ?? [])], {
        input,
        encoding,
        ...(options.env ? { env: options.env } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
        timeout: options.timeout ?? 60_000,
        maxBuffer: 256 * 1024 * 1024,
        stripFinalNewline: false,
      });
    } catch (cause) {
      const error = cause as ExecaError;
      if (error.timedOut) throw new Error(`pandoc failed: timed out after ${options.timeout ?? 60_000} ms`, { cause });
      if (error.exitCode === undefined && !error.isTerminated) throw notRunnable(executable, cause);
      await requireVersion(executable);
      throw new Error(`pandoc failed: ${String(error.stderr || error.shortMessage)}`, { cause });
    }
  };
  return {
    async run(input, options) {
      const result = await exec(input, options, 'utf8');
      return { output: result.stdout, warnings: splitWarnings(result.stderr), stderr: result.stderr };
    },
    async runBinary(input, options) {
      return (await exec(input, options, 'buffer')).stdout;
    },
  };
}

function notRunnable(executable: string, cause: unknown): EnvironmentError {
  return new EnvironmentError(`pandoc was not found (tried "${executable}")`, installHint, { cause });
}

/** Throws an EnvironmentError when pandoc cannot say its version or is older than Briefwright needs. */
async function requireVersion(executable: string): Promise<void> {
  let versionText: string;
  try {
    versionText = (await execa(executable, ['--version'], { timeout: 10_000 })).stdout;
  } catch (cause) {
    throw notRunnable(executable, cause);
  }
  const version = /pandoc(?:\.exe)? (\d+(?:\.\d+)*)/.exec(versionText)?.[1] ?? '0';
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < minimumPandocVersion[0] || (major === minimumPandocVersion[0] && minor < minimumPandocVersion[1])) {
    throw new EnvironmentError(`pandoc ${version} is too old; Briefwright needs ${minimumPandocVersion.join('.')} or newer`, installHint);
  }
}

function splitWarnings(stderr: string): string[] {
  return stderr
    .split(/\n(?=\[WARNING\])/)
    .map((w) => w.replace(/^\[WARNING\]\s*/, '').trim())
    .filter((w) => w.length > 0);
}
