// Whether scripts/setup.sh has run to the end for this package-lock.json and this version of itself:
// it then leaves node_modules/.briefwright-setup.sha256 holding their joint digest. bin/brief.js runs the
// script only when that is not so (a fresh clone, a changed lock file or setup script), instead of npm
// running it before every `npm run brief`, which cost each build a shell, a bash and ~50 ms.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const setupStamp = 'node_modules/.briefwright-setup.sha256';

/**
 * The digest scripts/setup.sh records: `cat package-lock.json scripts/setup.sh | sha256sum`.
 * @param {string} root the package folder, ending in a slash
 */
function setupDigest(root) {
  return createHash('sha256').update(readFileSync(`${root}package-lock.json`)).update(readFileSync(`${root}scripts/setup.sh`)).digest('hex');
}

/** @param {string} root the package folder, ending in a slash */
function setupIsCurrent(root) {
  try {
    return readFileSync(`${root}${setupStamp}`, 'utf8').trim() === setupDigest(root);
  } catch {
    return false;
  }
}

module.exports = { setupStamp, setupDigest, setupIsCurrent };
