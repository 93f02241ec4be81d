import { execFile } from 'node:child_process';
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
});
