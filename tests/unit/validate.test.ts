import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeProject, removeProject } from '../support/project.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

async function check(files: Record<string, string | Uint8Array>) {
  const root = await makeProject(files);
  roots.push(root);
  const { diagnostics } = await build({ root, checkOnly: true });
  return diagnostics.map((d) => formatReport([d], { hints: true }).split('\n').slice(0, -1).join('\n'));
}

const brief = (extra: string) => `kind: brief
title: T
date: 2025-01-01
countries: [UZ]
${extra}`;

/** A findings file with one finding that has no metric. */
const plainFinding = (id: string, topic: string) => `findings:
  - id: ${id}
    country: UZ
    topic: ${topic}
    claim: A plain statement.
    source: bjola2015digital
    locator: p. 1
    evidence: "x"
`;

describe('shape validation', () => {
  it('passes the fixture project', async () => {
    expect(await check({})).toEqual([]);
  });

  it('names an unknown field with its position and the closest field', async () => {
    expect(await check({ 'briefs/bad.yaml': brief('sumary: x\n') })).toEqual([
      'briefs/bad.yaml:5:1 error Unknown field "sumary" [unknown-field]\n  hint: Did you mean "summary"?',
    ]);
  });

  it('points a wrong enum value at the value', async () => {
    expect(await check({ 'briefs/bad.yaml': brief('style: apa\nlang: fr\n') })).toEqual([
      'briefs/bad.yaml:6:7 error Invalid value "fr" at lang [invalid-value]\n  hint: Allowed: en, ru, uz, kk.',
    ]);
  });

  it('reports a missing required field at its parent', async () => {
    expect(await check({ 'briefs/bad.yaml': 'kind: brief\ndate: 2025-01-01\ncountries: [UZ]\n' })).toEqual([
      'briefs/bad.yaml:1:1 error Missing required field "title" [missing-field]\n  hint: Add the field; see schemas/ for what it holds.',
    ]);
  });

  it('rejects a day that does not exist', async () => {
    expect(await check({ 'briefs/bad.yaml': 'kind: brief\ntitle: T\ndate: 2025-02-30\ncountries: [UZ]\n' })).toEqual([
      'briefs/bad.yaml:3:7 error "2025-02-30" is not a date: February 2025 has 28 days, so there is no day 30 at date [invalid-value]\n  hint: See schemas/ for the allowed values.',
    ]);
  });

  it('reports YAML syntax errors with their position', async () => {
    expect(await check({ 'briefs/bad.yaml': 'kind: brief\ntitle: "unclosed\ndate: 2025-01-01\n' })).toEqual([
      'briefs/bad.yaml:4:1 error Missing closing "quote [yaml-syntax]\n  hint: Fix the YAML syntax at this position (indentation, quoting, a missing colon).',
    ]);
  });

  it('reports duplicate keys', async () => {
    expect(await check({ 'briefs/bad.yaml': brief('title: Again\n') })).toEqual([
      'briefs/bad.yaml:5:1 error Duplicate key "title" [yaml-duplicate-key]\n  hint: Each key may appear once in a mapping; remove or rename one of them.',
    ]);
  });

  it('reports an empty file and invalid UTF-8', async () => {
    expect(await check({ 'briefs/empty.yaml': '', 'briefs/latin1.yaml': Buffer.from('kind: brief\ntitle: caf\xe9\n', 'latin1') })).toEqual([
      'briefs/empty.yaml:1:1 error The file is empty [empty-file]\n  hint: Write the document or delete the file.',
      'briefs/latin1.yaml:2:11 error The file is not valid UTF-8 [invalid-encoding]\n  hint: Save the file as UTF-8.',
    ]);
  });

  it('accepts a BOM and CRLF line endings', async () => {
    expect(await check({ 'briefs/crlf.yaml': `\uFEFF${brief('summary: Fine.\n').replace(/\n/g, '\r\n')}` })).toEqual([]);
  });
});

describe('cross-reference validation', () => {
  it('names an unknown finding with the closest ids', async () => {
    expect(await check({ 'briefs/bad.yaml': brief('key_findings:\n  - uz-connectivity-internet-penetration-2024\n') })).toEqual([
      'briefs/bad.yaml:6:5 error Unknown finding "uz-connectivity-internet-penetration-2024" [unknown-finding]\n  hint: Closest finding ids: uz-connectivity-internet-penetration-2023.',
    ]);
  });

  it('names an unknown citation key in Markdown at its exact position', async () => {
    expect(await check({ 'briefs/bad.yaml': brief('summary: |\n  Growth was fast [@bjola2015digitl, p. 3].\n') })).toEqual([
      'briefs/bad.yaml:6:20 error Unknown citation key "bjola2015digitl" [unknown-citation-key]\n  hint: Closest keys in references.bib: bjola2015digital.',
    ]);
  });

  it('names a finding id used twice across files', async () => {
    expect(await check({ 'findings/zz.yaml': plainFinding('uz-connectivity-internet-penetration-2023', 'connectivity') })).toEqual([
      'findings/zz.yaml:2:9 error Duplicate finding id "uz-connectivity-internet-penetration-2023" (first defined at findings/test.yaml:3:9) [duplicate-id]\n  hint: Ids must be unique across all files; rename one of them.',
    ]);
  });

  it('rejects a figure reference to a finding without a metric', async () => {
    expect(await check({ 'findings/zz.yaml': plainFinding('uz-strategy-plain-2020', 'strategy'), 'briefs/bad.yaml': brief('summary: See [@fact:uz-strategy-plain-2020].\n') })).toEqual([
      'briefs/bad.yaml:5:15 error Finding "uz-strategy-plain-2020" has no metric to insert as a figure [finding-without-metric]\n  hint: Only findings with a `metric` can be inserted as a figure; cite the paper instead.',
    ]);
  });

  it('fails loudly on an unknown citation style, naming the folder and close matches', async () => {
    expect(await check({ 'briefs/bad.yaml': brief('style: chicago-author-dat\n') })).toEqual([
      'briefs/bad.yaml:5:8 error Unknown citation style "chicago-author-dat": no chicago-author-dat.csl in /usr/share/citation-style-language/styles [unknown-style]\n  hint: Closest styles: chicago-author-date, chicago-author-date-de, chicago-author-date-fr, petit-chicago-author-date, chicago-author-date-basque.',
    ]);
  });
});

describe('a missing library', () => {
  it('is one diagnostic, not one per citation key', async () => {
    const root = await makeProject();
    roots.push(root);
    await rm(join(root, 'references.bib'));
    const { diagnostics } = await build({ root, checkOnly: true });
    expect(formatReport(diagnostics)).toBe(
      'references.bib error The bibliography references.bib is missing [missing-file]\n  hint: Create the file at the project root.\n1 error, 0 warnings',
    );
  });
});

describe('pandoc warnings', () => {
  it('become warnings at the Markdown field they came from, and do not stop the build', async () => {
    expect(await check({ 'briefs/warn.yaml': brief('summary: |\n  See [a].\n\n  [a]: https://example.org/1\n  [a]: https://example.org/2\n') })).toEqual([
      'briefs/warn.yaml:5:10 warning pandoc: Duplicate link reference \'[a]\' [pandoc-warning]\n  hint: Check the Markdown at this position.',
    ]);
  });
});
