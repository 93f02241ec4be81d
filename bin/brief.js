#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by scripts/bundle.mjs) while it is newer than the sources and the
// lock file, and the TypeScript sources through tsx otherwise, so an edit never runs stale code.
// bin/ is CommonJS (bin/package.json): Node.js starts it ~30 ms sooner than an ES module.
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const v8 = require('node:v8');
const { bundleIsFresh } = require('./bundle-state.js');
const { runBundle } = require('./run-bundle.js');
const { setupIsCurrent } = require('./setup-state.js');

const root = `${join(__dirname, '..')}/`;
let fresh = bundleIsFresh(root);
// On a fresh clone, after a change of the lock file or of the setup script, or with a stale bundle:
// the setup installs what is missing and bundles (quiet when there is nothing to do).
if (!fresh || !setupIsCurrent(root)) {
  const setup = spawnSync('bash', [`${root}scripts/setup.sh`, '--quiet'], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
  fresh = bundleIsFresh(root);
}
if (fresh) {
  const commandLine = require('../dist/command-line.cjs');
  const argv = process.argv.slice(2);
  const quick = commandLine.helpOrVersion(argv);
  if (quick) {
    // Help and the version need none of the CLI: answered here, at once, as the CLI would.
    process.stdout.write(`${quick === 'help' ? commandLine.usage : JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version}\n`);
  } else {
    // V8's settings depend on the command; they are set before any of the CLI's code is compiled.
    const v8Flags = commandLine.v8FlagsFor(argv);
    for (const flag of v8Flags) v8.setFlagsFromString(flag);
    // With DEBUG, stack traces point into the sources through the bundle's source map, which Node.js
    // reads for modules it loads itself.
    if (process.env.DEBUG) require('../dist/main.cjs');
    else runBundle(`${root}dist/main.cjs`, { v8Flags, writeCache: ['build', 'check'].includes(commandLine.commandName(argv)) });
  }
} else {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import('../src/main.ts');
  });
}
