import { realpathSync } from 'node:fs';
import { EnvironmentError } from '../diagnostics/errors.js';
// The same list scripts/setup.sh uses (it runs that file before npm ci), so the two cannot disagree.
import { chromiumVariables, describeSearch, findChromiumPath, wellKnownChromiumPaths } from '../../bin/chromium-candidates.js';

export { wellKnownChromiumPaths };

/**
 * Chromium from BRIEFWRIGHT_CHROMIUM, PUPPETEER_EXECUTABLE_PATH or CHROME_PATH; else the first of the
 * well-known paths, Chrome or Chromium on PATH, and puppeteer's cache (bin/chromium-candidates.js).
 * A snap is passed over: its confinement keeps it from the files a print uses.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const rejected: string[] = [];
  const found = findChromiumPath(env, rejected);
  if (found.path) return found.path;
  const variable = chromiumVariables.find((name) => env[name]);
  if (variable) {
    throw new EnvironmentError(
      `Chromium was not found at ${env[variable]} (from ${variable})${rejected.length > 0 ? `: ${rejected[0]!.replace(/^.*?: /, '')}` : ''}`,
      'Point the variable at a Chromium or Chrome binary, or unset it to use the installed chromium package.',
    );
  }
  throw new EnvironmentError(
    `Chromium was not found (looked for ${describeSearch(env)}${rejected.length > 0 ? `; passed over ${rejected.join('; ')}` : ''})`,
    'Install it with `apt-get install chromium-headless-shell` (or `chromium` on Debian; `npm run setup` as root does it), use Google Chrome, or set BRIEFWRIGHT_CHROMIUM to its path. `npm install puppeteer` cannot download a browser here.',
  );
}

/** Whether the binary (or what a link to it points at) is a headless shell, which puppeteer drives in its `shell` mode. */
export function isHeadlessShell(executablePath: string): boolean {
  const shell = (path: string) => /headless[-_]shell(\.exe)?$/.test(path);
  if (shell(executablePath)) return true;
  try {
    return shell(realpathSync(executablePath));
  } catch {
    return false;
  }
}
