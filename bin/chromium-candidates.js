'use strict';
// The one list of places Briefwright looks for Chromium or Chrome, shared by the finder
// (src/print/find-chromium.ts) and the set-up script (scripts/setup.sh runs this file, before
// `npm ci`: so it is plain CommonJS with no dependencies). `node bin/chromium-candidates.js` prints the
// browser that would be used and exits 0, or prints every place it looked to stderr and exits 1.
const { accessSync, constants, openSync, readSync, closeSync, readdirSync, realpathSync, statSync } = require('node:fs');
const { delimiter, join } = require('node:path');
const { homedir } = require('node:os');

/** Variables naming a browser, in the order they are obeyed. */
const chromiumVariables = ['BRIEFWRIGHT_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'];

// Debian's headless shell first: the same engine without the browser around it, it starts in a third
// of the time and prints several times faster. Then the binary, not /usr/bin/chromium: Debian's
// wrapper script prints a warning and adds flags of its own.
const wellKnownChromiumPaths = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

/** Commands looked up on PATH (GitHub's hosted runners have Google Chrome there). */
const chromiumCommands = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser'];

/**
 * Every place to look, in order: the variables (a variable that is set is the only candidate: a
 * wrong path is an error, not a reason to use another browser), then the well-known paths, the
 * commands on PATH, and the browsers `npx puppeteer browsers install` put in puppeteer's cache.
 */
function chromiumCandidates(env = process.env) {
  for (const variable of chromiumVariables) {
    if (env[variable]) return [{ path: env[variable], from: variable }];
  }
  const candidates = [];
  for (const path of wellKnownChromiumPaths) candidates.push({ path, from: 'well-known path' });
  for (const dir of (env.PATH || '').split(delimiter).filter(Boolean)) {
    for (const command of chromiumCommands) candidates.push({ path: join(dir, command), from: 'PATH' });
  }
  const cache = env.PUPPETEER_CACHE_DIR || join(env.HOME || homedir(), '.cache', 'puppeteer');
  for (const [folder, binary] of [
    ['chrome-headless-shell', 'chrome-headless-shell-linux64/chrome-headless-shell'],
    ['chrome', 'chrome-linux64/chrome'],
  ]) {
    // Newest version first (folders are named linux-<version>).
    const versions = listDir(join(cache, folder)).sort(byVersionDescending);
    for (const version of versions) candidates.push({ path: join(cache, folder, version, binary), from: "puppeteer's cache" });
  }
  return candidates;
}

/** The first candidate that can be run, or undefined; `rejected` collects why others were passed over. */
function findChromiumPath(env = process.env, rejected = []) {
  const candidates = chromiumCandidates(env);
  for (const candidate of candidates) {
    const problem = unusable(candidate.path);
    if (!problem) return { ...candidate, looked: candidates };
    if (problem !== 'not found') rejected.push(`${candidate.path} (${candidate.from}): ${problem}`);
  }
  return { path: undefined, from: undefined, looked: candidates };
}

/** Why a path cannot be used as the browser, or undefined when it can. */
function unusable(path) {
  try {
    accessSync(path, constants.X_OK);
    if (!statSync(path).isFile()) return 'not a file';
  } catch {
    return 'not found';
  }
  if (isSnap(path)) return 'a snap package (its confinement keeps it from the temporary profile and files a print uses)';
  return undefined;
}

/**
 * Ubuntu's `chromium` and `chromium-browser` packages are transitional: /usr/bin/chromium-browser is a
 * script that runs (or asks to install) the snap. A snap's binary lives under /snap.
 */
function isSnap(path) {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Checked by access() already.
  }
  if (real.startsWith('/snap/') || real === '/usr/bin/snap') return true;
  const head = readHead(real, 4096);
  return head.startsWith('#!') && /\/snap\/bin\/|\bsnap (install|run)\b/.test(head);
}

function readHead(path, bytes) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('latin1');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function listDir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function byVersionDescending(a, b) {
  const parts = (name) => (name.match(/\d+/g) || []).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (y[i] || 0) - (x[i] || 0);
  return 0;
}

/** Where a search looked, in a sentence (for error messages). */
function describeSearch(env = process.env) {
  const cache = env.PUPPETEER_CACHE_DIR || join(env.HOME || homedir(), '.cache', 'puppeteer');
  return `${wellKnownChromiumPaths.join(', ')}, ${chromiumCommands.join(', ')} on PATH, and puppeteer's cache (${cache}); ${chromiumVariables.join(', ')} were not set`;
}

module.exports = { chromiumVariables, wellKnownChromiumPaths, chromiumCommands, chromiumCandidates, findChromiumPath, describeSearch, isSnap };

if (require.main === module) {
  const rejected = [];
  const found = findChromiumPath(process.env, rejected);
  if (found.path) {
    process.stdout.write(`${found.path}\n`);
  } else {
    const variable = chromiumVariables.find((name) => process.env[name]);
    process.stderr.write(`No Chromium or Chrome found: looked ${variable ? `at ${process.env[variable]} (from ${variable})` : `for ${describeSearch()}`}\n`);
    for (const reason of rejected) process.stderr.write(`  passed over ${reason}\n`);
    process.exitCode = 1;
  }
}
