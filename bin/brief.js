#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by scripts/bundle.mjs) while it is newer than the sources and the
// lock file, and the TypeScript sources through tsx otherwise, so an edit never runs stale code.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleIsFresh } from './bundle-state.js';

if (bundleIsFresh(fileURLToPath(new URL('..', import.meta.url)))) {
  const require = createRequire(import.meta.url);
  // V8 keeps the bundle's compiled code between runs (in the system's temporary folder): starting
  // the CLI then costs a few hundred milliseconds less.
  require('v8-compile-cache');
  require('../dist/main.cjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
