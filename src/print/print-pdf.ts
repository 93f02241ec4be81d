import { rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readContainedFile } from '../policy/read-project-file.js';
import { makeProfileDir } from '../publish/leftovers.js';
import puppeteer, { type Browser, type CDPSession, type HTTPRequest, type Page } from 'puppeteer-core';
import { EnvironmentError } from '../diagnostics/errors.js';
import { resolveProjectPath } from '../util/resolve-project-path.js';
import { appendToHead } from '../util/html.js';
import { fontPackages } from './fonts.js';
import { isHeadlessShell } from './find-chromium.js';
import { layOutPageNotes, pagedScriptFile, pagedScriptPath, withPageNotes } from './page-notes.js';

/** Documents are served from this never-resolving origin; every response comes from the interceptor. */
export const documentOrigin = 'http://briefwright.invalid';

export interface AssetResolver {
  /** File on disk for an asset path (`brief.css`, `fonts/noto-sans/400.css`), or undefined if not allowed. */
  resolve(assetPath: string): Promise<string | undefined>;
}

export interface PrintJob {
  id: string;
  html: string;
  /** A note style's document: its notes go to the foot of their pages (page-notes.ts). */
  pageNotes?: boolean;
}

export interface PrintResult {
  pdf: Uint8Array;
  blocked: string[];
}

export interface PdfPrinter {
  print(job: PrintJob): Promise<PrintResult>;
  /**
   * The asset paths Chromium has asked for so far: the stylesheet, what it imports, and only the font
   * subsets the documents' text needs (a browser showing the same HTML asks for the same).
   */
  servedAssets(): string[];
  close(): Promise<void>;
}

