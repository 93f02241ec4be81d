// Bundles the CLI into one CommonJS file, dist/main.cjs (and its citation worker), with esbuild, so `brief` starts without
// compiling TypeScript on the fly (tsx) or resolving hundreds of module files, and so that V8 can keep
// its compiled code between runs (bin/run-bundle.js keeps V8's code cache next to the bundle: one
// script is simpler to cache than hundreds of ES modules, which Node 20 has no code cache for).
// Whitespace and syntax are minified; names are kept, for stack traces.
// bin/brief.js uses dist/ while it is newer than src/ and package-lock.json, and tsx otherwise;
// scripts/setup.sh (run by `npm test`, and by bin/brief.js when the bundle is stale) rebuilds it.
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleIsFresh } from '../bin/bundle-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;
const staging = `${root}dist.tmp`;

// Up to date already (as bin/brief.js judges it): nothing to do, and a running CLI is never left
// without its bundle. `--force` rebuilds anyway.
if (!process.argv.includes('--force') && bundleIsFresh(root)) process.exit(0);

// Parts of dependencies Briefwright never runs: puppeteer's browser downloads (proxy-agent, which
// brings a JavaScript engine for proxy auto-config files; the installer, its HTTP client and its
// command line), its WebDriver BiDi mapper and WebSocket client (Briefwright drives Chromium over CDP
// through a pipe), and fetching URLs (citation-js's synchronous fetch; its asynchronous one and Vega's
// loader get Node's own). Leaving them out makes the bundle a fifth smaller, and every start faster:
// Node.js no longer loads its HTTP, TLS and readline modules at start.
const leftOut = /^(proxy-agent|chromium-bidi|sync-fetch|ws)(\/.*)?$/;
const leftOutOfPuppeteerBrowsers = /^\.\.?\/(install|httpUtil|CLI)\.js$/;
const nodeFetch = /^node-fetch$/;
const fetchPonyfill = /^fetch-ponyfill$/;
const leaveOut = {
  name: 'leave-out',
  setup(bundler) {
    bundler.onResolve({ filter: leftOut }, (args) => ({ path: args.path, namespace: 'left-out' }));
    bundler.onResolve({ filter: leftOutOfPuppeteerBrowsers }, (args) =>
      /[\\/]@puppeteer[\\/]browsers[\\/]/.test(args.importer) ? { path: args.path, namespace: 'left-out' } : undefined,
    );
    bundler.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    bundler.onResolve({ filter: nodeFetch }, (args) => ({ path: args.path, namespace: 'node-fetch' }));
    bundler.onLoad({ filter: /.*/, namespace: 'node-fetch' }, () => ({
      contents:
        // Getters: Node.js loads its fetch implementation on first use, which a build never makes.
        'module.exports = { __esModule: true, default: (...args) => globalThis.fetch(...args), get Headers() { return globalThis.Headers; }, get Request() { return globalThis.Request; }, get Response() { return globalThis.Response; } };',
      loader: 'js',
    }));
    // citation-js takes fetch and Headers from fetch-ponyfill as it loads: Headers would load Node's
    // fetch implementation (about 50 ms) for requests Briefwright never makes.
    bundler.onResolve({ filter: fetchPonyfill }, (args) => ({ path: args.path, namespace: 'fetch-ponyfill' }));
    bundler.onLoad({ filter: /.*/, namespace: 'fetch-ponyfill' }, () => ({
      contents: 'module.exports = () => ({ fetch: (...args) => globalThis.fetch(...args) });',
      loader: 'js',
    }));
  },
};

await rm(staging, { recursive: true, force: true });
await build({
  // The CLI, the worker thread that renders citations in large batches (src/cite/citation-worker.ts), and the
  // command line's grammar, which bin/brief.js reads before it loads the CLI.
  entryPoints: { main: `${root}src/main.ts`, 'citation-worker': `${root}src/cite/citation-worker.ts`, 'command-line': `${root}src/command-line.ts` },
  outdir: staging,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // ES module builds first, as Node's own import() would pick them (vega-lite's CommonJS build has no
  // named exports for a dynamic import).
  mainFields: ['module', 'main'],
  // ES modules (ours and dependencies') locate files from import.meta.url: here, the bundle's own.
  define: { 'import.meta.url': '__briefwrightBundleUrl' },
  banner: { js: "const __briefwrightBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  minify: true,
  plugins: [leaveOut],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
for (const file of await readdir(staging)) if (file.endsWith('.cjs')) await escapeNonAscii(`${staging}/${file}`);
// Replace the previous bundle whole, so a half-written one is never run.
await rm(outdir, { recursive: true, force: true });
await rename(staging, outdir);

/**
 * esbuild escapes non-ASCII characters everywhere but in regular expression literals (evanw/esbuild
 * pull request #4205), and a single one (citeproc's, ours: `[–—]`) makes V8 hold the whole 3.4 MB
 * bundle as a two-byte string: slower to read and to scan at every start. Each one becomes a `\uXXXX`
 * escape, which means the same in a regular expression, and the source map's columns after it on its
 * line move along, so stack traces under DEBUG still point at the right place.
 */
async function escapeNonAscii(file) {
  const code = await readFile(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(code)) return;
  const map = JSON.parse(await readFile(`${file}.map`, 'utf8'));
  const mappings = decode(map.mappings);
  const lines = code.split('\n').map((line, index) => {
    if (!/[^\x00-\x7f]/.test(line)) return line;
    const escapedAt = [];
    const escaped = line.replace(/[^\x00-\x7f]/g, (unit, at) => {
      // `\é` (an identity escape) would turn into an escaped backslash.
      if (/(^|[^\\])(\\\\)*\\$/.test(line.slice(0, at))) throw new Error(`${file}:${index + 1}:${at + 1}: a backslash before a non-ASCII character; escaping it is not done here`);
      escapedAt.push(at);
      return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
    // Every escaped UTF-16 unit is six characters instead of one.
    for (const segment of mappings[index] ?? []) segment[0] += 5 * escapedAt.filter((at) => at < segment[0]).length;
    return escaped;
  });
  map.mappings = encode(mappings);
  await writeFile(file, lines.join('\n'));
  await writeFile(`${file}.map`, JSON.stringify(map));
}
