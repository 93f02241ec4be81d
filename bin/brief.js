#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by scripts/bundle.mjs) while it is newer than the sources and the
// lock file, and the TypeScript sources through tsx otherwise, so an edit never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

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

// Building one or two named documents is over in a few seconds, before V8's optimizing compiler pays
// back the processor time it takes from Chromium on small machines; a batch keeps it.
const [first, ...rest] = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const named = first === 'build' ? rest : ['check', 'list', 'verify', 'findings', 'bib'].includes(first ?? '') ? [] : first ? [first, ...rest] : [];
if (named.length > 0 && named.length <= 2) v8.setFlagsFromString('--no-opt');

if (bundleIsFresh()) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
