import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { findChromium } from '../../src/print/find-chromium.ts';
import { axeViolations, seriousViolations } from '../support/axe.ts';
import { repoRoot } from '../support/project.ts';

// Every HTML edition of the project's own documents (briefs, a comparison with charts and a table,
// memos in English and Russian) and the documents site, checked by axe-core in real Chromium.
describe('accessibility (axe-core in Chromium)', () => {
  let outDir: string;
  let browser: Browser;
  let pages: string[];
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'briefwright-axe-'));
    const result = await build({ root: repoRoot, outDir, formats: ['html'], force: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    pages = [...result.documents.flatMap((d) => d.files.filter((f) => f.endsWith('.html'))), join(outDir, 'index.html')];
    browser = await puppeteer.launch({ executablePath: await findChromium(), headless: true, args: ['--no-sandbox'] });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('finds no serious or critical violation in any HTML edition or the documents site', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    const found: Record<string, string[]> = {};
    for (const file of pages) {
      const serious = seriousViolations(await axeViolations(browser, { file }));
      if (serious.length > 0) found[file.slice(outDir.length + 1)] = serious;
    }
    expect(found).toEqual({});
  }, 240_000);

  it('catches a real violation (the check can fail)', async () => {
    const violations = await axeViolations(browser, { html: '<!DOCTYPE html><html><head><title>t</title></head><body><img src="data:,"><a href="#x"></a></body></html>' });
    expect(violations.map((v) => v.id)).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'link-name']));
    expect(seriousViolations(violations).length).toBeGreaterThan(0);
  });
});
