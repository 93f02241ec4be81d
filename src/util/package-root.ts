import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Briefwright's own folder (where its package.json, templates and fonts are), found upwards from this
 * module: the same from the TypeScript sources and from the bundled CLI in dist/.
 */
export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'briefwright') return dir;
    if (dirname(dir) === dir) throw new Error(`Briefwright's package.json was not found above ${from}`);
  }
}