/** Chromium flags for a headless, offline, reproducible print. */
export function chromiumArgs(executablePath: string): string[] {
  const args = [
    // A headless shell is headless already; puppeteer's `shell` mode passes its own flag.
    ...(isHeadlessShell(executablePath) ? [] : ['--headless=new']),
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-extensions',
    '--disable-default-apps',
    '--font-render-hinting=none',
  ];
  // Chromium refuses to start its sandbox as root (containers, CI).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

/**
 * Puppeteer's launch options for the binary: `shell` mode for a headless shell, new headless otherwise.
 * `singleProcess` renders in the browser process itself: no renderer to start for the first page, so
 * one document prints about 0.3 s sooner; a batch keeps separate renderers, which print in parallel.
 */
export function launchMode(executablePath: string, { singleProcess = false } = {}): { headless: true | 'shell'; args: string[] } {
  const args = chromiumArgs(executablePath);
  // Without a sandbox, a single process has no use for the zygote (the process renderers are forked
  // from); not forking one starts Chromium about 0.1 s sooner. With a sandbox, Chromium needs it.
  const single = args.includes('--no-sandbox') ? ['--single-process', '--no-zygote'] : ['--single-process'];
  return { headless: isHeadlessShell(executablePath) ? 'shell' : true, args: singleProcess ? [...args, ...single] : args };
}

/** Chromium processes of printers still open, so a signal handler can end them. */
const openBrowsers = new Set<Browser>();
/** Launches in progress: an interrupt waits for them, to end what they start. */
const launching = new Set<Promise<unknown>>();
/** Set by `killBrowsers`: an interrupted build starts no Chromium again (its retry would relaunch one). */
let shuttingDown = false;

/**
 * Kills every Chromium this process started (its whole process group), then removes the temporary
 * profile puppeteer made for each, which its own clean-up no longer gets to — for SIGINT/SIGTERM
 * handlers, which exit once this settles.
 */
export async function killBrowsers(): Promise<void> {
  shuttingDown = true;
  // A Chromium still starting is waited for (a few seconds at most), so that it goes too.
  await Promise.race([Promise.allSettled([...launching]), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  const killed = [...openBrowsers].map(killBrowser);
  openBrowsers.clear();
  await Promise.all(killed);
}

/**
 * Ends a Chromium at once and removes its temporary profile. A build's browser holds nothing worth
 * a graceful shutdown, which takes it 50-100 ms longer.
 */
async function killBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  if (!child?.pid) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // A killed process is gone within milliseconds; a second is the most this waits.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  // Again, for a renderer Chromium was forking while the group was killed (its spare renderer).
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the whole group is gone
  }
  const profile = child.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  if (profile) await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}

export interface PrinterOptions {
  /** Milliseconds one document may take to load and print. */
  timeoutMs?: number;
  /** Pages printing at the same time; further documents wait for one to come free (default: no limit). */
  pages?: number;
  /** For a build of one or two documents (see `launchMode`). */
  singleProcess?: boolean;
}

interface PooledPage {
  page: Page;
  /** The document this page is printing now; requests are answered from it. */
  current?: { url: string; html: string; blocked: string[]; pageNotes: boolean };
  /** The page holds a document printed without script, whose content the next one can replace (see `printOnPage`). */
  replaceable?: boolean;
  /** The DevTools session that replaces the content, made when first needed. */
  session?: Promise<CDPSession>;
}

/**
 * One Chromium for a whole build, with a pool of reused pages (reusing a page costs about half of
 * opening one). A document whose print fails is retried once in a fresh page, after relaunching
 * Chromium if it crashed.
 */
export async function launchPrinter(executablePath: string, assets: AssetResolver, options: PrinterOptions = {}): Promise<PdfPrinter> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const launch = async () => {
    if (shuttingDown) throw new Error('Briefwright is stopping');
    const profile = await makeProfileDir();
    try {
      // Over a pipe rather than a WebSocket: no debugging port that other local programs could reach, and
      // no masking of every message (the documents and fonts pass through it).
      // A profile of our own, named by this process, so a later build can reclaim it if this one is
      // killed outright; and no signal handlers of puppeteer's, which would exit before the build's
      // own (src/main.ts) has closed Chromium and removed its temporary state.
      const starting = (async () => {
        const started = await puppeteer.launch({
          executablePath,
          ...launchMode(executablePath, { singleProcess: options.singleProcess }),
          userDataDir: profile,
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          pipe: true,
          timeout: 30_000,
        });
        openBrowsers.add(started);
        return started;
      })();
      launching.add(starting);
      const launched = await starting.finally(() => launching.delete(starting));
      // Interrupted while it started: it goes the way of the others.
      if (shuttingDown) void killBrowsers();
      return launched;
    } catch (cause) {
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
      throw new EnvironmentError(
        `Chromium at ${executablePath} failed to start: ${(cause as Error).message.split('\n')[0]}`,
        'Check that the chromium package is installed completely (`apt-get install --reinstall chromium`).',
        { cause },
      );
    }
  };
  let browser: Browser = await launch();
  // The tab Chromium opens at start-up is the first page of the pool: creating another costs a renderer.
  let startupPage: Page | undefined = (await browser.pages())[0];
  let idle: PooledPage[] = [];
  // Assets cannot change during a build: resolve and read each once.
  const resolved = new Map<string, Promise<string | undefined>>();
  const files = new Map<string, Promise<Buffer>>();
  const asset: AssetSource = {
    resolve: (path) => {
      if (!resolved.has(path)) resolved.set(path, assets.resolve(path));
      return resolved.get(path)!;
    },
    read: (file) => {
      if (!files.has(file)) files.set(file, readAsset(file));
      return files.get(file)!;
    },
  };

  const openPage = async (): Promise<PooledPage> => {
    const page = startupPage ?? (await browser.newPage());
    startupPage = undefined;
    const pooled: PooledPage = { page };
    await pooled.page.setJavaScriptEnabled(false);
    await pooled.page.setRequestInterception(true);
    // Read `current` per request: the same page serves one document after another.
    pooled.page.on('request', (request) => void serve(request, pooled.current, asset));
    return pooled;
  };
  // The start-up tab is set up (JavaScript off, requests intercepted) while the caller still prepares
  // the documents, rather than when the first one is ready to print.
  let settingUp: Promise<PooledPage> | undefined = openPage();
  settingUp.catch(() => undefined);
  const nextPage = async (): Promise<PooledPage> => {
    const ready = idle.pop();
    if (ready) return ready;
    const pending = settingUp;
    settingUp = undefined;
    return pending ?? openPage();
  };

  // Callers may ask for more prints than there are pages, to have their next document ready when a page comes free.
  const maxPages = options.pages ?? Number.POSITIVE_INFINITY;
  let printing = 0;
  const waiting: (() => void)[] = [];
  const printOnce = async (job: PrintJob): Promise<PrintResult> => {
    while (printing >= maxPages) await new Promise<void>((resolve) => waiting.push(resolve));
    printing++;
    try {
      return await printOnPage(job);
    } finally {
      printing--;
      waiting.shift()?.();
    }
  };

  const printOnPage = async (job: PrintJob): Promise<PrintResult> => {
    const pooled = await nextPage();
    const pageNotes = job.pageNotes === true;
    const html = withPrintStyle(pageNotes ? withPageNotes(job.html, documentOrigin) : job.html);
    pooled.current = { url: documentUrl, html, blocked: [], pageNotes };
    try {
      // Only a document with notes at the foot of its pages runs a script: Paged.js, and only that
      // (the page's Content-Security-Policy, see \`serve\`). JavaScript is off again for the next document.
      if (pageNotes) await pooled.page.setJavaScriptEnabled(true);
      // A page that printed a document without script gets the next one as new content of the same
      // document, not by navigating: its fonts and stylesheet stay loaded and decoded, where a
      // navigation asks for all 16 assets again and decodes every font anew (about a third of a
      // print; a bare loop prints twice as many documents a second this way, to the same bytes).
      // Every document has the same address, so its relative links read the same either way.
      if (pooled.replaceable && !pageNotes) await replaceContent(pooled, html, timeoutMs);
      else await pooled.page.goto(documentUrl, { waitUntil: 'load', timeout: timeoutMs });
      pooled.replaceable = false;
      if (pageNotes) await withTimeout(pooled.page.evaluate(layOutPageNotes), timeoutMs, `Laying out the notes of ${job.id} took longer than ${timeoutMs / 1000} s`);
      const pdf = await pooled.page.pdf({
        // Paper size, margins, running header and footer come from the document's CSS @page rules.
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        tagged: true,
        outline: true,
        timeout: timeoutMs,
      });
      const blocked = pooled.current.blocked;
      pooled.current = undefined;
      if (pageNotes) await pooled.page.setJavaScriptEnabled(false);
      // A document that ran Paged.js keeps its script's state in the page's window: the next one navigates.
      pooled.replaceable = !pageNotes;
      idle.push(pooled);
      return { pdf, blocked };
    } catch (error) {
      await pooled.page.close().catch(() => undefined);
      throw error;
    }
  };

  // Documents printing at the same time fail together when Chromium crashes: they share one relaunch.
  let relaunching: Promise<void> | undefined;
  const relaunch = (crashed: Browser) =>
    (relaunching ??= (async () => {
      idle = [];
      settingUp = undefined;
      openBrowsers.delete(crashed);
      // Whatever is left of it goes, with its profile, as at close.
      await killBrowser(crashed);
      browser = await launch();
      startupPage = (await browser.pages())[0];
    })().finally(() => (relaunching = undefined)));

  return {
    servedAssets: () => [...resolved.keys()],
    async print(job) {
      const printingOn = browser;
      try {
        return await printOnce(job);
      } catch {
        if (relaunching) await relaunching;
        else if (!printingOn.connected && printingOn === browser) await relaunch(printingOn);
        return printOnce(job);
      }
    },
    async close() {
      idle = [];
      startupPage = undefined;
      openBrowsers.delete(browser);
      await killBrowser(browser);
    },
  };
}

