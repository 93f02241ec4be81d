import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';

const spec = `kind: comparison
title: Region
date: 2025-01-01
countries: [UZ, KZ]
comparison:
  rows:
    - metric: internet-penetration
      label: Internet users
`;

describe('comparison tables', () => {
  let root: string;
  let dom: Document;
  beforeAll(async () => {
    root = await makeProject({ 'briefs/region.yaml': spec });
    const result = await build({ root, ids: ['region'], formats: ['html'] });
    expect(result.diagnostics).toEqual([]);
    dom = new JSDOM(await readFile(join(root, 'out/region/region.html'), 'utf8')).window.document;
  });
  afterAll(() => removeProject(root));

  it('fills a cell from findings and shows a gap, not a zero, where no source gives a figure', () => {
    const cells = [...dom.querySelectorAll('.comparison tbody td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual(['76.6% (2023) (Allamurodov, 2023, p. 29)', '—']);
    expect(dom.querySelector('.comparison td.gap')).not.toBeNull();
  });
});
