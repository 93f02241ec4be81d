import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { loadLibrary, type Library } from '../cite/load-library.js';
import { briefSchema, type BriefSpec } from '../schema/brief.js';
import { findingsFileSchema, type Finding } from '../schema/finding.js';
import { sourcesFileSchema } from '../schema/sources.js';
import { validateShape } from '../validate/validate-shape.js';
import type { ReadFileSystem } from './file-system.js';
import { decodeText, parseYaml, type SourceYaml } from './parse-yaml.js';
import { defaultLimits, type Limits } from '../limits.js';
import { RefusedFile } from '../policy/read-project-file.js';
import { bibExpansionProblems } from '../policy/bib-limits.js';
import { parseBibtex as parseBibtexBlocks } from '../bib/parse-bibtex.js';
import { controlCharacters, refusedFileDiagnostic } from '../policy/input-text.js';

/** A document id is its spec's file name: it names folders and files under out/, so nothing else. */
export const documentIdPattern = /^[a-z0-9][a-z0-9-]*$/;

export interface LoadedBrief {
  id: string;
  spec: BriefSpec;
  source: SourceYaml;
}

export interface LoadedFinding {
  finding: Finding;
  source: SourceYaml;
  /** YAML path of the finding inside its file. */
  path: (string | number)[];
}

export interface Project {
  root: string;
  briefs: LoadedBrief[];
  findings: LoadedFinding[];
  library: Library;
  /** Ids of briefs whose spec could not be read (for `list` and error reports). */
  brokenBriefs: string[];
  /** `reuses:` of sources.yaml: a paper's key → keys of papers whose text it repeats (empty without the file). */
  reuses: Map<string, string[]>;
}

export const projectPaths = {
  briefs: 'briefs',
  findings: 'findings',
  references: 'references.bib',
  sources: 'sources.yaml',
};

/** Reads and shape-checks every spec, findings file and the library (first validation pass). */
export async function loadProject(
  root: string,
  fs: ReadFileSystem,
  limits: Pick<Limits, 'fileBytes' | 'yamlAliases' | 'yamlDepth' | 'bibExpandedChars'> = defaultLimits,
): Promise<{ project: Project; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const readText = async (relative: string): Promise<string | undefined> => {
    // The library holds every work of the project, so it gets a larger allowance than one spec.
    const limit = relative === projectPaths.references ? limits.fileBytes * 8 : limits.fileBytes;
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(join(root, relative), { within: root, maxBytes: limit });
    } catch (error) {
      if (!(error instanceof RefusedFile) || error.kind === 'missing') throw error;
      diagnostics.push(refusedFileDiagnostic(relative, error));
      return undefined;
    }
    const decoded = decodeText(relative, bytes);
    diagnostics.push(...decoded.diagnostics);
    if (decoded.text !== undefined) diagnostics.push(...controlCharacters(relative, decoded.text));
    return decoded.text;
  };
  const readYaml = async (relative: string): Promise<SourceYaml | undefined> => {
    const text = await readText(relative);
    if (text === undefined) return undefined;
    const parsed = parseYaml(relative, text, limits);
    diagnostics.push(...parsed.diagnostics);
    return parsed.source;
  };

  const briefs: LoadedBrief[] = [];
  const brokenBriefs: string[] = [];
  for (const name of (await fs.list(join(root, projectPaths.briefs))).filter(isYaml)) {
    const id = name.replace(/\.ya?ml$/, '');
    if (!documentIdPattern.test(id)) {
      diagnostics.push(
        diagnostic('invalid-id', { file: `${projectPaths.briefs}/${name}`, message: `The document id ${JSON.stringify(id)} (the file name) is not lowercase letters, digits and hyphens` }),
      );
      brokenBriefs.push(id);
      continue;
    }
    const source = await readYaml(`${projectPaths.briefs}/${name}`);
    const checked = source && validateShape(source, briefSchema);
    if (checked) diagnostics.push(...checked.diagnostics);
    if (source && checked?.value) briefs.push({ id, spec: checked.value, source });
    else brokenBriefs.push(id);
  }

  const findings: LoadedFinding[] = [];
  for (const name of (await fs.list(join(root, projectPaths.findings))).filter(isYaml)) {
    const source = await readYaml(`${projectPaths.findings}/${name}`);
    if (!source) continue;
    const checked = validateShape(source, findingsFileSchema);
    diagnostics.push(...checked.diagnostics);
    checked.value?.findings.forEach((finding, index) => findings.push({ finding, source, path: ['findings', index] }));
  }

  let libraryText: string | undefined;
  try {
    libraryText = await readText(projectPaths.references);
  } catch (error) {
    if (!(error instanceof RefusedFile) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    diagnostics.push(diagnostic('missing-file', { file: projectPaths.references, message: 'The bibliography references.bib is missing' }));
  }
  // Macros that would expand past the limit: reported at their place, and the library is not expanded.
  const bombs = libraryText === undefined ? [] : bibExpansionProblems(parseBibtexBlocks(libraryText), projectPaths.references, limits.bibExpandedChars);
  diagnostics.push(...bombs);
  if (bombs.length > 0) libraryText = undefined;
  const reuses = new Map<string, string[]>();
  // sources.yaml is optional: a project without one records no reuse between its papers.
  const sources = await readYaml(projectPaths.sources).catch((error: unknown) => {
    if ((error instanceof RefusedFile && error.kind === 'missing') || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (sources) {
    const checked = validateShape(sources, sourcesFileSchema);
    diagnostics.push(...checked.diagnostics);
    for (const [key, others] of Object.entries(checked?.value?.reuses ?? {})) reuses.set(key, others);
  }

  const loaded = loadLibrary(projectPaths.references, libraryText ?? '');
  diagnostics.push(...loaded.diagnostics);
  if (libraryText === undefined) loaded.library.loaded = false;
  return { project: { root, briefs, findings, library: loaded.library, brokenBriefs, reuses }, diagnostics };
}

function isYaml(name: string): boolean {
  return /\.ya?ml$/.test(name);
}
