import { execa, ExecaError } from 'execa';
import { EnvironmentError } from '../diagnostics/errors.js';

export const minimumPandocVersion = [2, 11] as const;

export interface PandocOptions {
  from: string;
  to: string;
  args?: readonly string[];
  /** Milliseconds before pandoc is killed. */
  timeout?: number;
}

export interface PandocResult {
  output: string;
  /** Warnings pandoc printed on stderr, one per entry. */
  warnings: string[];
}

export interface Pandoc {
  version: string;
  run(input: string, options: PandocOptions): Promise<PandocResult>;
  /** For binary output formats such as docx. */
  runBinary(input: string, options: PandocOptions): Promise<Uint8Array>;
}

const installHint = 'Install it with `apt-get install pandoc` (or run `npm run setup` as root).';

/** Finds pandoc, checks its version, and returns a typed runner that feeds input on stdin. */
export async function createPandoc(executable = process.env.BRIEFWRIGHT_PANDOC ?? 'pandoc'): Promise<Pandoc> {
  let versionText: string;
  try {
    versionText = (await execa(executable, ['--version'], { timeout: 10_000 })).stdout;
  } catch (cause) {
    throw new EnvironmentError(`pandoc was not found (tried "${executable}")`, installHint, { cause });
  }
  const version = /pandoc(?:\.exe)? (\d+(?:\.\d+)*)/.exec(versionText)?.[1] ?? '0';
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < minimumPandocVersion[0] || (major === minimumPandocVersion[0] && minor < minimumPandocVersion[1])) {
    throw new EnvironmentError(
      `pandoc ${version} is too old; Briefwright needs ${minimumPandocVersion.join('.')} or newer`,
      installHint,
    );
  }
  const exec = async <Encoding extends 'utf8' | 'buffer'>(input: string, options: PandocOptions, encoding: Encoding) => {
    try {
      return await execa(executable, ['--from', options.from, '--to', options.to, '--output', '-', ...(options.args ?? [])], {
        input,
        encoding,
        timeout: options.timeout ?? 60_000,
        maxBuffer: 256 * 1024 * 1024,
        stripFinalNewline: false,
      });
    } catch (cause) {
      const error = cause as ExecaError;
      const reason = error.timedOut ? `timed out after ${options.timeout ?? 60_000} ms` : String(error.stderr || error.shortMessage);
      throw new Error(`pandoc failed: ${reason}`, { cause });
    }
  };
  return {
    version,
    async run(input, options) {
      const result = await exec(input, options, 'utf8');
      return { output: result.stdout, warnings: splitWarnings(result.stderr) };
    },
    async runBinary(input, options) {
      return (await exec(input, options, 'buffer')).stdout;
    },
  };
}

function splitWarnings(stderr: string): string[] {
  return stderr
    .split(/\n(?=\[WARNING\])/)
    .map((w) => w.replace(/^\[WARNING\]\s*/, '').trim())
    .filter((w) => w.length > 0);
}
