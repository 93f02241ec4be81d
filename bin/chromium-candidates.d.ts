// Types of bin/chromium-candidates.js (plain CommonJS, run by scripts/setup.sh before npm ci).
export interface ChromiumCandidate {
  path: string;
  /** Which variable named it, or 'well-known path', 'PATH', "puppeteer's cache". */
  from: string;
}
export const chromiumVariables: readonly string[];
export const wellKnownChromiumPaths: readonly string[];
export const chromiumCommands: readonly string[];
export function chromiumCandidates(env?: NodeJS.ProcessEnv): ChromiumCandidate[];
export function findChromiumPath(
  env?: NodeJS.ProcessEnv,
  rejected?: string[],
): { path: string; from: string; looked: ChromiumCandidate[] } | { path: undefined; from: undefined; looked: ChromiumCandidate[] };
export function describeSearch(env?: NodeJS.ProcessEnv): string;
export function isSnap(path: string): boolean;
