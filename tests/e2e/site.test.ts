import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCatalogue, readCatalogueTemplate } from '../../src/publish/catalogue.ts';
import { manifestSchema, type Manifest } from '../../src/publish/manifest.ts';
import { mergeOutputs } from '../../src/publish/merge-outputs.ts';
import { templateDirs } from '../../src/render/load-templates.ts';
import { cli, makeProject, removeProject } from '../support/project.ts';
import { russianMemo } from '../support/specs.ts';

const run = promisify(execFile);
const memo = russianMemo({ recipients: ['Ministry of Foreign Affairs', 'Ministry of Digital Technologies'] });

const readManifest = async (outDir: string) => manifestSchema.parse(JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')));
const linksOf = (html: string) => [...new JSDOM(html).window.document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);

describe('the documents site (out/index.html)', () => {
  let root: string;
  let outDir: string;
  beforeAll(async () => {
    root = await makeProject();
    // A second document, a memo for two recipients, so the site lists editions and recipients.
    await writeFile(join(root, 'briefs/memo.yaml'), memo);
    const result = await cli(root, 'build', '--format', 'pdf,html,docx', '--quiet');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    outDir = join(root, 'out');
  }, 240_000);
  afterAll(() => removeProject(root));

  it('records title, date and countries in the manifest', async () => {
    const manifest = await readManifest(outDir);
    const entries = manifest.documents.map((e) => ({ id: e.id, recipient: e.recipient, title: e.title, date: e.date, countries: e.countries, formats: e.files.map((f) => f.format).sort() }));
    expect(entries).toContainEqual(expect.objectContaining({ id: 'memo', recipient: 'Ministry of Digital Technologies', title: 'Connectivity figures for the ministry', date: '2025-05-02', countries: ['UZ'], formats: ['docx', 'html', 'pdf'] }));
    expect(entries.filter((e) => e.id === 'memo')).toHaveLength(2);
    for (const entry of manifest.documents) expect(entry.pages).toBeGreaterThan(0);
  });

  it('links every output of the manifest, once, with its SHA-256, and runs no script', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const manifest = await readManifest(outDir);
    const files = manifest.documents.flatMap((e) => e.files);
    const links = linksOf(html);
    expect(links.filter((l) => l !== 'SHA256SUMS' && l !== 'manifest.json').sort()).toEqual(files.map((f) => f.path).sort());
    for (const file of files) expect(html).toContain(file.sha256);
    const dom = new JSDOM(html).window.document;
    expect(dom.documentElement.lang).toBe('en');
    expect(dom.querySelectorAll('script, [onload], [onclick]')).toHaveLength(0);
    // Each document's title and recipient are marked with its language; dates are machine-readable.
    const russian = [...dom.querySelectorAll<HTMLTableRowElement>('tbody tr')].filter((row) => row.querySelector('th [lang="ru"]'));
    expect(russian).toHaveLength(2);
    expect(russian.map((row) => row.querySelector('time')!.getAttribute('datetime'))).toEqual(['2025-05-02', '2025-05-02']);
    expect(russian.map((row) => row.cells[3]!.textContent)).toEqual(['Russian', 'Russian']);
    expect([...dom.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    // The stylesheet and the fonts it imports are next to it.
    const stylesheet = dom.querySelector('link[rel=stylesheet]')!.getAttribute('href')!;
    expect((await stat(join(outDir, stylesheet))).isFile()).toBe(true);
  });

  it('writes a SHA256SUMS that sha256sum -c accepts', async () => {
    const { stdout } = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: outDir });
    const manifest = await readManifest(outDir);
    expect(stdout.trim().split('\n')).toHaveLength(manifest.documents.flatMap((e) => e.files).length);
    expect(stdout).not.toMatch(/FAILED/);
  });

  it('is left alone by a build with nothing to do, and follows the manifest when a document changes', async () => {
    const before = await stat(join(outDir, 'index.html'));
    expect((await cli(root, 'build', '--format', 'pdf,html,docx', '--quiet')).code).toBe(0);
    expect((await stat(join(outDir, 'index.html'))).mtimeMs).toBe(before.mtimeMs);
    await writeFile(join(root, 'briefs/memo.yaml'), memo.replace('Connectivity figures for the ministry', 'Connectivity figures, revised'));
    expect((await cli(root, 'build', 'memo', '--format', 'pdf,html,docx', '--quiet')).code).toBe(0);
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain('Connectivity figures, revised');
    expect(html).not.toContain('Connectivity figures for the ministry');
    expect(linksOf(html)).toContain('sample/sample.pdf');
  }, 240_000);

  it('merges the shards of a CI matrix into one site, checking every file against the manifest', async () => {
    const shards = await mkdtemp(join(tmpdir(), 'briefwright-shards-'));
    try {
      for (const k of [1, 2]) expect((await cli(root, 'build', '--format', 'pdf,html', '--shard', `${k}/2`, '--out', join(shards, `s${k}`), '--quiet')).code).toBe(0);
      const merged = await mergeOutputs(join(shards, 'site'), [join(shards, 's1'), join(shards, 's2')], templateDirs(join(root, 'templates')));
      expect(merged.documents.map((e) => `${e.id}/${e.recipient ?? ''}`)).toEqual(['memo/Ministry of Digital Technologies', 'memo/Ministry of Foreign Affairs', 'sample/']);
      const html = await readFile(join(shards, 'site', 'index.html'), 'utf8');
      expect(linksOf(html).filter((l) => l.endsWith('.pdf')).sort()).toEqual(merged.documents.flatMap((e) => e.files).filter((f) => f.format === 'pdf').map((f) => f.path).sort());
      await run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: join(shards, 'site') });
      expect((await stat(join(shards, 'site', 'assets', 'brief.css'))).isFile()).toBe(true);

      // A shard twice, a changed file, a manifest pointing outside its folder: refused.
      await expect(mergeOutputs(join(shards, 'x'), [join(shards, 's1'), join(shards, 's1')], templateDirs(root))).rejects.toThrow(/ is in both /);
      await cp(join(shards, 's2'), join(shards, 's3'), { recursive: true });
      await writeFile(join(shards, 's3', 'sample', 'sample.html'), '<p>changed</p>');
      await expect(mergeOutputs(join(shards, 'y'), [join(shards, 's1'), join(shards, 's3')], templateDirs(root))).rejects.toThrow(/sample\.html does not match its SHA-256 in the manifest/);
      const outside: Manifest = { ...(await readManifest(join(shards, 's2'))) };
      outside.documents[0]!.files[0]!.path = '../../etc/hostname';
      await writeFile(join(shards, 's3', 'manifest.json'), JSON.stringify(outside));
      await expect(mergeOutputs(join(shards, 'z'), [join(shards, 's3')], templateDirs(root))).rejects.toThrow(/names a file outside the folder: \.\.\/\.\.\/etc\/hostname/);
    } finally {
      await rm(shards, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('the catalogue page', () => {
  it('escapes every text and encodes every link', async () => {
    const manifest: Manifest = {
      generator: 'Briefwright test',
      documents: [
        {
          id: 'x',
          recipient: '<img src=x onerror=alert(1)>',
          lang: 'en" onmouseover="alert(1)',
          kind: 'brief',
          title: '</span><script>alert(1)</script>',
          date: '2025-01-02',
          countries: ['UZ', 'ZZ'],
          pages: 3,
          files: [{ path: 'x/a b#c?.pdf', format: 'pdf', size: 12345, sha256: 'a'.repeat(64) }],
          citationKeys: [],
          findings: [],
          inputHash: 'h',
        },
      ],
    };
    const html = renderCatalogue(manifest, await readCatalogueTemplate(templateDirs('/nonexistent/')));
    const dom = new JSDOM(html).window.document;
    expect(dom.querySelectorAll('script, img, [onerror], [onmouseover]')).toHaveLength(0);
    expect(dom.querySelector('tbody th')!.textContent).toBe('</span><script>alert(1)</script>');
    expect(dom.querySelector('tbody a')!.getAttribute('href')).toBe('x/a%20b%23c%3F.pdf');
    expect(dom.querySelector<HTMLTableRowElement>('tbody tr')!.cells[2]!.textContent).toBe('Uzbekistan, ZZ');
    expect(dom.querySelector<HTMLTableRowElement>('tbody tr')!.cells[6]!.textContent).toBe('2 January 2025');
  });
});
