import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { loadLibrary, type Library } from '../cite/load-library.js';
import { briefSchema, type BriefSpec } from '../schema/brief.js';
import { z } from 'zod';
import { findingSchema, findingsFileSchema, type Finding } from '../schema/finding.js';
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
  /** What the findings that could not be loaded seem to hold (their errors are reported at their cause). */
  unavailable: UnavailableFindings;
}

/**
 * Ids, metric names and sources of findings that failed to load, read as well as their text allows.
 * References to them are not reported again in every document that uses them: one cause, one error.
 */
export interface UnavailableFindings {
  ids: Set<string>;
  metrics: Set<string>;
  sources: Set<string>;
}

export const projectPaths = {
  briefs: 'briefs',
  findings: 'findings',
  references: 'references.bib',
  sources: 'sources.yaml',
};

/**
 * What a build session keeps of the files it parsed, by file and text: a file that has not changed
 * since the last build is not parsed or checked again (a preview reloads the project on every save).
 */
export interface LoadCache {
  yaml: Map<string, { text: string; parsed: ReturnType<typeof parseYaml> }>;
  shapes: WeakMap<SourceYaml, Map<string, ReturnType<typeof validateShape>>>;
  library?: { text: string; loaded: ReturnType<typeof loadLibrary> };
}

const schemaIds = new WeakMap<object, number>();
let schemaCount = 0;
function schemaId(schema: object): number {
  if (!schemaIds.has(schema)) schemaIds.set(schema, ++schemaCount);
  return schemaIds.get(schema)!;
}

export function newLoadCache(): LoadCache {
  return { yaml: new Map(), shapes: new WeakMap() };
}

