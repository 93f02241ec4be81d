import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { readAsset, type AssetResolver } from '../print/print-pdf.js';
import { writeFilesAtomically } from './write-atomic.js';

/** The HTML outputs link ../assets/: copy the stylesheet and the font files it imports, skipping unchanged ones. */
export async function publishAssets(assets: AssetResolver, outDir: string, used?: readonly string[]): Promise<void> {
  // Copied side by side rather than one after another; without a print, every font the stylesheet names.
  await Promise.all(
    (used ?? (await stylesheetAssets(assets, 'brief.css'))).map(async (asset) => {
      const from = await assets.resolve(asset);
      if (!from) return;
      const to = join(outDir, 'assets', asset);
      const [a, b] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
      if (b && b.size === a.size && b.mtimeMs >= a.mtimeMs) return;
      // Written whole or not at all: the copy runs while documents print, and a build can be interrupted.
      await writeFilesAtomically([{ path: to, data: await readAsset(from) }]);
    }),
  );
}

/** A stylesheet and everything it pulls in through @import and url(), as asset paths. */
async function stylesheetAssets(assets: AssetResolver, stylesheet: string): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (asset: string) => {
    if (found.has(asset)) return;
    found.add(asset);
    const file = await assets.resolve(asset);
    if (!file || !asset.endsWith('.css')) return;
    const css = (await readAsset(file)).toString('utf8');
    const targets = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/i.test(target));
    await Promise.all(targets.map((target) => visit(posix.normalize(posix.join(posix.dirname(asset), target)))));
  };
  await visit(stylesheet);
  return [...found];
}
