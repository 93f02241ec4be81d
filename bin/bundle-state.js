// Whether dist/ (the bundled CLI) is newer than everything it is built from: src/, package.json,
// package-lock.json, the bundle script itself and bin/chromium-candidates.js (which the bundle includes). bin/brief.js runs the bundle only then; scripts/bundle.mjs rebuilds it otherwise.
const { readdirSync, statSync } = require('node:fs');

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NaN;
  }
};

/** @param {string} root the package folder, ending in a slash */
function bundleIsFresh(root) {
  const built = mtime(`${root}dist/main.cjs`);
  if (Number.isNaN(built)) return false;
  const sources = readdirSync(`${root}src`, { recursive: true }).map((file) => `${root}src/${file}`);
  return [...sources, `${root}package-lock.json`, `${root}package.json`, `${root}scripts/bundle.mjs`, `${root}bin/chromium-candidates.js`].every((file) => !(mtime(file) > built));
}

module.exports = { bundleIsFresh };
