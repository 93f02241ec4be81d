import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { build } from '../../src/index.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { pageFills } from '../../src/print/page-fill.ts';
import { makeProject, removeProject } from '../support/project.ts';

const run = promisify(execFile);

const sentence = 'Analysts read the papers side by side and wrote down where they agree and where they do not. ';

/**
 * The sample brief with a short summary and a section that opens with a table too tall to fit under
 * it: tables are kept whole, so the table and its heading move to page 2 and leave page 1 half empty.
 */
function underfilling(spec: string): string {
  const rows = Array.from({ length: 28 }, (_, i) => `      | Row ${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'x' : ''} | ${sentence.trim()} |`).join('\n');
  return spec.replace(
    /sections:\n[\s\S]*?\nrecommendations:/,
    `sections:\n  - heading: Long table\n    body: |\n      | Item | Note |\n      |------|------|\n${rows}\nrecommendations:`,
  );
}

/** How far down page 1 its lowest word reaches, as poppler reads the PDF: an oracle for the fill. */
async function popplerFill(pdf: string, page: number): Promise<number> {
  const { stdout } = await run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-']);
  const height = Number(/<page width="[\d.]+" height="([\d.]+)">/.exec(stdout)![1]);
  // The stylesheet's page margins: 22 mm at the top and bottom, where the running header and footer are.
  const margin = (22 / 25.4) * 72;
  const words = [...stdout.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const lowest = Math.max(...words.filter(([top, bottom]) => top > margin && bottom < height - margin + 2).map(([, bottom]) => bottom));
  return (lowest - margin) / (height - 2 * margin);
}

describe('underfilled pages', () => {
  let root: string;
  let report: string;
  let warnings: string[];
  beforeAll(async () => {
    const spec = underfilling(await readFile(new URL('../fixtures/basic/briefs/sample.yaml', import.meta.url), 'utf8'));
    root = await makeProject({ 'briefs/sample.yaml': spec });
    const result = await build({ root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    warnings = result.diagnostics.filter((d) => d.ruleId === 'underfilled-page').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    report = formatReport(result.diagnostics);
  });
  afterAll(() => removeProject(root));

  it('warn at a page other than the last that is less than 60% full, naming the section that starts the next page', async () => {
    const pdf = join(root, 'out/sample/sample.pdf');
    expect(await popplerFill(pdf, 1)).toBeLessThan(0.6);
    const [fill] = pageFills(await PDFDocument.load(await readFile(pdf)), 1);
    // At the heading of the section that moved to page 2.
    expect(warnings).toEqual([`briefs/sample.yaml:17:14 Page 1 of 3 of sample is ${Math.floor(fill! * 100)}% full; the next page starts with "Long table"`]);
    expect(report).toContain('hint: Move a block, shorten or lengthen a section, or drop a forced page break, so the page is at least 60% full.');
    // The warning does not keep the document out of the build or the manifest.
    const manifest = JSON.parse(await readFile(join(root, 'out/manifest.json'), 'utf8'));
    expect(manifest.documents.map((d: { id: string }) => d.id)).toEqual(['sample']);
  });

  it('measure the fill as poppler reads the printed pages', async () => {
    const pdf = join(root, 'out/sample/sample.pdf');
    const measured = pageFills(await PDFDocument.load(await readFile(pdf)));
    expect(measured).toHaveLength(3);
    for (const [index, fill] of measured.entries()) {
      // Poppler sees the words; the fill also counts what is drawn below the last line (a panel's padding, a rule).
      const words = await popplerFill(pdf, index + 1);
      expect(fill - words, `page ${index + 1}`).toBeGreaterThanOrEqual(-0.005);
      expect(fill - words, `page ${index + 1}`).toBeLessThan(0.04);
    }
  });

  it('stay quiet for a page that is full enough, and for the last page however short', async () => {
    const quiet = await makeProject();
    try {
      const result = await build({ root: quiet });
      expect(result.documents[0]!.pages).toBe(1);
      expect(result.diagnostics).toEqual([]);
    } finally {
      await removeProject(quiet);
    }
  });
});
