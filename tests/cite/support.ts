import { readFile } from 'node:fs/promises';
import { makeProject } from '../support/project.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { registerStyle, type PreparedStyle } from '../../src/cite/citation-engine.ts';
import { parseBibtex, type CslItem } from '../../src/cite/citation-js.ts';
import { defaultCslDirs, loadLocale, loadStyle, localeFor } from '../../src/cite/csl-files.ts';

export const citationsFixture = new URL('../fixtures/citations/', import.meta.url).pathname;

/** The five styles Briefwright promises to render correctly, with the document language each is tested in. */
export const testedStyles = [
  { style: 'apa', lang: 'en' },
  { style: 'chicago-author-date', lang: 'en' },
  { style: 'harvard-cite-them-right', lang: 'en' },
  { style: 'ieee', lang: 'en' },
  { style: 'gost-r-7-0-5-2008', lang: 'ru' },
] as const;

/** A style and locale read from Debian's CSL folders, as `build()` prepares them. */
export async function prepare(styleName: string, lang = 'en'): Promise<PreparedStyle> {
  const style = await loadStyle(styleName, defaultCslDirs, citationsFixture);
  const code = localeFor(lang, style.defaultLocale);
  const [xml, fallback] = await Promise.all([loadLocale(code, defaultCslDirs), loadLocale('en-US', defaultCslDirs)]);
  if (!xml || !fallback) throw new Error(`no locale ${code}`);
  return registerStyle(style, { code, xml }, { code: 'en-US', xml: fallback });
}

export async function fixtureItems(): Promise<CslItem[]> {
  return parseBibtex(await readFile(`${citationsFixture}references.bib`, 'utf8'));
}

const run = promisify(execFile);

/** Runs a command with text on stdin. */
export async function runWithInput(command: string, args: string[], input: string): Promise<string> {
  const child = run(command, args, { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(input);
  return (await child).stdout;
}

/** A throwaway copy of the citations fixture project, with files added or replaced. */
export function makeCitationsProject(files: Record<string, string> = {}): Promise<string> {
  return makeProject(files, citationsFixture);
}
