import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/project.ts';
import { pdfText } from '../support/pdf.ts';

const run = promisify(execFile);
const fixture = join(import.meta.dirname, '..', 'fixtures', 'add-language');

/** The fenced code blocks of DEVELOPERS.md's "Adding a language", in order, as written there. */
async function guideBlocks(): Promise<string[]> {
  const guide = await readFile(join(repoRoot, 'DEVELOPERS.md'), 'utf8');
  const section = /^## Adding a language\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(guide)?.[1];
  if (!section) throw new Error('DEVELOPERS.md has no "Adding a language" section');
  return [...section.matchAll(/^( *)```\w*\n([\s\S]*?)^\1```/gm)].map((m) =>
    m[2]!.split('\n').map((line) => line.slice(m[1]!.length)).join('\n').replace(/\n$/, ''),
  );
}

/** Every file of a project with its digest (out/, node_modules and the bundle aside). */
async function digests(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = relative(root, path);
      if (['node_modules', 'out', 'dist', '.git'].includes(name)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.set(name, createHash('sha256').update(await readFile(path)).digest('hex'));
    }
  };
  await walk(root);
  return files;
}

describe('adding a language by the guide (Kyrgyz, in a copy of the project)', () => {
  let copy: string;
  let before: Map<string, string>;
  const sh = (command: string) => {
    const { FORCE_COLOR: _color, ...env } = process.env;
    return run('bash', ['-c', command], { cwd: copy, maxBuffer: 1 << 26, env: { ...env, NO_COLOR: '1' } });
  };

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'briefwright-add-language-'));
    await cp(repoRoot, copy, {
      recursive: true,
      filter: (source) => !['node_modules', 'out', 'dist', '.git'].includes(relative(repoRoot, source)),
    });
    await symlink(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
    before = await digests(copy);
  });
  afterAll(() => rm(copy, { recursive: true, force: true }));

  it('gives a working Kyrgyz document with no edit beyond the steps', async () => {
    const [copyPack, importLine, registryLine, exampleLine, schemas, ...rest] = await guideBlocks();
    expect(rest).toEqual([]);

    // 1. The pack: copied from the closest language, then translated (the translation is the fixture).
    expect(copyPack).toBe('cp src/languages/kk.ts src/languages/ky.ts');
    await sh(copyPack!);
    await writeFile(join(copy, 'src/languages/ky.ts'), await readFile(join(fixture, 'ky.ts')));

    // 2. The registry: the import after the packs' imports, the line in `languagePacks`.
    const registry = join(copy, 'src/languages/index.ts');
    let index = await readFile(registry, 'utf8');
    const lastImport = [...index.matchAll(/^import \{ \w+ \} from '\.\/\w+\.js';\n/gm)].at(-1)!;
    index = index.slice(0, lastImport.index + lastImport[0].length) + `${importLine}\n` + index.slice(lastImport.index + lastImport[0].length);
    index = index.replace(/^\} as const satisfies/m, `${registryLine}\n} as const satisfies`);
    await writeFile(registry, index);

    // 3. The CSL locale: the system has no Kyrgyz one, so it goes to csl/locales/.
    await expect(readFile(`/usr/share/citation-style-language/locales/locales-ky-KG.xml`)).rejects.toThrow();
    await cp(join(fixture, 'locales-ky-KG.xml'), join(copy, 'csl/locales/locales-ky-KG.xml'));

    // 4. The test: the language's line in `examples`.
    const testFile = join(copy, 'tests/unit/language-packs.test.ts');
    const test = await readFile(testFile, 'utf8');
    const table = /^const examples[^\n]*\n[\s\S]*?^\};/m.exec(test)!;
    const end = table.index + table[0].length - 2;
    await writeFile(testFile, `${test.slice(0, end)}${exampleLine}\n${test.slice(end)}`);

    // 5. The schema.
    expect(schemas).toBe('npm run schemas');
    await sh(schemas!);

    // 6. Check: the type checker, the pack and locale tests, the project's own checks; then a document.
    await sh('npx tsc --noEmit');
    const { stdout } = await sh('npx vitest run --reporter=verbose tests/unit/language-packs.test.ts tests/cite/csl-locales.test.ts tests/project.test.ts');
    expect(stdout).toMatch(/Tests\s+\d+ passed/);
    expect(stdout).toContain('ky: writes dates and figures as its example says');
    expect(stdout).toContain('locales-ky-KG.xml');

    const brief = [
      '# yaml-language-server: $schema=../schemas/brief.schema.json',
      'kind: brief',
      'title: Санариптик дипломатия',
      'date: 2026-11-24',
      'lang: ky',
      'countries: [KG, KZ]',
      'summary: |',
      '  2023-жылы Казакстандын калкынын [@fact:kz-connectivity-internet-penetration-allamurodov-2023]',
      '  интернетти колдонгон. Борбордук Азия мамлекеттеринде социалдык тармактардагы дипломатиянын',
      '  туруктуу стратегиясы азырынча жок [@arapov2025digital; @allamurodov2023digital; @demircioglu2024digital].',
      'sections:',
      '  - heading: Негизги жоболор',
      '    body: |',
      '      Тышкы иштер министрликтерине санариптештирүү адистеринен турган бөлүм керек',
      '      [@allamurodov2023digital, sec. {Results}].',
    ].join('\n');
    await writeFile(join(copy, 'briefs/kyrgyz-brief.yaml'), `${brief}\n`);
    await sh('node --import tsx src/main.ts build kyrgyz-brief --quiet');
    const pdf = join(copy, 'out/kyrgyz-brief/kyrgyz-brief.pdf');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of ['ТАЛДОО КАТ · КЫРГЫЗСТАН, КАЗАКСТАН', '2026-ж., 24-ноябрь', '90,9%', 'Колдонулган адабияттар', 'бөл. Results']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Allamurodov, 2023; Arapov, 2025; Demircioğlu, 2024|Arapov, 2025; Allamurodov, 2023/);
    expect(text).not.toMatch(/(?<!\p{L})(?:Page|References|et al\.|n\.d\.|sec\.|November)(?!\p{L})/u);
    const fonts = (await run('pdffonts', [pdf])).stdout.split('\n').slice(2).filter(Boolean);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)-/);

    // No other edit: exactly these files differ from the project as it was.
    const after = await digests(copy);
    const changed = [...after].filter(([file, digest]) => before.get(file) !== digest).map(([file]) => file).sort();
    expect(changed).toEqual([
      'briefs/kyrgyz-brief.yaml',
      'csl/locales/locales-ky-KG.xml',
      'schemas/brief.schema.json',
      'src/languages/index.ts',
      'src/languages/ky.ts',
      'tests/unit/language-packs.test.ts',
    ]);
    expect([...before.keys()].filter((file) => !after.has(file))).toEqual([]);
  }, 600_000);
});
