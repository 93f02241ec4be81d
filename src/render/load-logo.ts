import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief } from '../load/load-project.js';
import { resolveProjectPath } from '../util/resolve-project-path.js';
import { readContainedFile, RefusedFile } from '../policy/read-project-file.js';
import { defaultLimits } from '../limits.js';
import { refusalRule } from '../policy/input-text.js';

const mimeTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

/** The cover logo as a data: URL (the page may load nothing else), after checking its path stays in the project. */
export async function loadLogo(brief: LoadedBrief, root: string, maxBytes = defaultLimits.logoBytes): Promise<{ logo?: { src: string; alt: string }; diagnostics: Diagnostic[] }> {
  const logo = brief.spec.logo;
  if (!logo) return { diagnostics: [] };
  const at = { file: brief.source.file, ...brief.source.positionOf(['logo', 'path']) };
  const resolved = await resolveProjectPath(root, logo.path);
  if (!resolved.ok) return { diagnostics: [diagnostic('unsafe-path', { ...at, message: `Logo ${resolved.reason}` })] };
  const type = mimeTypes[logo.path.split('.').pop()!.toLowerCase()];
  if (!type) return { diagnostics: [diagnostic('invalid-value', { ...at, message: `Logo "${logo.path}" is not a PNG, JPEG or SVG file` })] };
  let data: Buffer;
  try {
    data = await readContainedFile(root, resolved.path, maxBytes);
  } catch (error) {
    if (!(error instanceof RefusedFile)) throw error;
    return { diagnostics: [diagnostic(refusalRule(error), { ...at, message: `Logo "${logo.path}" ${error.reason}` })] };
  }
  return { logo: { src: `data:${type};base64,${data.toString('base64')}`, alt: logo.alt }, diagnostics: [] };
}
