import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { findChromium } from '../../src/print/find-chromium.ts';
import { repoRoot } from '../support/project.ts';

// axe-core, the accessibility engine of the field, run inside real Chromium on every HTML edition of
// the project's own documents (briefs, a comparison with charts and a table, memos in English and
// Russian) and on the documents site. The test page runs axe's script; the published pages have none.
const axeSource = () => readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

describe('accessibility (axe-core in Chromium)', () => {
  let outDir: string;
  let browser: Browser;
  let pages: string[];
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'briefwright-axe-'));
    const result = await build({ root: repoRoot, outDir, formats: ['html'], force: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    pages = [...result.documents.flatMap((d) => d.files.filter((f) => f.endsWith('.html'))), join(outDir, 'index.html')];
    browser = await puppeteer.launch({ executablePath: await findChromium(), headless: true, args: ['--no-sandbox', '--allow-file-access-from-files'] });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('finds no serious or critical violation in any HTML edition or the documents site', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    const source = await axeSource();
    const found: Record<string, string[]> = {};
    const page = await browser.newPage();
    for (const file of pages) {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate(source);
      const violations = (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
        return (await axe.run(document, { resultTypes: ['violations'] })).violations;
      })) as AxeViolation[];
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (serious.length > 0) found[file.slice(outDir.length + 1)] = serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    await page.close();
    expect(found).toEqual({});
  }, 240_000);

  it('catches a real violation (the check can fail)', async () => {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><img src="data:,"><a href="#x"></a></body></html>');
    await page.evaluate(await axeSource());
    const ids = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run(document)).violations.map((v) => v.id);
    });
    await page.close();
    expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'link-name']));
  });
});
