// Builds the programmatic API for plain Node.js projects: lib/index.js (an ES module, with the
// citation worker next to it as lib/citation-worker.js; dependencies stay imports of the installed
// packages) and its type declarations in lib/types/. package.json's `exports` point there, so
// `import { build } from 'briefwright'` works without tsx. scripts/setup.sh runs this when a source
// is newer than lib/index.js.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const staging = `${root}lib.tmp`;
await rm(staging, { recursive: true, force: true });
await build({
  entryPoints: { index: `${root}src/index.ts`, 'citation-worker': `${root}src/cite/citation-worker.ts` },
  outdir: staging,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  // CommonJS parts of the package (bin/chromium-candidates.js) call require: an ES module has none of its own.
  banner: { js: "import { createRequire as __briefwrightRequire } from 'node:module';\nconst require = __briefwrightRequire(import.meta.url);" },
  logLevel: 'warning',
});
// Declarations only: the JavaScript is esbuild's.
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.lib.json`, '--outDir', `${staging}/types`], { stdio: 'inherit' });
// Swapped in whole, so a program never imports half a library.
await rm(`${root}lib`, { recursive: true, force: true });
await rename(staging, `${root}lib`);
