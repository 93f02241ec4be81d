// Preview latency on the example Uzbekistan brief: from saving its spec to the refreshed HTML and to
// the refreshed PDF on disk (what the preview page reloads), median of 20 edits, in one warm preview
// (real watcher, server, Chromium). Run by `npm run bench`, or alone: `tsx scripts/bench-preview.ts [EDITS]`.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview } from '../src/preview/start-preview.ts';
import { request } from 'node:http';

export async function benchPreview(edits = 20): Promise<string[]> {
  const repo = new URL('../', import.meta.url).pathname;
  const root = await mkdtemp(join(tmpdir(), 'briefwright-preview-bench-'));
  try {
    for (const path of ['briefs', 'findings', 'references.bib']) await cp(join(repo, path), join(root, path), { recursive: true });
    const preview = await startPreview({ root, id: 'uzbekistan' });
    // The preview page's own event stream: a file counts as refreshed when the page hears of it.
    let heard: ((format: string, at: number) => void) | undefined;
    const stream = request({ host: '127.0.0.1', port: preview.port, path: '/_preview/events' }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = performance.now();
        for (const match of chunk.matchAll(/^event: output\ndata: (.+)$/gm)) heard?.((JSON.parse(match[1]!) as { format: string }).format, at);
      });
    });
    stream.end();
    const written = (format: string) =>
      new Promise<number>((resolve) => {
        const previous = heard;
        heard = (heardFormat, at) => {
          previous?.(heardFormat, at);
          if (heardFormat === format) resolve(at);
        };
      });
    try {
      await preview.ready;
      const specFile = join(root, 'briefs/uzbekistan.yaml');
      const spec = await readFile(specFile, 'utf8');
      const html: number[] = [];
      const pdf: number[] = [];
      for (let i = 0; i < edits; i++) {
        const htmlAt = written('html');
        const pdfAt = written('pdf');
        const saved = performance.now();
        await writeFile(specFile, spec.replace('Uzbekistan built its digital diplomacy', `Uzbekistan built its digital diplomacy (edit ${i + 1})`));
        const [h, p] = await Promise.all([htmlAt, pdfAt]);
        html.push(h - saved);
        pdf.push(p - saved);
        heard = undefined;
        // The build writes its manifest after the PDF: the next save comes once it is done.
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;
      return [
        `preview, save → refreshed HTML: median ${Math.round(median(html))} ms of ${edits} edits (${range(html)}; target ≤ 150 ms)`,
        `preview, save → refreshed PDF:  median ${Math.round(median(pdf))} ms of ${edits} edits (${range(pdf)}; target ≤ 400 ms)`,
      ];
    } finally {
      stream.destroy();
      await preview.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchPreview(Number(process.argv[2] ?? 20))) console.log(line);
