import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { jsonSchemas } from '../src/schema/json-schema.ts';
import { formatReport } from '../src/diagnostics/report.ts';
import { repoRoot } from './support/project.ts';
import { loadProject } from '../src/load/load-project.ts';
import { nodeFileSystem } from '../src/load/file-system.ts';

describe('the project itself', () => {
  it('passes `brief check` with no errors or warnings', async () => {
    const { diagnostics } = await build({ root: repoRoot, checkOnly: true });
    expect(formatReport(diagnostics)).toBe('no problems');
  });

  it('has JSON Schemas in sync with the zod schemas', async () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(await readFile(new URL(`../schemas/${name}.schema.json`, import.meta.url), 'utf8'));
      expect(committed, `schemas/${name}.schema.json is stale: run npm run schemas`).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('has at least 80 findings, each from one of the five papers, and the country briefs', async () => {
    const { project } = await loadProject(repoRoot, nodeFileSystem);
    expect(project.findings.length).toBeGreaterThanOrEqual(80);
    const papers = new Set(['demircioglu2024digital', 'allamurodov2023digital', 'arapov2025digital', 'sattorovndrole', 'turayeva2023digital']);
    for (const { finding } of project.findings) expect(papers).toContain(finding.source);
    expect(project.briefs.map((b) => b.id)).toEqual(expect.arrayContaining(['uzbekistan', 'kazakhstan', 'turkmenistan', 'central-asia']));
  });

  it('starts every YAML file with its schema line', async () => {
    const { project } = await loadProject(repoRoot, nodeFileSystem);
    for (const source of [...project.briefs.map((b) => b.source), ...project.findings.map((f) => f.source)]) {
      expect(source.text.split('\n')[0], source.file).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/(brief|findings)\.schema\.json$/);
    }
  });
});
