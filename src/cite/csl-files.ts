import { readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
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

/** Reads a CSL style by name from the styles folder, or by path; follows a dependent style to its parent. */
export async function loadStyle(nameOrPath: string, dirs: CslDirs, projectRoot: string): Promise<CslStyle> {
  const byPath = nameOrPath.endsWith('.csl');
  const path = byPath
    ? isAbsolute(nameOrPath) ? nameOrPath : resolve(projectRoot, nameOrPath)
    : join(dirs.styles, `${nameOrPath}.csl`);
  let xml = await readFile(path, 'utf8').catch(() => undefined);
  if (xml === undefined && !byPath) xml = await readFile(join(dirs.styles, 'dependent', `${nameOrPath}.csl`), 'utf8').catch(() => undefined);
  if (xml === undefined) {
    const names = await styleNames(dirs.styles);
    throw new StyleNotFound(nameOrPath, byPath ? path : dirs.styles, closest(basename(nameOrPath, '.csl'), names, 5));
  }
  if (!/<style[\s>]/.test(xml)) throw new Error(`${path} is not a CSL style (no <style> element)`);
  const parent = /<link[^>]*href="([^"]+)"[^>]*rel="independent-parent"/.exec(xml)?.[1];
  const dependentLocale = attribute(xml, 'default-locale');
  if (parent) {
    const parentStyle = await loadStyle(basename(parent), dirs, projectRoot);
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

/** A locale file by code: Briefwright's own (csl/locales/) first, then the system's folder. */
export async function loadLocale(code: string, dirs: CslDirs): Promise<string | undefined> {
  for (const folder of localeFolders(dirs)) {
    const xml = await readFile(join(folder, `locales-${code}.xml`), 'utf8').catch(() => undefined);
    if (xml !== undefined) return xml;
  }
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