/** Where every document is served from (one address for all: see \`printOnPage\`). */
const documentUrl = `${documentOrigin}/document/document.html`;

/**
 * Replaces the content of the page's document with `html` (Chromium's own document.open, write and
 * close, with the page's script still off) and waits for its load event: its stylesheets, fonts and
 * images, as a navigation's load does.
 */
async function replaceContent(pooled: PooledPage, html: string, timeoutMs: number): Promise<void> {
  pooled.session ??= pooled.page.createCDPSession().then(async (session) => {
    await session.send('Page.enable');
    return session;
  });
  const session = await pooled.session;
  const { frameTree } = await session.send('Page.getFrameTree');
  const loaded = new Promise<void>((resolve) => session.once('Page.loadEventFired', () => resolve()));
  await session.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html });
  await withTimeout(loaded, timeoutMs, `Loading a document took longer than ${timeoutMs / 1000} s`);
}

/** The promise, or an error once `ms` have passed (the page it runs in is then closed). */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// A positioned link always gets its own box fragment in Chromium; an unpositioned one is sometimes
// culled, and then a line of it prints as one link area or as one per differently styled run (an
// italic title, then ", n.d."), at random, so the same document gave different bytes. Added here, after
// the document's own styles, so that no template can lose it.
const printStyle = '<style>a { position: relative; }</style>';

