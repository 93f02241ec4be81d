import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CslDirs } from '../cite/csl-files.js';

export interface StyleInfo {
  /** What a spec's `style:` names. */
  name: string;
  title: string;
  /** author-date, numeric, note, label or author. */
  format: string;
}

/** The `<info>` block is at the top of a style: this much of each file holds its title and format. */
const headBytes = 4096;

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!);
}

/**
 * The installed CSL styles (independent and dependent) whose name or title contains every word of
 * `query` (case-insensitive), sorted by name.
 */
export async function listStyles(dirs: Pick<CslDirs, 'styles'>, query = ''): Promise<StyleInfo[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const folders = [dirs.styles, join(dirs.styles, 'dependent')];
  const files = (await Promise.all(folders.map(async (folder) => (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.csl')).map((f) => ({ folder, file: f })))))
    .flat();
  const seen = new Set<string>();
  const styles: StyleInfo[] = [];
  // A few hundred files at a time: thousands of open files at once would exhaust the descriptors.
  for (let i = 0; i < files.length; i += 256) {
    const batch = await Promise.all(
      files.slice(i, i + 256).map(async ({ folder, file }) => {
        const name = file.slice(0, -4);
        const head = await readHead(join(folder, file)).catch(() => '');
        const title = unescapeXml(/<title>([^<]*)<\/title>/.exec(head)?.[1]?.trim() ?? name);
        const format = /<category[^>]*citation-format="([^"]+)"/.exec(head)?.[1] ?? '';
        return { name, title, format };
      }),
    );
    for (const style of batch) {
      // A style in the main folder wins over a dependent one of the same name, as `loadStyle` reads them.
      if (seen.has(style.name)) continue;
      const haystack = `${style.name} ${style.title}`.toLowerCase();
      if (words.every((word) => haystack.includes(word))) {
        seen.add(style.name);
        styles.push(style);
      }
    }
  }
  return styles.sort((a, b) => a.name.localeCompare(b.name));
}

export function formatStyles(styles: readonly StyleInfo[]): string {
  const width = Math.min(48, Math.max(4, ...styles.map((s) => s.name.length)));
  const formatWidth = Math.max(6, ...styles.map((s) => s.format.length));
  return [`${'NAME'.padEnd(width)}  ${'FORMAT'.padEnd(formatWidth)}  TITLE`, ...styles.map((s) => `${s.name.padEnd(width)}  ${s.format.padEnd(formatWidth)}  ${s.title}`)].join('\n');
}
