import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';

// axe-core, the accessibility engine of the field, run inside real Chromium. The test page runs
// axe's script; the published pages have none (Briefwright prints and publishes with JavaScript off).
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe's violations on a page given by file or by HTML. */
export async function axeViolations(browser: Browser, page: { file: string } | { html: string }): Promise<AxeViolation[]> {
  const tab = await browser.newPage();
  try {
    if ('file' in page) await tab.goto(pathToFileURL(page.file).href, { waitUntil: 'load' });
    else await tab.setContent(page.html, { waitUntil: 'load' });
    await tab.evaluate(await axeSource);
    return (await tab.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    })) as AxeViolation[];
  } finally {
    await tab.close();
  }
}

/** The serious and critical ones, each as one line: rule, impact, help and where. */
export function seriousViolations(violations: readonly AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
