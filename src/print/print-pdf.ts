import { readFile, realpath } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest } from 'puppeteer-core';
import { EnvironmentError } from '../diagnostics/errors.js';

/** Documents are served from this never-resolving origin; every response comes from the interceptor. */
export const documentOrigin = 'http://briefwright.invalid';

export interface AssetResolver {
  /** File on disk for an asset path (`brief.css`, `fonts/noto-sans/400.css`), or undefined if not allowed. */
  resolve(assetPath: string): Promise<string | undefined>;
}

export interface PrintJob {
  id: string;
  html: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  blocked: string[];
}

export interface PdfPrinter {
  print(job: PrintJob): Promise<PrintResult>;
  close(): Promise<void>;
}

/** Chromium flags for a headless, offline, reproducible print. */
export function chromiumArgs(): string[] {
  const args = [
    '--headless=new',
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

export async function launchPrinter(executablePath: string, assets: AssetResolver, timeoutMs = 60_000): Promise<PdfPrinter> {
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs(), timeout: 30_000 });
  } catch (cause) {
    throw new EnvironmentError(`Chromium at ${executablePath} failed to start: ${(cause as Error).message.split('\n')[0]}`, 'Check that the chromium package is installed completely (`apt-get install --reinstall chromium`).', { cause });
  }
  return {
    async print(job) {
      const page = await browser.newPage();
      const blocked: string[] = [];
      try {
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        const documentUrl = `${documentOrigin}/${encodeURIComponent(job.id)}/${encodeURIComponent(job.id)}.html`;
        page.on('request', (request) => void serve(request, documentUrl, job.html, assets, blocked));
        await page.goto(documentUrl, { waitUntil: 'load', timeout: timeoutMs });
        const pdf = await page.pdf({
          // Paper size, margins, running header and footer come from the document's CSS @page rules.
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: false,
          tagged: true,
          outline: true,
          timeout: timeoutMs,
        });
        return { pdf, blocked };
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

async function serve(request: HTTPRequest, documentUrl: string, html: string, assets: AssetResolver, blocked: string[]) {
  const url = request.url();
  if (url.startsWith('data:')) return request.continue();
  if (url === documentUrl) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  const assetPrefix = `${documentOrigin}/assets/`;
  if (url.startsWith(assetPrefix)) {
    const file = await assets.resolve(decodeURIComponent(url.slice(assetPrefix.length).split(/[?#]/)[0]!));
    if (file) return request.respond({ status: 200, contentType: contentType(file), body: Buffer.from(await readFile(file)) });
  }
  blocked.push(url);
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

/** Resolves asset paths against the template folders and the shipped font packages, never outside them. */
export function createAssetResolver(assetDirs: readonly string[], fontPackagesDir: string): AssetResolver {
  const fontPackages = new Set(['noto-sans', 'noto-serif']);
  const inside = async (base: string, relative: string) => {
    const candidate = normalize(join(base, relative));
    if (!candidate.startsWith(normalize(base + sep))) return undefined;
    try {
      const real = await realpath(candidate);
      return real.startsWith((await realpath(base)) + sep) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async resolve(assetPath) {
      const font = /^fonts\/([a-z-]+)\/(.+)$/.exec(assetPath);
      if (font) return fontPackages.has(font[1]!) ? inside(join(fontPackagesDir, font[1]!), font[2]!) : undefined;
      for (const dir of assetDirs) {
        const file = await inside(dir, assetPath);
        if (file) return file;
      }
      return undefined;
    },
  };
}
