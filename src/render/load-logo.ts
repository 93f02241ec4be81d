import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief } from '../load/load-project.js';
import { resolveProjectPath } from '../util/resolve-project-path.js';

const mimeTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml' };
export const maxLogoBytes = 512 * 1024;

/** The cover logo as a data: URL (the page may load nothing else), after checking its path stays in the project. */
export async function loadLogo(brief: LoadedBrief, root: string): Promise<{ logo?: { src: string; alt: string }; diagnostics: Diagnostic[] }> {
  const logo = brief.spec.logo;
  if (!logo) return { diagnostics: [] };
  const at = { file: brief.source.file, ...brief.source.positionOf(['logo', 'path']) };
  const resolved = await resolveProjectPath(root, logo.path);
  if (!resolved.ok) return { diagnostics: [diagnostic('unsafe-path', { ...at, message: `Logo ${resolved.reason}` })] };
  const type = mimeTypes[logo.path.split('.').pop()!.toLowerCase()];
  if (!type) return { diagnostics: [diagnostic('invalid-value', { ...at, message: `Logo "${logo.path}" is not a PNG, JPEG or SVG file` })] };
  const data = await readFile(resolved.path);
  if (data.byteLength > maxLogoBytes) {
    return { diagnostics: [diagnostic('limit-exceeded', { ...at, message: `Logo "${logo.path}" is ${Math.ceil(data.byteLength / 1024)} KiB; the limit is ${maxLogoBytes / 1024} KiB` })] };
  }
  return { logo: { src: `data:${type};base64,${data.toString('base64')}`, alt: logo.alt }, diagnostics: [] };
}
