import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { ReadFileSystem } from '../load/file-system.js';
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

/** Reads sources.yaml at the project root and the text file of every paper it maps, from `dir`. */
export async function loadSources(root: string, dir: string, fs: ReadFileSystem): Promise<{ sources: LoadedSources; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const sources: LoadedSources = { texts: new Map(), keys: new Set(), reuses: new Map() };
  const bytes = await readOrUndefined(fs, join(root, sourcesManifest));
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
    const text = await readOrUndefined(fs, join(dir, file));
    const at = parsed.source.positionOf(['sources', key]);
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

async function readOrUndefined(fs: ReadFileSystem, path: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
