import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { ReadBounds, ReadFileSystem } from '../load/file-system.js';
import { defaultLimits, type Limits } from '../limits.js';
import { RefusedFile } from '../policy/read-project-file.js';
import { refusalRule, refusedFileDiagnostic } from '../policy/input-text.js';
import { decodeText, parseYaml, type SourceYaml } from '../load/parse-yaml.js';
import { sourcesFileSchema } from '../schema/sources.js';
import { validateShape } from '../validate/validate-shape.js';
import { prepareSource, type SourceText } from './find-passage.js';

export const sourcesManifest = 'sources.yaml';

export interface LoadedSources {
  manifest?: SourceYaml;
  /** Prepared texts by BibTeX key; a key whose file could not be read is absent. */
  texts: Map<string, SourceText>;
  /** Keys the manifest lists (readable or not). */
  keys: Set<string>;
  /** `reuses:` from the manifest: a paper's key → the keys of papers whose text it repeats. */
  reuses: Map<string, string[]>;
}

/**
 * Reads sources.yaml at the project root and the text file of every paper it maps, from `dir`, under
 * the file policy of every input: sources.yaml inside the project, each paper's file inside `dir`
 * (the folder named on the command line: a name in sources.yaml cannot climb out of it), regular
 * files only, and sizes checked before reading.
 */
export async function loadSources(root: string, dir: string, fs: ReadFileSystem, limits: Limits = defaultLimits): Promise<{ sources: LoadedSources; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const sources: LoadedSources = { texts: new Map(), keys: new Set(), reuses: new Map() };
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readOrUndefined(fs, join(root, sourcesManifest), { within: root, maxBytes: limits.fileBytes });
  } catch (error) {
    if (!(error instanceof RefusedFile)) throw error;
    diagnostics.push(refusedFileDiagnostic(sourcesManifest, error));
    return { sources, diagnostics };
  }
  if (!bytes) {
    diagnostics.push(diagnostic('missing-file', { file: sourcesManifest, message: 'The sources manifest sources.yaml is missing' }));
    return { sources, diagnostics };
  }
  const decoded = decodeText(sourcesManifest, bytes);
  diagnostics.push(...decoded.diagnostics);
  if (decoded.text === undefined) return { sources, diagnostics };
  const parsed = parseYaml(sourcesManifest, decoded.text);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.source) return { sources, diagnostics };
  sources.manifest = parsed.source;
  const checked = validateShape(parsed.source, sourcesFileSchema);
  diagnostics.push(...checked.diagnostics);
  if (!checked.value) return { sources, diagnostics };
  for (const [key, others] of Object.entries(checked.value.reuses ?? {})) sources.reuses.set(key, others);

  for (const [key, file] of Object.entries(checked.value.sources)) {
    sources.keys.add(key);
    const at = parsed.source.positionOf(['sources', key]);
    let text: Uint8Array | undefined;
    try {
      text = await readOrUndefined(fs, join(dir, file), { within: dir, maxBytes: limits.sourceTextBytes, folderName: 'the sources folder' });
    } catch (error) {
      if (!(error instanceof RefusedFile)) throw error;
      const hint = error.kind === 'outside' ? 'Name a file inside the folder given to --sources; ../, absolute paths and links leaving it are refused.' : undefined;
      diagnostics.push(diagnostic(refusalRule(error), { file: sourcesManifest, ...at, message: `The text of "${key}", ${file}, ${error.reason}`, ...(hint ? { hint } : {}) }));
      continue;
    }
    if (!text) {
      diagnostics.push(
        diagnostic('missing-source-text', { file: sourcesManifest, ...at, message: `No file ${file} in ${dir} (the text of "${key}")` }),
      );
      continue;
    }
    const decodedText = decodeText(file, text);
    if (decodedText.text === undefined) {
      diagnostics.push(diagnostic('invalid-encoding', { file: sourcesManifest, ...at, message: `${file} is not valid UTF-8` }));
      continue;
    }
    sources.texts.set(key, prepareSource(file, decodedText.text));
  }
  return { sources, diagnostics };
}

/** The file's bytes, or undefined when it does not exist; a file the policy refuses throws `RefusedFile`. */
async function readOrUndefined(fs: ReadFileSystem, path: string, bounds: ReadBounds): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(path, bounds);
  } catch (error) {
    if ((error instanceof RefusedFile && error.kind === 'missing') || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
