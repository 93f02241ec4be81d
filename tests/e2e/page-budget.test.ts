import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, listFiles, makeProject, removeProject } from '../support/project.ts';
import { pdfInfo } from '../support/pdf.ts';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map(removeProject)));

/** The fixture brief with two more sections, each long enough to fill most of a page. */
async function longBrief(maxPages: number): Promise<string> {
  const spec = await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8');
  const paragraph = `      ${'Digital diplomacy asks ministries to publish, listen and answer in the same place. '.repeat(8)}\n\n`;
  const sections = ['Findings in depth', 'Options'].map((heading) => `  - heading: ${heading}\n    body: |\n${paragraph.repeat(6)}`).join('');
  return spec.replace('date: 2025-03-01\n', `date: 2025-03-01\nmax_pages: ${maxPages}\n`).replace('recommendations:\n', `${sections}recommendations:\n`);
}

describe('the page budget', () => {
  it('reports every document\'s page count, and a document over its budget as an error naming the sections past the limit', async () => {
    const root = await makeProject({ 'briefs/sample.yaml': await longBrief(10) });
    roots.push(root);
    const within = await cli(root, 'build', 'sample');
    expect(within.code).toBe(0);
    const pages = Number((await pdfInfo(join(root, 'out/sample/sample.pdf'))).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(within.stdout).toContain(`wrote out/sample/sample.html, out/sample/sample.pdf (${pages} pages)\n`);
    const before = await readFile(join(root, 'out/sample/sample.pdf'));

    await writeFile(join(root, 'briefs/sample.yaml'), await longBrief(1));
    const over = await cli(root, 'build', 'sample');
    expect(over.code).toBe(1);
    expect(over.stderr.split('\n').slice(0, 2)).toEqual([
      'briefs/sample.yaml:6:12 error sample has 4 pages; its budget is 1 page. Past the limit: "Findings in depth" (from page 1 onto page 2), "Options" (page 2), "Recommendations" (page 4), "References" (page 4) [page-budget]',
      '  hint: Shorten the sections past the limit, or raise max_pages in the spec.',
    ]);
    // Over budget is a failed document: its last good PDF stays.
    expect(await readFile(join(root, 'out/sample/sample.pdf'))).toEqual(before);
    expect((await listFiles(join(root, 'out'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
