// Runs a CommonJS bundle with V8's code cache: the compiled code of every function a run used, kept
// next to the bundle and handed to V8 on the next start, so starting the CLI compiles almost nothing.
// (v8-compile-cache keeps only what V8 compiles before the bundle runs, which is its top level; Node 22's
// module.enableCompileCache would do what this does.) The cache is written once, after a run that had
// none or whose cache V8 turned down (another Node.js or other V8 flags), and only where the bundle's
// folder is writable; dist/ is rebuilt whole, so a new bundle starts without one. Only a run that used
// most of the code writes it: a cache made by `--version` would hold little more than the top level.
const { createRequire } = require('node:module');
const { isAscii } = require('node:buffer');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const vm = require('node:vm');

/**
 * @param {string} file absolute path of the bundle
 * @param {{ v8Flags: readonly string[], writeCache: boolean }} options the flags this process runs with
 *   (set before the call: V8 accepts a cache only under the flags it was made with, so each set of flags
 *   has its own), and whether this run uses enough of the code to be worth caching
 */
function runBundle(file, { v8Flags, writeCache }) {
  const cacheFile = `${file}.${process.version}-${process.arch}${v8Flags.join('')}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  // scripts/bundle.mjs writes ASCII only: read as Latin-1, it is a one-byte string for V8 at once.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: (specifier) => import(specifier),
  });
  if (writeCache && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        // Written whole, then renamed: another run reading it meanwhile sees the old file or the new one.
        writeFileSync(`${cacheFile}.${process.pid}.tmp`, script.createCachedData());
        renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
      } catch {
        // A read-only installation runs without a cache.
      }
    });
  }
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dirname(file));
}

module.exports = { runBundle };
