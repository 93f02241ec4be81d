import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';

const run = promisify(execFile);

describe('--format docx', () => {
  let root: string;
  let markdown: string;
  beforeAll(async () => {
    root = await makeProject();
    const result = await build({ root, formats: ['docx'] });
    expect(result.diagnostics).toEqual([]);
    markdown = (await run('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', join(root, 'out/sample/sample.docx')])).stdout;
  });
  afterAll(() => removeProject(root));

  it('converts back with the same headings', () => {
    const headings = [...markdown.matchAll(/^(#+) (.+?)(?: \{.*\})?$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual(['# Digital Diplomacy in Uzbekistan', '## Summary', '## Key findings', '## Context', '## Recommendations', '## References']);
  });

  it('keeps the citations and the bibliography', () => {
    expect(markdown).toContain('[Manor (2019, p. 33)](#ref-manor2019digitalization) describes the shift.');
    expect(markdown).toMatch(/Manor, I\. \(2019\)\. \*The digitalization of public diplomacy\*\. Palgrave Macmillan\./);
  });

  it('dates the Word file by the document, so the same inputs give the same bytes', async () => {
    const again = await makeProject();
    // Built again in another time zone: zip entries hold local times.
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tashkent';
    try {
      const result = await build({ root: again, formats: ['docx'] });
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
      expect(result.diagnostics).toEqual([]);
      const [first, second] = await Promise.all([root, again].map((r) => readFile(join(r, 'out/sample/sample.docx'))));
      expect(first!.equals(second!)).toBe(true);
      // Every entry of the zip is dated by the spec (2025-03-01), not by the clock, in any time zone.
      const dates = spawnSync('/usr/bin/python3', ['-c', 'import sys, zipfile; print(sorted({i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()}))', join(root, 'out/sample/sample.docx')], { encoding: 'utf8' });
      expect(dates.stdout.trim()).toBe('[(2025, 3, 1, 0, 0, 0)]');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
      await removeProject(again);
    }
  });
});
