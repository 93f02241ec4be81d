#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by scripts/bundle.mjs) while it is newer than the sources and the
// lock file, and the TypeScript sources through tsx otherwise, so an edit never runs stale code.
import { fileURLToPath } from 'node:url';
import { bundleIsFresh } from './bundle-state.js';

if (bundleIsFresh(fileURLToPath(new URL('..', import.meta.url)))) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
