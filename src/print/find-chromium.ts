import { access, constants } from 'node:fs/promises';
import { EnvironmentError } from '../diagnostics/errors.js';

// Debian's headless shell first: the same engine without the browser around it, it starts in a third
// of the time and prints several times faster. Then the binary, not /usr/bin/chromium: Debian's
// wrapper script prints a warning and adds flags of its own.
export const wellKnownChromiumPaths = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

/** Chromium from BRIEFWRIGHT_CHROMIUM or PUPPETEER_EXECUTABLE_PATH, else the first well-known path. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const configured = env.BRIEFWRIGHT_CHROMIUM ?? env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (await isExecutable(configured)) return configured;
    throw new EnvironmentError(
      `Chromium was not found at ${configured} (from ${env.BRIEFWRIGHT_CHROMIUM ? 'BRIEFWRIGHT_CHROMIUM' : 'PUPPETEER_EXECUTABLE_PATH'})`,
      'Point the variable at a Chromium or Chrome binary, or unset it to use the installed chromium package.',
    );
  }
  for (const path of wellKnownChromiumPaths) if (await isExecutable(path)) return path;
  throw new EnvironmentError(
    `Chromium was not found (looked in ${wellKnownChromiumPaths.join(', ')})`,
    'Install it with `apt-get install chromium-headless-shell` (or `chromium`; `npm run setup` as root does it), or set BRIEFWRIGHT_CHROMIUM to its path. `npm install puppeteer` cannot download a browser here.',
  );
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether the binary is a headless shell (chrome-headless-shell), which puppeteer drives in its `shell` mode. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/.test(executablePath);
}
