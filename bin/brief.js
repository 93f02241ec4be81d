#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by scripts/bundle.mjs) while it is newer than the sources and the
// lock file, and the TypeScript sources through tsx otherwise, so an edit never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NaN;
  }
};

function bundleIsFresh() {
  const built = mtime(`${root}dist/main.js`);
  if (Number.isNaN(built)) return false;
  const sources = readdirSync(`${root}src`, { recursive: true }).map((file) => `${root}src/${file}`);
  return [...sources, `${root}package-lock.json`, `${root}package.json`].every((file) => !(mtime(file) > built));
}

if (bundleIsFresh()) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
