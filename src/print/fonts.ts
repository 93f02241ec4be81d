import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The font packages shipped with Briefwright (@fontsource): the only fonts a page may load. */
export const fontPackages: readonly string[] = ['noto-sans', 'noto-serif'];

/** The folder that holds the @fontsource packages. */
export function fontPackagesDir(): string {
  return dirname(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans/package.json')));
}
