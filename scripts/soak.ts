// npm run soak [-- N]: builds a synthetic corpus 20 times in one process and prints memory after
// each round; the figures should stay flat. Outside the test suite: it prints, it does not assert.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.ts';
import { makeCorpus } from './synthetic-corpus.ts';

const count = Number(process.argv[2] ?? 20);
const rounds = 20;
const root = await mkdtemp(join(tmpdir(), 'briefwright-soak-'));
try {
  await makeCorpus(root, count);
  for (let round = 1; round <= rounds; round++) {
    const started = performance.now();
    const result = await build({ root, force: true, formats: ['pdf'] });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(errors[0]!.message);
    global.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0).padStart(5);
    console.log(`round ${String(round).padStart(2)}: ${result.documents.length} documents in ${((performance.now() - started) / 1000).toFixed(1)} s, rss ${mb(rss)} MB, heap ${mb(heapUsed)} MB`);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
