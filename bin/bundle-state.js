// Whether dist/ (the bundled CLI) is newer than everything it is built from: src/, package.json,
// package-lock.json and the bundle script itself. bin/brief.js runs the bundle only then; scripts/bundle.mjs rebuilds it otherwise.
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
  return [...sources, `${root}package-lock.json`, `${root}package.json`, `${root}scripts/bundle.mjs`].every((file) => !(mtime(file) > built));
}

module.exports = { bundleIsFresh };