/** Reads and shape-checks every spec, findings file and the library (first validation pass). */
export async function loadProject(
  root: string,
  fs: ReadFileSystem,
  limits: Pick<Limits, 'fileBytes' | 'yamlAliases' | 'yamlDepth' | 'bibExpandedChars'> = defaultLimits,
  cache?: LoadCache,
): Promise<{ project: Project; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const parse = (relative: string, text: string) => {
    const cached = cache?.yaml.get(relative);
    if (cached?.text === text) return cached.parsed;
    const parsed = parseYaml(relative, text, limits);
    cache?.yaml.set(relative, { text, parsed });
    return parsed;
  };
  const validate: typeof validateShape = (source, schema, at = []) => {
    const key = `${schemaId(schema)}\0${at.join('\0')}`;
    let bySchema = cache?.shapes.get(source);
    if (cache && !bySchema) cache.shapes.set(source, (bySchema = new Map()));
    const known = bySchema?.get(key);
    if (known) return known as ReturnType<typeof validateShape<typeof schema>>;
    const checked = validateShape(source, schema, at);
    bySchema?.set(key, checked);
    return checked;
  };
  // The text of every file read, so that nothing is read twice (nor past the file policy).
  const texts = new Map<string, string>();
  // Files are read ahead of their turn, a few at a time, and taken in order: the file policy's checks
  // are several system calls a file, and one file after another would wait for each of them (200
  // specs: ~70 ms). A bounded number in flight keeps a large project within the open-file limit.
  const readAhead = 16;
  const toRead: string[] = [];
  const reads = new Map<string, Promise<{ bytes: Uint8Array } | { error: unknown }>>();
  const startReading = (relative: string) => {
    // The library holds every work of the project, so it gets a larger allowance than one spec.
    const limit = relative === projectPaths.references ? limits.fileBytes * 8 : limits.fileBytes;
    const reading = fs.readFile(join(root, relative), { within: root, maxBytes: limit }).then(
      (bytes) => ({ bytes }),
      (error: unknown) => ({ error }),
    );
    reads.set(relative, reading);
  };
  const readNext = () => {
    while (reads.size < readAhead && toRead.length > 0) startReading(toRead.shift()!);
  };
  const readText = async (relative: string): Promise<string | undefined> => {
    if (!reads.has(relative)) {
      if (toRead.includes(relative)) toRead.splice(toRead.indexOf(relative), 1);
      startReading(relative);
    }
    const read = await reads.get(relative)!;
    reads.delete(relative);
    readNext();
    let bytes: Uint8Array;
    try {
      if ('error' in read) throw read.error;
      bytes = read.bytes;
    } catch (error) {
      if (!(error instanceof RefusedFile) || error.kind === 'missing') throw error;
      diagnostics.push(refusedFileDiagnostic(relative, error));
      return undefined;
    }
    const decoded = decodeText(relative, bytes);
    diagnostics.push(...decoded.diagnostics);
    if (decoded.text !== undefined) {
      diagnostics.push(...controlCharacters(relative, decoded.text));
      texts.set(relative, decoded.text);
    }
    return decoded.text;
  };
  const readYaml = async (relative: string): Promise<SourceYaml | undefined> => {
    const text = await readText(relative);
    if (text === undefined) return undefined;
    const parsed = parse(relative, text);
    diagnostics.push(...parsed.diagnostics);
    return parsed.source;
  };

  const briefNames = (await fs.list(join(root, projectPaths.briefs))).filter(isYaml);
  const findingNames = (await fs.list(join(root, projectPaths.findings))).filter(isYaml);
  // The files in the order they are read below.
  toRead.push(
    ...briefNames.filter((name) => documentIdPattern.test(name.replace(/\.ya?ml$/, ''))).map((name) => `${projectPaths.briefs}/${name}`),
    ...findingNames.map((name) => `${projectPaths.findings}/${name}`),
    projectPaths.references,
    projectPaths.sources,
  );
  readNext();

  const briefs: LoadedBrief[] = [];
  const brokenBriefs: string[] = [];
  for (const name of briefNames) {
    const id = name.replace(/\.ya?ml$/, '');
    if (!documentIdPattern.test(id)) {
      diagnostics.push(
        diagnostic('invalid-id', { file: `${projectPaths.briefs}/${name}`, message: `The document id ${JSON.stringify(id)} (the file name) is not lowercase letters, digits and hyphens` }),
      );
      brokenBriefs.push(id);
      continue;
    }
    const source = await readYaml(`${projectPaths.briefs}/${name}`);
    const checked = source && validate(source, briefSchema);
    if (checked) diagnostics.push(...checked.diagnostics);
    if (source && checked?.value) briefs.push({ id, spec: checked.value, source });
    else brokenBriefs.push(id);
  }

  const findings: LoadedFinding[] = [];
  const unavailable: UnavailableFindings = { ids: new Set(), metrics: new Set(), sources: new Set() };
  for (const name of findingNames) {
    const file = `${projectPaths.findings}/${name}`;
    const source = await readYaml(file);
    const checked = source && validate(source, findingsListSchema);
    if (!source || !checked?.value) {
      if (checked) diagnostics.push(...checked.diagnostics);
      // The file's own error says what is wrong; what it seems to define is set aside.
      collectUnavailable(unavailable, texts.get(file) ?? '', name);
      continue;
    }
    // Each finding is checked on its own, so that one bad finding leaves the others of its file usable.
    checked.value.findings.forEach((_, index) => {
      const path = ['findings', index];
      const one = validate(source, findingSchema, path);
      diagnostics.push(...one.diagnostics);
      if (one.value) findings.push({ finding: one.value, source, path });
      else collectUnavailable(unavailable, JSON.stringify(checked.value!.findings[index] ?? null), name);
    });
  }

  let libraryText: string | undefined;
  try {
    libraryText = await readText(projectPaths.references);
  } catch (error) {
    if (!(error instanceof RefusedFile) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    diagnostics.push(diagnostic('missing-file', { file: projectPaths.references, message: 'The bibliography references.bib is missing' }));
  }
  // Macros that would expand past the limit: reported at their place, and the library is not expanded.
  // An unchanged library (a preview session's cache) was checked and read when it was first loaded.
  const cachedLibrary = libraryText !== undefined && cache?.library?.text === libraryText ? cache.library.loaded : undefined;
  // Parsed once: the expansion check and the library read the same blocks.
  let parsedLibrary = libraryText === undefined || cachedLibrary ? undefined : parseBibtexBlocks(libraryText);
  const bombs = parsedLibrary ? bibExpansionProblems(parsedLibrary, projectPaths.references, limits.bibExpandedChars) : [];
  diagnostics.push(...bombs);
  if (bombs.length > 0) [libraryText, parsedLibrary] = [undefined, undefined];
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

  const loaded = cachedLibrary ?? loadLibrary(projectPaths.references, libraryText ?? '', parsedLibrary);
  if (cache && libraryText !== undefined) cache.library = { text: libraryText, loaded };
  diagnostics.push(...loaded.diagnostics);
  if (libraryText === undefined) loaded.library.loaded = false;
  return { project: { root, briefs, findings, library: loaded.library, brokenBriefs, reuses, unavailable }, diagnostics };
}

const findingsListSchema = findingsFileSchema.extend({ findings: z.array(z.unknown()) });

/** Ids (`id: …`), metric names (`name: …`) and the source (the file's name) of findings that failed to load. */
function collectUnavailable(into: UnavailableFindings, text: string, fileName: string): void {
  into.sources.add(fileName.replace(/\.ya?ml$/, ''));
  for (const match of text.matchAll(/"?\b(id|name|source)"?\s*:\s*["']?([A-Za-z0-9_:.-]+)/g)) {
    into[match[1] === 'id' ? 'ids' : match[1] === 'name' ? 'metrics' : 'sources'].add(match[2]!);
  }
}

function isYaml(name: string): boolean {
  return /\.ya?ml$/.test(name);
}
