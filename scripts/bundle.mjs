// Bundles the CLI into dist/ with esbuild, so `brief` starts without compiling TypeScript on the fly
// (tsx) or resolving hundreds of module files: about a second less for every run. Modules loaded with
// `import()` (Vega) become chunks of their own, read only when a document needs them.
// bin/brief.js uses dist/ while it is newer than src/ and package-lock.json, and tsx otherwise;
// scripts/setup.sh (run before `npm run brief` and `npm test`) rebuilds it when it is stale.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleIsFresh } from '../bin/bundle-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;
const staging = `${root}dist.tmp`;

// Up to date already (as bin/brief.js judges it): nothing to do, and a running CLI is never left
// without its bundle. `--force` rebuilds anyway.
if (!process.argv.includes('--force') && bundleIsFresh(root)) process.exit(0);

await rm(staging, { recursive: true, force: true });
await build({
  entryPoints: { main: `${root}src/main.ts` },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // ES module builds first, as Node's own import() would pick them (vega-lite's CommonJS build has no
  // named exports for a dynamic import).
  mainFields: ['module', 'main'],
  // citeproc is loaded from @citation-js/plugin-csl's own dependencies at run time (citation-js.ts).
  external: ['citeproc'],
  // Bundled CommonJS dependencies call require().
  banner: { js: "import { createRequire as __briefwrightRequire } from 'node:module'; const require = __briefwrightRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
// Replace the previous bundle whole, so a half-written one is never run.
await rm(outdir, { recursive: true, force: true });
const { rename } = await import('node:fs/promises');
await rename(staging, outdir);
