import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { EnvironmentError } from '../diagnostics/errors.js';
import { readContainedFile, RefusedFile } from '../policy/read-project-file.js';
import { defaultLimits, type Limits } from '../limits.js';
import { closest } from '../util/closest.js';
import { languagePack, languages } from '../languages/index.js';
import { packageRoot } from '../util/package-root.js';

/** The CSL locales Briefwright ships, for languages no CSL locale exists for (Uzbek, Kazakh). */
export const shippedLocales = join(packageRoot, 'csl', 'locales');

/**
 * Where Debian's citation-style-language-styles and -locales packages put their files (or the folders
 * the environment names instead). Locales are looked up in Briefwright's own folder first.
 */
export const defaultCslDirs: CslDirs = {
  styles: process.env.BRIEFWRIGHT_CSL_STYLES ?? '/usr/share/citation-style-language/styles',
  locales: process.env.BRIEFWRIGHT_CSL_LOCALES ?? '/usr/share/citation-style-language/locales',
};
export interface CslDirs {
  styles: string;
  locales: string;
  /** Locales looked up before `locales` (default: the ones Briefwright ships, csl/locales/). */
  ownLocales?: string;
}

export interface CslStyle {
  /** Name used to register the style with citation-js (unique per file). */
  name: string;
  path: string;
  xml: string;
  defaultLocale?: string;
  /** True for numeric styles such as IEEE, where the bibliography is in citation order. */
  numeric: boolean;
  /**
   * False for styles that print a locator without its label because they take every locator for a
   * page (GOST R 7.0.5: `<text variable="locator" prefix=", с. "/>`).
   */
  labelsLocators: boolean;
  /** False for styles whose citations print no locator at all (Vancouver, Nature: the number alone). */
  printsLocators: boolean;
}

export class StyleNotFound extends Error {
  constructor(
    readonly requested: string,
    readonly folder: string,
    readonly suggestions: string[],
  ) {
    super(`Unknown citation style "${requested}": no ${requested}.csl in ${folder}`);
  }
}

/**
 * Reads a CSL style by name from the styles folder, or by path; follows a dependent style to its parent.
 * Either way under the file policy (src/policy/read-project-file.ts): a regular file inside its
 * folder (the styles folder, or the project), no larger than the limit; a refused file throws
 * `RefusedFile`, a missing styles folder an `EnvironmentError`.
 */
export async function loadStyle(
  nameOrPath: string,
  dirs: CslDirs,
  projectRoot: string,
  limits: Pick<Limits, 'cslStyleBytes'> = defaultLimits,
): Promise<CslStyle> {
  const byPath = nameOrPath.endsWith('.csl');
  const path = byPath
    ? isAbsolute(nameOrPath) ? nameOrPath : resolve(projectRoot, nameOrPath)
    : join(dirs.styles, `${nameOrPath}.csl`);
  const read = (folder: string, file: string, folderName: string) =>
    readContainedFile(folder, file, limits.cslStyleBytes, folderName).then(
      (bytes) => bytes.toString('utf8'),
      (error: unknown) => {
        if (error instanceof RefusedFile && error.kind === 'missing') return undefined;
        throw error;
      },
    );
  let xml = byPath ? await read(projectRoot, path, 'the project') : await read(dirs.styles, `${nameOrPath}.csl`, 'the styles folder');
  if (xml === undefined && !byPath) xml = await read(join(dirs.styles, 'dependent'), `${nameOrPath}.csl`, 'the styles folder');
  if (xml === undefined) {
    if (!byPath) await requireFolder(dirs.styles, 'styles', 'BRIEFWRIGHT_CSL_STYLES', 'citation-style-language-styles');
    const names = await styleNames(dirs.styles);
    throw new StyleNotFound(nameOrPath, byPath ? path : dirs.styles, closest(basename(nameOrPath, '.csl'), names, 5));
  }
  if (!/<style[\s>]/.test(xml)) throw new Error(`${path} is not a CSL style (no <style> element)`);
  // citeproc compiles a style recursively: a style nested deeper than any real one would end its stack.
  const depth = elementDepth(xml);
  if (depth > maxStyleDepth) throw new Error(`${basename(path)} nests its elements ${depth} levels deep; the limit is ${maxStyleDepth}`);
  const parent = /<link[^>]*href="([^"]+)"[^>]*rel="independent-parent"/.exec(xml)?.[1];
  const dependentLocale = attribute(xml, 'default-locale');
  if (parent) {
    const parentStyle = await loadStyle(basename(parent), dirs, projectRoot, limits);
    return { ...parentStyle, defaultLocale: dependentLocale ?? parentStyle.defaultLocale };
  }
  return {
    name: `briefwright:${path}`,
    path,
    xml,
    defaultLocale: dependentLocale,
    numeric: /citation-format="numeric"/.test(xml),
    labelsLocators: /<label\b[^>]*\bvariable="locator"/.test(xml),
    printsLocators: /variable="locator"/.test(xml),
  };
}

