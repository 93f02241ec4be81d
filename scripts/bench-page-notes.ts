/**
 * What notes at the foot of the page cost in print: the Uzbekistan brief in a note style
 * (chicago-note-bibliography-with-ibid), printed with its notes laid out by Paged.js and, for
 * comparison, as before (notes in a list after the text, no script), in one Chromium, alternating,
 * after a warm-up print of each. Prints the median and range of each, and of the first print in a
 * fresh Chromium. Usage: `npx tsx scripts/bench-page-notes.ts [RUNS]` (default 7).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/index.js';
import { createAssetResolver, launchPrinter, type PrintJob } from '../src/print/print-pdf.js';
import { findChromium } from '../src/print/find-chromium.js';
import { builtinTemplatesDir } from '../src/render/load-templates.js';
import { fontPackagesDir } from '../src/print/fonts.js';

const runs = Number(process.argv[2] ?? 7);
const repo = new URL('../', import.meta.url).pathname;
const style = 'chicago-note-bibliography-with-ibid';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (values: number[]) => `median ${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms, ${values.length} runs)`;

const root = await mkdtemp(join(tmpdir(), 'briefwright-bench-notes-'));
try {
  for (const entry of ['briefs', 'findings', 'references.bib', 'sources.yaml']) await cp(join(repo, entry), join(root, entry), { recursive: true });
  const spec = join(root, 'briefs', 'uzbekistan.yaml');
  await writeFile(spec, (await readFile(spec, 'utf8')).replace(/^style: .*$/m, `style: ${style}`));
  const built = await build({ root, ids: ['uzbekistan'], formats: ['html'] });
  if (built.diagnostics.some((d) => d.severity === 'error')) throw new Error('The note-style brief did not build');
  const html = await readFile(join(root, 'out', 'uzbekistan', 'uzbekistan.html'), 'utf8');
  const jobs: Record<string, PrintJob> = {
    'notes at the foot (Paged.js)': { id: 'uzbekistan', html, pageNotes: true },
    'notes after the text (before)': { id: 'uzbekistan', html },
  };
  const chromium = await findChromium();
  const assets = createAssetResolver([builtinTemplatesDir], fontPackagesDir());

  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const warm: Record<string, number[]> = Object.fromEntries(Object.keys(jobs).map((name) => [name, []]));
  const cold: Record<string, number[]> = Object.fromEntries(Object.keys(jobs).map((name) => [name, []]));
  const printer = await launchPrinter(chromium, assets, { pages: 1 });
  try {
    for (const job of Object.values(jobs)) await printer.print(job);
    for (let run = 0; run < runs; run++) {
      for (const [name, job] of Object.entries(jobs)) warm[name]!.push(await time(() => printer.print(job)));
    }
  } finally {
    await printer.close();
  }
  // The first print of a fresh Chromium (as `brief build ID` prints one document), start-up not counted.
  for (let run = 0; run < Math.min(runs, 5); run++) {
    for (const [name, job] of Object.entries(jobs)) {
      const fresh = await launchPrinter(chromium, assets, { singleProcess: true });
      try {
        cold[name]!.push(await time(() => fresh.print(job)));
      } finally {
        await fresh.close();
      }
    }
  }
  console.log(`${style}, the Uzbekistan brief:`);
  for (const name of Object.keys(jobs)) {
    console.log(`  ${name}`);
    console.log(`    reused page:   ${summary(warm[name]!)}`);
    console.log(`    fresh Chromium: ${summary(cold[name]!)}`);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
