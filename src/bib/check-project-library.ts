import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ReadFileSystem } from '../load/file-system.js';
import { projectPaths, type Project } from '../load/load-project.js';
import { checkBibtex } from './check-bibtex.js';
import { citedKeys } from './cited-keys.js';
import { parseBibtex } from './parse-bibtex.js';

/**
 * The library checks of `brief bib check`, run by `brief check` and `brief build` on the project's
 * references.bib against what its briefs and findings cite. Nothing when the library could not be
 * loaded: its own diagnostic (missing file, encoding, syntax) already says why.
 */
export async function checkProjectLibrary(project: Project, fs: ReadFileSystem): Promise<Diagnostic[]> {
  if (!project.library.loaded) return [];
  const text = new TextDecoder().decode(await fs.readFile(join(project.root, projectPaths.references)));
  return checkBibtex(parseBibtex(text), { file: project.library.file, citations: citedKeys(project) });
}
