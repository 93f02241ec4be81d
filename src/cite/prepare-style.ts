import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief } from '../load/load-project.js';
import { resolveProjectPath } from '../util/resolve-project-path.js';
import { registerStyle, type PreparedStyle } from './citation-engine.js';
import { loadLocale, loadStyle, localeFolders, localeFor, missingLocaleHint, StyleNotFound, type CslDirs } from './csl-files.js';
import { languagePack } from '../languages/index.js';
import { EnvironmentError } from '../diagnostics/errors.js';
import { RefusedFile } from '../policy/read-project-file.js';
import { refusalRule } from '../policy/input-text.js';
import { defaultLimits, type Limits } from '../limits.js';

/**
 * A document's citation style with its locale and the en-US fallback, read and registered once per
 * build for each pair (`cache`); a style or locale that cannot be found is a diagnostic at the spec's
 * `style` or `lang`.
 */
export async function prepareStyle(
  brief: LoadedBrief,
  root: string,
  dirs: CslDirs,
  diagnostics: Diagnostic[],
  cache: Map<string, Promise<unknown>>,
  limits: Pick<Limits, 'cslStyleBytes' | 'cslLocaleBytes'> = defaultLimits,
): Promise<PreparedStyle | undefined> {
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as Promise<T>;
  };
  const { spec, source } = brief;
  const at = source.positionOf(source.rangeOf(['style']) ? ['style'] : []);
  try {
    // A spec without a style gets its language's (GOST R 7.0.5 for Russian documents).
    let name = spec.style ?? languagePack(spec.lang).defaultStyle;
    if (name.endsWith('.csl')) {
      // A style given by path is a file of the project like any other: it may not point outside it.
      const resolved = await resolveProjectPath(root, name);
      if (!resolved.ok) {
        diagnostics.push(diagnostic('unsafe-path', { file: source.file, ...at, message: `Citation style ${resolved.reason}` }));
        return undefined;
      }
      name = resolved.path;
    }
    const style = await once(`style\0${name}`, () => loadStyle(name, dirs, root, limits));
    const code = localeFor(spec.lang, style.defaultLocale);
    const [localeXml, fallbackXml] = await Promise.all([once(`locale\0${code}`, () => loadLocale(code, dirs, limits)), once('locale\0en-US', () => loadLocale('en-US', dirs, limits))]);
    if (!localeXml || !fallbackXml) {
      diagnostics.push(
        diagnostic('missing-locale', {
          file: source.file,
          ...source.positionOf(['lang']),
          message: `No CSL locale ${!localeXml ? code : 'en-US'} in ${localeFolders(dirs).join(' or ')}`,
          hint: await missingLocaleHint(!localeXml ? code : 'en-US', dirs),
        }),
      );
      return undefined;
    }
    return once(`prepared\0${name}\0${code}`, async () => registerStyle(style, { code, xml: localeXml }, { code: 'en-US', xml: fallbackXml }));
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    if (error instanceof RefusedFile) {
      // A style file the file policy refuses fails the documents that use it, naming the file.
      diagnostics.push(diagnostic(refusalRule(error), { file: source.file, ...at, message: `Citation style file ${error.message}` }));
    } else if (error instanceof StyleNotFound) {
      diagnostics.push(
        diagnostic('unknown-style', {
          file: source.file,
          ...at,
          message: error.message,
          hint: error.suggestions.length > 0 ? `Closest styles: ${error.suggestions.join(', ')}.` : undefined,
        }),
      );
    } else {
      diagnostics.push(diagnostic('invalid-style', { file: source.file, ...at, message: (error as Error).message }));
    }
    return undefined;
  }
}
