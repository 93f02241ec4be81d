import { cp, mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli.ts';

export const fixtureDir = new URL('../fixtures/basic/', import.meta.url).pathname;
export const repoRoot = new URL('../../', import.meta.url).pathname;

/** A throwaway copy of a fixture project (by default tests/fixtures/basic), with files added or replaced. */
export async function makeProject(files: Record<string, string | Uint8Array> = {}, fixture = fixtureDir): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'briefwright-test-'));
  await cp(fixture, root, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

export async function removeProject(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

export async function cli(root: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: root });
  return { code, stdout, stderr };
}

/** Every file below a folder, relative, sorted (to prove a failed build wrote nothing). */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
  } catch {
    return [];
  }
}
