import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { cli, listFiles, makeProject, removeProject } from '../support/project.ts';
import { pdfText } from '../support/pdf.ts';

const memo = `kind: memo
title: Staffing a digital diplomacy unit
date: 2025-03-01
lang: ru
countries: [UZ]
from: Analysis Team
reference: BW-2025-001
purpose: Предложить создание подразделения цифровой дипломатии.
recipients:
  - name: Министерство иностранных дел Республики Узбекистан
    address: Ташкент
    slug: mfa-uzbekistan
    paragraphs: Просим рассмотреть вопрос о штатах.
  - name: Ministry of Digital Technologies
summary: |
  Доля пользователей интернета достигла [@fact:uz-connectivity-internet-penetration-2023].
recommendations:
  - to: МИД
    action: Создать подразделение.
    deadline: 2025-06-30
`;

describe('batch builds', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeProject({ 'briefs/memo.yaml': memo });
  });
  afterAll(() => removeProject(root));

  it('writes one PDF per memo recipient, in Russian with GOST citations and Russian number formats', async () => {
    const result = await build({ root });
    expect(result.diagnostics).toEqual([]);
    expect((await listFiles(join(root, 'out/memo'))).sort()).toEqual([
      'memo--mfa-uzbekistan.html',
      'memo--mfa-uzbekistan.pdf',
      'memo--ministry-of-digital-technologies.html',
      'memo--ministry-of-digital-technologies.pdf',
    ]);
    const text = (await pdfText(join(root, 'out/memo/memo--mfa-uzbekistan.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('Кому Министерство иностранных дел Республики Узбекистан Ташкент');
    expect(text).toContain('Дата 1 марта 2025 г.');
    expect(text).toContain('Просим рассмотреть вопрос о штатах.');
    expect(text).toContain('достигла 76,6 % [Allamurodov, 2023, с. 29]');
    expect(text).toContain('30 июня 2025 г.');
    expect(text).toContain('Список литературы 1. Allamurodov B. Kh.');
    const other = (await pdfText(join(root, 'out/memo/memo--ministry-of-digital-technologies.pdf'))).replace(/\s+/g, ' ');
    expect(other).toContain('Кому Ministry of Digital Technologies');
    expect(other).not.toContain('Просим рассмотреть');
  });

  it('lists every output in out/manifest.json with its hash', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'out/manifest.json'), 'utf8'));
    const entries = manifest.documents.map((d: { id: string; recipient?: string }) => `${d.id}/${d.recipient ?? ''}`);
    expect(entries).toEqual(['memo/Ministry of Digital Technologies', 'memo/Министерство иностранных дел Республики Узбекистан', 'sample/']);
    for (const document of manifest.documents) {
      expect(document.inputHash).toMatch(/^[0-9a-f]{64}$/);
      for (const file of document.files) {
        const data = await readFile(join(root, 'out', file.path));
        expect(file.size).toBe(data.byteLength);
        expect(file.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      }
    }
    const sample = manifest.documents.find((d: { id: string }) => d.id === 'sample');
    expect(sample).toMatchObject({ lang: 'en', kind: 'brief', pages: 1, citationKeys: expect.arrayContaining(['manor2019digitalization']) });
  });

  it('skips unchanged documents, rebuilds what changed, and rebuilds everything with --force', async () => {
    const pdf = join(root, 'out/sample/sample.pdf');
    const before = (await stat(pdf)).mtimeMs;
    const again = await cli(root, 'build');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^built 0, skipped 2, failed 0 in \d+\.\d s$/m);
    expect((await stat(pdf)).mtimeMs).toBe(before);

    const findings = join(root, 'findings/test.yaml');
    await writeFile(findings, (await readFile(findings, 'utf8')).replace('Roughly three in four people', 'About three in four people'));
    const changed = await build({ root });
    expect(changed.documents.map((d) => d.id).sort()).toEqual(['memo', 'memo', 'sample']);

    const untouched = await build({ root, ids: ['sample'] });
    expect(untouched.skipped).toEqual(['sample']);
    const forced = await build({ root, ids: ['sample'], force: true, formats: ['html'] });
    expect(forced.documents.map((d) => d.id)).toEqual(['sample']);
  });

  it('fails only the broken document and still writes the others', async () => {
    const broken = await makeProject({ 'briefs/broken.yaml': 'kind: brief\ntitle: Broken\ndate: 2025-01-01\ncountries: [UZ]\nsummary: See [@nokey2020].\n' });
    try {
      const result = await cli(broken, 'build', '--format', 'html');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('briefs/broken.yaml:5:15 error Unknown citation key "nokey2020" [unknown-citation-key]');
      expect(result.stdout).toMatch(/^built 1, skipped 0, failed 1 in \d+\.\d s$/m);
      expect(await listFiles(join(broken, 'out'))).toContain('sample/sample.html');
      expect((await listFiles(join(broken, 'out'))).some((f) => f.startsWith('broken/'))).toBe(false);
    } finally {
      await removeProject(broken);
    }
  });

  it('splits documents into deterministic, disjoint shards', async () => {
    const first = await build({ root, shard: { index: 1, count: 2 }, force: true, formats: ['html'] });
    const second = await build({ root, shard: { index: 2, count: 2 }, force: true, formats: ['html'] });
    expect(first.documents.map((d) => d.id)).toEqual(['memo', 'memo']);
    expect(second.documents.map((d) => d.id)).toEqual(['sample']);
    expect((await cli(root, 'build', '--shard', '3/2')).code).toBe(2);
  });

  it('prints plain progress lines when output is not a terminal', async () => {
    const result = await cli(root, 'build', '--force', '--format', 'html');
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('['));
    expect(lines.map((l) => l.slice(0, 5))).toEqual(['[1/3]', '[2/3]', '[3/3]']);
    expect(lines.map((l) => l.slice(6)).sort()).toEqual(['memo--mfa-uzbekistan', 'memo--ministry-of-digital-technologies', 'sample']);
  });
});
