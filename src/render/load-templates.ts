import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { packageRoot } from '../util/package-root.js';
import { readContainedFile, RefusedFile } from '../policy/read-project-file.js';
import { refusedFileDiagnostic } from '../policy/input-text.js';
import { defaultLimits } from '../limits.js';

export interface TemplateSet {
  /** Layout sources by document kind file name (brief.hbs …). */
  layouts: Map<string, string>;
  partials: Map<string, string>;
  /** Folders searched for assets (CSS, images), project first. */
  assetDirs: string[];
  /** The text of each folder's brief.css ('' where there is none), in the order of `assetDirs`. */
  stylesheets: string[];
  /** Template files the file policy refused (a link leaving the folder, a FIFO, too large). */
  diagnostics: Diagnostic[];
}

/** The templates shipped with Briefwright. */
export const builtinTemplatesDir = join(packageRoot, 'templates') + '/';

/**
 * Reads layouts and partials from the folders `templateDirs` gives: a file in the project's
 * templates/ folder overrides the built-in file of the same name.
 */
export async function loadTemplates(dirs: readonly string[], maxBytes = defaultLimits.templateBytes): Promise<TemplateSet> {
  const layouts = new Map<string, string>();
  const partials = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  // Each file is read under the file policy: a regular file inside its templates folder, of bounded size.
  const read = async (dir: string, name: string): Promise<string | undefined> => {
    try {
      return (await readContainedFile(dir, name, maxBytes, 'the templates folder')).toString('utf8');
    } catch (error) {
      if (!(error instanceof RefusedFile)) throw error;
      // The project's templates/ by its path in the project; Briefwright's own as such.
      diagnostics.push(refusedFileDiagnostic(`${dir === builtinTemplatesDir ? 'briefwright:' : ''}${basename(dir)}/${name}`, error));
      return undefined;
    }
  };
  for (const dir of [...dirs].reverse()) {
    for (const name of await list(dir)) {
      const text = name.endsWith('.hbs') ? await read(dir, name) : undefined;
      if (text !== undefined) layouts.set(name, text);
    }
    for (const name of await list(join(dir, 'partials'))) {
      const text = name.endsWith('.hbs') ? await read(dir, `partials/${name}`) : undefined;
      if (text !== undefined) partials.set(name.slice(0, -4), text);
    }
  }
  const stylesheets = await Promise.all(dirs.map(async (dir) => ((await list(dir)).includes('brief.css') ? ((await read(dir, 'brief.css')) ?? '') : '')));
  return { layouts, partials, assetDirs: [...dirs], stylesheets, diagnostics };
}

/** The folders templates and assets are read from, the project's first. */
export function templateDirs(projectTemplatesDir: string): string[] {
  return [...new Set([projectTemplatesDir, builtinTemplatesDir].map((d) => d.replace(/\/?$/, '/')))];
}

async function list(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}