function withPrintStyle(html: string): string {
  return appendToHead(html, printStyle);
}

interface AssetSource {
  resolve(assetPath: string): Promise<string | undefined>;
  read(file: string): Promise<Buffer>;
}

// One Chromium serves one build, in which assets cannot change: a page whose content is replaced
// (printOnPage) keeps them, decoded, from one document to the next, without asking again.
const assetHeaders = { 'cache-control': 'max-age=31536000, immutable' };

async function serve(request: HTTPRequest, current: PooledPage['current'], asset: AssetSource) {
  const url = request.url();
  if (url.startsWith('data:')) return request.continue();
  if (current && url === current.url) {
    // A page that runs Paged.js may run that one script and nothing else: no inline script, no handler.
    const headers = current.pageNotes ? { 'content-security-policy': `script-src ${documentOrigin}${pagedScriptPath}` } : undefined;
    return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', ...(headers ? { headers } : {}), body: current.html });
  }
  if (current?.pageNotes && url === `${documentOrigin}${pagedScriptPath}`) {
    // Unreadable, it fails the print (the layout finds no Paged.js) rather than leave the request hanging.
    const script = await asset.read(pagedScriptFile()).catch(() => undefined);
    if (script) return request.respond({ status: 200, contentType: 'text/javascript; charset=utf-8', headers: assetHeaders, body: script });
  }
  const assetPrefix = `${documentOrigin}/assets/`;
  if (url.startsWith(assetPrefix)) {
    const file = await asset.resolve(decodeURIComponent(url.slice(assetPrefix.length).split(/[?#]/)[0]!));
    if (file) return request.respond({ status: 200, contentType: contentType(file), headers: assetHeaders, body: await asset.read(file) });
  }
  current?.blocked.push(url);
  return request.abort('blockedbyclient');
}

function contentType(file: string): string {
  if (file.endsWith('.css')) return 'text/css; charset=utf-8';
  if (file.endsWith('.woff2')) return 'font/woff2';
  if (file.endsWith('.woff')) return 'font/woff';
  if (file.endsWith('.svg')) return 'image/svg+xml';
  if (file.endsWith('.png')) return 'image/png';
  if (/\.jpe?g$/.test(file)) return 'image/jpeg';
  return 'application/octet-stream';
}

/** Largest asset (stylesheet, font, template image) served to Chromium or copied next to the HTML. */
export const maxAssetBytes = 16 * 1024 * 1024;

/** Reads a resolved asset under the file policy: a regular file, of bounded size, read through its handle. */
export function readAsset(file: string): Promise<Buffer> {
  return readContainedFile(dirname(file), basename(file), maxAssetBytes);
}

/** Resolves asset paths against the template folders and the shipped font packages, never outside them. */
export function createAssetResolver(assetDirs: readonly string[], fontPackagesDir: string): AssetResolver {
  // The same rule as for any path a spec names: no `..`, no absolute path, no link that leads out.
  const inside = async (base: string, relative: string) => {
    const resolved = await resolveProjectPath(base, relative);
    // A folder, FIFO or device is no asset: reading a FIFO would hang the print.
    return resolved.ok && (await stat(resolved.path)).isFile() ? resolved.path : undefined;
  };
  return {
    async resolve(assetPath) {
      const font = /^fonts\/([a-z-]+)\/(.+)$/.exec(assetPath);
      if (font) return fontPackages.includes(font[1]!) ? inside(join(fontPackagesDir, font[1]!), font[2]!) : undefined;
      for (const dir of assetDirs) {
        const file = await inside(dir, assetPath);
        if (file) return file;
      }
      return undefined;
    },
  };
}
