import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fontPackages, fontPackagesDir } from '../print/fonts.js';
import type { TemplateSet } from '../render/load-templates.js';
import { version } from '../version.js';
import type { OutputFormat } from './publish-documents.js';
import { sha256 } from './input-hash.js';

/** Identity of everything all documents depend on: templates, fonts, tool version, formats, the DOCX styles. */
export async function sharedInputs(templates: TemplateSet, formats: readonly OutputFormat[], referenceDocx?: string): Promise<string> {
  const fontDir = fontPackagesDir();
  const fontVersions = await Promise.all(
    fontPackages.map(async (pkg) => `${pkg}@${JSON.parse(await readFile(join(fontDir, pkg, 'package.json'), 'utf8')).version}`),
  );
  const css = templates.stylesheets;
  return JSON.stringify({
    version,
    formats: [...formats].sort(),
    layouts: [...templates.layouts],
    partials: [...templates.partials],
    css,
    fontVersions,
    // The DOCX styles (templates/reference.docx), when DOCX is built.
    ...(referenceDocx ? { referenceDocx: sha256(await readFile(referenceDocx)) } : {}),
  });
}