/** A CSL folder that does not exist is a machine without the package: exit 3 with the fix, not an input error. */
async function requireFolder(folder: string, what: string, variable: string, debianPackage: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (found?.isDirectory()) return;
  throw new EnvironmentError(
    `No CSL ${what} folder at ${folder}`,
    `Install them with \`apt-get install ${debianPackage}\` (or run \`npm run setup\` as root), or point ${variable} at a folder of CSL ${what}.`,
  );
}

/** Deepest element nesting of a CSL style (real ones stay under 20). */
export const maxStyleDepth = 64;

/** How deep the elements of an XML text nest, by its tags (comments and CDATA aside). */
function elementDepth(xml: string): number {
  let depth = 0;
  let deepest = 0;
  for (const tag of xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, '').matchAll(/<(\/?)[A-Za-z][^>]*?(\/?)>/g)) {
    if (tag[1]) depth--;
    else if (!tag[2]) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

function attribute(xml: string, name: string): string | undefined {
  return new RegExp(`<style[^>]*\\s${name}="([^"]+)"`).exec(xml)?.[1];
}

let cachedNames: Promise<string[]> | undefined;
async function styleNames(folder: string): Promise<string[]> {
  cachedNames ??= Promise.all([
    readdir(folder).catch(() => [] as string[]),
    readdir(join(folder, 'dependent')).catch(() => [] as string[]),
  ]).then(([a, b]) => [...a, ...b].filter((f) => f.endsWith('.csl')).map((f) => f.slice(0, -4)));
  return cachedNames;
}

/**
 * CSL locale code for a document language: the style's own default locale when it is in that
 * language (en-GB for harvard-cite-them-right in an English document, as pandoc does), else the
 * language's main locale.
 */
export function localeFor(lang: string, styleDefaultLocale?: string): string {
  if (styleDefaultLocale && styleDefaultLocale.split('-')[0]!.toLowerCase() === lang.toLowerCase()) return styleDefaultLocale;
  return languagePack(lang).cslLocale;
}

/** A locale code as CSL writes them (en-US, uz-Latn-UZ): it names a file, so nothing else. */
const localeCode = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

/**
 * A locale file by code: Briefwright's own (csl/locales/) first, then the system's folder, each read
 * under the file policy like a style; undefined when neither has it.
 */
export async function loadLocale(code: string, dirs: CslDirs, limits: Pick<Limits, 'cslLocaleBytes'> = defaultLimits): Promise<string | undefined> {
  if (!localeCode.test(code)) return undefined;
  for (const folder of localeFolders(dirs)) {
    try {
      return (await readContainedFile(folder, `locales-${code}.xml`, limits.cslLocaleBytes, 'the locales folder')).toString('utf8');
    } catch (error) {
      if (!(error instanceof RefusedFile) || error.kind !== 'missing') throw error;
    }
  }
  await requireFolder(dirs.locales, 'locales', 'BRIEFWRIGHT_CSL_LOCALES', 'citation-style-language-locales');
  return undefined;
}

export const localeFolders = (dirs: CslDirs): string[] => [...new Set([dirs.ownLocales ?? shippedLocales, dirs.locales])];

/**
 * A hint for a missing locale: the folder's locales of the same language, or, when it has none of that
 * language (Debian's set has no Uzbek one), where one can come from; the catalogue's hint without any.
 */
export async function missingLocaleHint(code: string, dirs: CslDirs): Promise<string | undefined> {
  const names = (await Promise.all(localeFolders(dirs).map((folder) => readdir(folder).catch(() => [] as string[]))))
    .flat()
    .map((f) => /^locales-(.+)\.xml$/.exec(f)?.[1])
    .filter((n) => n !== undefined);
  if (names.length === 0) return undefined;
  const language = code.split('-')[0]!.toLowerCase();
  const sameLanguage = names.filter((n) => n.split('-')[0]!.toLowerCase() === language);
  if (sameLanguage.length > 0) return `Closest locales: ${sameLanguage.slice(0, 5).join(', ')}; or choose another language.`;
  const covered = languages.filter((lang) => names.some((n) => n.split('-')[0]!.toLowerCase() === lang));
  return `The ${names.length} locales there have none in this language: add csl/locales/locales-${code}.xml (DEVELOPERS.md, "Adding a language")${covered.length > 0 ? `, or write the document in ${covered.join(' or ')}` : ''}.`;
}
