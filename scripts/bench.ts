// npm run bench [-- N]: builds a synthetic corpus of N documents cold and fully cached, and compares
// the throughput with a bare Puppeteer loop printing the same HTML. Prints figures; asserts nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { JSDOM, VirtualConsole } from 'jsdom';
import { build } from '../src/build.ts';
import { fontPackagesDir } from '../src/print/fonts.ts';
import { createAssetResolver, documentOrigin, launchMode } from '../src/print/print-pdf.ts';
import { findChromium } from '../src/print/find-chromium.ts';
import { builtinTemplatesDir } from '../src/render/load-templates.ts';
import { makeCorpus } from './synthetic-corpus.ts';
import { benchPreview } from './bench-preview.ts';

const run = promisify(execFile);
const count = Number(process.argv[2] ?? 200);
const repo = new URL('../', import.meta.url).pathname;

/**
 * Memory (PSS) of this process and all its descendants (Chromium, pandoc), sampled from /proc every
 * half second while `work` runs: cheap enough not to slow the build it measures.
 */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = async () => {
    const rows: [number, number, number][] = [];
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const status = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      rows.push([Number(entry), Number(status.slice(status.lastIndexOf(')') + 2).split(' ')[1] ?? 0), 0]);
    }
    const family = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of rows) if (family.has(ppid) && !family.has(pid)) family.add(pid), (grew = true);
    }
    let kb = 0;
    for (const pid of family) {
      // Proportional set size: memory Chromium's processes share is counted once, not once per process.
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    }
    peak = Math.max(peak, kb * 1024);
  };
  const timer = setInterval(() => void sample(), 500);
  try {
    const result = await work();
    await sample();
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * What the pipeline prints of an HTML edition: the PDF is printed without the evidence list and the
 * links to it, which only the HTML edition carries (a spec's evidence_annex puts the list back).
 */
function asPrinted(html: string): string {
  // jsdom cannot read @page margin boxes and says so on the console for every document: not asked.
  const document = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
  for (const element of document.querySelectorAll('section.evidence, .chart-evidence')) element.remove();
  return `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
}

/** The floor: the HTML the pipeline prints, printed by a bare Puppeteer loop over a pool of reused pages. */
async function floor(htmlFiles: string[]): Promise<number> {
  // Read and cut to what is printed before the clock starts.
  const printed = new Map(await Promise.all(htmlFiles.map(async (file) => [file, asPrinted(await readFile(file, 'utf8'))] as const)));
  const assets = createAssetResolver([builtinTemplatesDir], fontPackagesDir());
  const executablePath = await findChromium();
  // The same binary and flags as the pipeline, so the ratio compares like with like.
  const browser = await puppeteer.launch({ executablePath, ...launchMode(executablePath) });
  const started = performance.now();
  const queue = [...htmlFiles];
  await Promise.all(
    Array.from({ length: availableParallelism() }, async () => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      let html = '';
      page.on('request', async (request) => {
        const url = request.url();
        if (url.startsWith(`${documentOrigin}/assets/`)) {
          const file = await assets.resolve(url.slice(`${documentOrigin}/assets/`.length));
          if (file) return request.respond({ status: 200, body: await readFile(file) });
        }
        if (url.startsWith(documentOrigin)) return request.respond({ status: 200, contentType: 'text/html', body: html });
        return request.abort();
      });
      for (let file = queue.shift(); file; file = queue.shift()) {
        html = printed.get(file)!;
        await page.goto(`${documentOrigin}/doc/doc.html`, { waitUntil: 'load' });
        await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await browser.close();
  return htmlFiles.length / seconds;
}

const root = await mkdtemp(join(tmpdir(), 'briefwright-bench-'));
try {
  await makeCorpus(root, count);
  const cold = await withPeakMemory(async () => {
    const started = performance.now();
    const result = await build({ root, force: true });
    return { seconds: (performance.now() - started) / 1000, result };
  });
  const errors = cold.result.result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the synthetic corpus has errors: ${errors[0]!.message}`);
  const startedCached = performance.now();
  const cached = await build({ root });
  const cachedSeconds = (performance.now() - startedCached) / 1000;
  const htmlFiles = (await readdir(join(root, 'out'), { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => join(root, 'out', f));
  const floorRate = await floor(htmlFiles);

  // Exactly what a user types, npm and its set-up check included, into an empty folder; five times,
  // as one run on a shared machine can be a second off.
  const singleRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const single = performance.now();
    await run('npm', ['run', '--silent', 'brief', '--', 'uzbekistan', '--quiet', '--out', join(root, `single-${i}`)], { cwd: repo });
    singleRuns.push((performance.now() - single) / 1000);
  }
  singleRuns.sort((a, b) => a - b);

  const rate = count / cold.result.seconds;
  const pages = (await run('pdfinfo', [join(root, 'out/doc-0000/doc-0000.pdf')])).stdout.match(/Pages:\s+(\d+)/)![1];
  console.log(`documents:                ${count} (${pages} pages each, 10+ citations, 4 figures, 2 charts, a Cyrillic passage)`);
  console.log(`cold build:               ${cold.result.seconds.toFixed(2)} s, ${rate.toFixed(1)} documents/s, ${(1000 / rate).toFixed(0)} ms/document`);
  console.log(`floor (bare Puppeteer):   ${floorRate.toFixed(1)} documents/s; ours/floor = ${((rate / floorRate) * 100).toFixed(0)}% (target ≥ 70%)`);
  console.log(`cached re-run:            ${cachedSeconds.toFixed(2)} s for ${cached.skipped.length} skipped documents (target < 1 s)`);
  console.log(`peak memory (node + Chromium): ${cold.peakMb.toFixed(0)} MB (target < 1536 MB)`);
  console.log(
    `single document from cold (npm run brief -- uzbekistan): median ${singleRuns[2]!.toFixed(2)} s of 5 runs (${singleRuns[0]!.toFixed(2)}–${singleRuns[4]!.toFixed(2)} s; target < 2.5 s)`,
  );
  // The analyst's loop: save → refreshed HTML and PDF in a warm preview of the Uzbekistan brief.
  for (const line of await benchPreview()) console.log(line);
} finally {
  await rm(root, { recursive: true, force: true });
}
