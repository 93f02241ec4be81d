import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from './project.ts';

/**
 * The seed corpus: `BRIEFWRIGHT_SEEDS` when set, else the first `shared/seeds` folder found going up
 * from the repository (CI has it at ../shared/seeds; a git worktree sits deeper, e.g. wt/<branch>).
 * Undefined when this machine has no corpus.
 */
export function findSeeds(start = repoRoot, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.BRIEFWRIGHT_SEEDS;
  if (fromEnv) return existsSync(join(fromEnv, 'README.md')) ? resolve(fromEnv) : undefined;
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'seeds');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
