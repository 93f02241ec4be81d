import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';

const run = promisify(execFile);

describe('building the fixture brief with real pandoc and Chromium', () => {
  let root: string;
  let text: string;
  let html: string;
  let info: string;

  beforeAll(async () => {
    root = await makeProject();
    const result = await build({ root });
    expect(result.diagnostics).toEqual([]);
    const pdf = join(root, 'out/sample/sample.pdf');
    text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
    info = (await run('pdfinfo', [pdf])).stdout;
    html = await readFile(join(root, 'out/sample/sample.html'), 'utf8');
  });
  afterAll(() => removeProject(root));

  it('prints an A4 PDF with the title', () => {
    expect(info).toMatch(/^Title:\s+Digital Diplomacy in Uzbekistan$/m);
    expect(info).toMatch(/^Page size:\s+594\.96 x 841\.92 pts \(A4\)$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(text).toContain('Digital Diplomacy in Uzbekistan');
  });

  it('formats in-text citations in APA, with locators, prefixes and in-text form', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('(Bjola & Holmes, 2015; Demircioğlu, 2024, p. 175)');
    expect(flat).toContain('(Allamurodov, 2023, p. 29; see also Bjola & Holmes, 2015, Chapter 2)');
    expect(flat).toContain('Manor (2019, p. 33) describes the shift.');
  });

  it('inserts figures from findings with the citation of their source', () => {
    const flat = text.replace(/\s+/g, ' ');
    // The figure's citation goes to the end of its sentence, before the writer's own (figure_citations: sentence).
    expect(flat).toContain('reached 76.6% of the population (Allamurodov, 2023, p. 29; see also');
    expect(flat).toContain('more than 3 million');
    expect(flat).toContain('(Demircioğlu, 2024, sec. Digital Diplomacy in Uzbekistan)');
  });

  it('ends with a bibliography of exactly the cited works, each linked from the text', () => {
    const dom = new JSDOM(html).window.document;
    const entries = [...dom.querySelectorAll('.references .csl-entry')].map((e) => e.id);
    expect(entries).toEqual(['ref-allamurodov2023digital', 'ref-bjola2015digital', 'ref-demircioglu2024digital', 'ref-manor2019digitalization']);
    expect(text).not.toContain('Hanson');
    const targets = new Set([...dom.querySelectorAll('.citation a')].map((a) => a.getAttribute('href')));
    for (const target of targets) expect(dom.querySelector(target!)).not.toBeNull();
    expect(text).toMatch(/References\s+Allamurodov, B\. Kh\. \(2023\)/);
  });

  it('loads no resource from outside the project and runs no script', () => {
    const dom = new JSDOM(html).window.document;
    expect(dom.querySelectorAll('script')).toHaveLength(0);
    expect(dom.querySelector('link[rel=stylesheet]')?.getAttribute('href')).toBe('../assets/brief.css');
  });

  it('embeds the shipped Noto fonts', async () => {
    const fonts = (await run('pdffonts', [join(root, 'out/sample/sample.pdf')])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\+Noto(Sans|Serif)-\S+\s.*\byes\s+yes\s+yes\b/);
  });
});
