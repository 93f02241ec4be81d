import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';

export interface TemplateSet {
  /** Layout sources by document kind file name (brief.hbs …). */
  layouts: Map<string, string>;
  partials: Map<string, string>;
  /** Folders searched for assets (CSS, images), project first. */
  assetDirs: string[];
}

/** The templates shipped with Briefwright. */
export const builtinTemplatesDir = join(packageRoot, 'templates') + '/';

/**
 * Reads layouts and partials from the folders `templateDirs` gives: a file in the project's
 * templates/ folder overrides the built-in file of the same name.
 */
export async function loadTemplates(dirs: readonly string[]): Promise<TemplateSet> {
  const layouts = new Map<string, string>();
  const partials = new Map<string, string>();
  for (const dir of [...dirs].reverse()) {
    for (const name of await list(dir)) if (name.endsWith('.hbs')) layouts.set(name, await readFile(join(dir, name), 'utf8'));
    for (const name of await list(join(dir, 'partials'))) {
      if (name.endsWith('.hbs')) partials.set(name.slice(0, -4), await readFile(join(dir, 'partials', name), 'utf8'));
    }
  }
  return { layouts, partials, assetDirs: [...dirs] };
}

/** The folders templates and assets are read from, the project's first. */
export function templateDirs(projectTemplatesDir: string): string[] {
  return [...new Set([projectTemplatesDir, builtinTemplatesDir].map((d) => d.replace(/\/?$/, '/')))];
}

async function list(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}
