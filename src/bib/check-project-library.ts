import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project } from '../load/load-project.js';
import { checkBibtex } from './check-bibtex.js';
import { citedKeys } from './cited-keys.js';

/**
 * The library checks of `brief bib check`, run by `brief check` and `brief build` on the project's
 * references.bib against what its briefs and findings cite. Nothing when the library could not be
 * loaded: its own diagnostic (missing file, encoding, syntax) already says why.
 */
export function checkProjectLibrary(project: Project): Diagnostic[] {
  const { parsed, file } = project.library;
  if (!parsed) return [];
  return checkBibtex(parsed, { file, citations: citedKeys(project) });
}
