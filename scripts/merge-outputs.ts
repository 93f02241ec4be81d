// Usage: tsx scripts/merge-outputs.ts TARGET SOURCE… — merges the output folders of a CI matrix's
// shards into TARGET, with one manifest.json, index.html and SHA256SUMS (see the workflow's site job).
import { join } from 'node:path';
import { templateDirs } from '../src/render/load-templates.js';
import { mergeOutputs } from '../src/publish/merge-outputs.js';

const [target, ...sources] = process.argv.slice(2);
if (!target || sources.length === 0) {
  console.error('usage: tsx scripts/merge-outputs.ts TARGET SOURCE…');
  process.exit(2);
}
try {
  const merged = await mergeOutputs(target, sources, templateDirs(join(process.cwd(), 'templates')));
  console.log(`merged ${merged.documents.length} documents from ${sources.length} folders into ${target}`);
} catch (error) {
  console.error(`merge-outputs: ${(error as Error).message}`);
  process.exit(1);
}
