import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { repoRoot } from '../support/project.ts';

const run = promisify(execFile);
const ids = ['uzbekistan', 'kazakhstan', 'turkmenistan', 'central-asia'];

describe('the real briefs', () => {
  let outDir: string;
  let cited: Map<string, string[]>;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'briefwright-real-'));
    const result = await build({ root: repoRoot, ids, outDir });
    expect(result.diagnostics).toEqual([]);
    cited = new Map(result.documents.map((d) => [d.id, d.citedKeys]));
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it.each(ids)('%s prints to 2–4 A4 pages with its title', async (id) => {
    const info = (await run('pdfinfo', [join(outDir, id, `${id}.pdf`)])).stdout;
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(info).toMatch(/A4/);
  });

  it('cites the papers in APA in the Uzbekistan brief', async () => {
    const text = (await run('pdftotext', [join(outDir, 'uzbekistan/uzbekistan.pdf'), '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Digital Diplomacy');
    expect(text).toMatch(/\(Demircioğlu, 2024[,)]/);
    expect(text).toContain('References');
  });

  it.each(ids)('%s lists exactly the works it cites', async (id) => {
    const dom = new JSDOM(await readFile(join(outDir, id, `${id}.html`), 'utf8')).window.document;
    const listed = [...dom.querySelectorAll('.references .csl-entry')].map((e) => e.id.replace(/^ref-/, '')).sort();
    expect(listed).toEqual([...cited.get(id)!].sort());
  });
});
