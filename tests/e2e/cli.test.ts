import { execFile } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, listFiles, makeProject, removeProject, repoRoot } from '../support/project.ts';
// @ts-expect-error: plain JavaScript, without types
import { setupDigest, setupStamp } from '../../bin/setup-state.js';

const run = promisify(execFile);
const roots: string[] = [];
async function project(files: Record<string, string> = {}) {
  const root = await makeProject(files);
  roots.push(root);
  return root;
}
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

const badKeySpec = `kind: brief
title: Bad key
date: 2025-01-01
countries: [UZ]
summary: |
  Digital diplomacy grew [@bjola2015digitl, p. 3].
`;

describe('brief CLI', () => {
  it('exits 1 on an unknown citation key, with file:line:column, rule id and closest key, writing nothing', async () => {
    const root = await project({ 'briefs/bad.yaml': badKeySpec });
    const result = await cli(root, 'build', 'bad');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'briefs/bad.yaml:6:27 error Unknown citation key "bjola2015digitl" [unknown-citation-key]',
        '  hint: Closest keys in references.bib: bjola2015digital.',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(await listFiles(join(root, 'out'))).toEqual([]);
  });

  it('exits 1 on a YAML syntax error, writing nothing', async () => {
    const root = await project({ 'briefs/broken.yaml': 'kind: brief\ntitle: [unclosed\ndate: 2025-01-01\n' });
    const result = await cli(root, 'broken');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('briefs/broken.yaml:3:1 error Flow sequence in block collection must be sufficiently indented and end with a ] [yaml-syntax]');
    expect(await listFiles(join(root, 'out'))).toEqual([]);
  });

  it('keeps a good output when a later build of the same document fails', async () => {
    const root = await project();
    expect((await cli(root, 'build', 'sample', '--format', 'html', '--quiet')).code).toBe(0);
    const before = await readFile(join(root, 'out/sample/sample.html'), 'utf8');
    const spec = await readFile(join(root, 'briefs/sample.yaml'), 'utf8');
    const broken = await project({ 'briefs/sample.yaml': spec.replace('[@demircioglu2024digital, p. 175;', '[@nosuchkey2020;') });
    await run('cp', ['-r', join(root, 'out'), broken]);
    expect((await cli(broken, 'build', 'sample', '--format', 'html')).code).toBe(1);
    expect(await readFile(join(broken, 'out/sample/sample.html'), 'utf8')).toBe(before);
    expect((await listFiles(join(broken, 'out'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names an unknown document and exits 1', async () => {
    const root = await project();
    const result = await cli(root, 'build', 'sampel');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'briefs/sampel.yaml error Unknown document "sampel": there is no briefs/sampel.yaml [unknown-document]',
      '  hint: Did you mean "sample"?',
    ]);
  });

  it('exits 2 on a usage error', async () => {
    const root = await project();
    const result = await cli(root, 'build', '--format', 'epub');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('brief: unknown format "epub"; choose from pdf, html, docx');
    expect((await cli(root, '--nope')).code).toBe(2);
  });

  it('exits 3 with the fix when Chromium is missing', async () => {
    const root = await project();
    const saved = process.env.BRIEFWRIGHT_CHROMIUM;
    process.env.BRIEFWRIGHT_CHROMIUM = '/nonexistent/chromium';
    try {
      const result = await cli(root, 'build', 'sample');
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        'brief: Chromium was not found at /nonexistent/chromium (from BRIEFWRIGHT_CHROMIUM)\n  fix: Point the variable at a Chromium or Chrome binary, or unset it to use the installed chromium package.\n',
      );
    } finally {
      if (saved === undefined) delete process.env.BRIEFWRIGHT_CHROMIUM;
      else process.env.BRIEFWRIGHT_CHROMIUM = saved;
    }
    expect(await listFiles(join(root, 'out'))).toEqual([]);
  });

  it('exits 3 with the fix when pandoc is missing or older than 2.17', async () => {
    const root = await project();
    // An old pandoc's Lua filters cannot write HTML (pandoc.write): it fails on the filter, as this one does.
    const oldPandoc = join(root, 'old-pandoc');
    await writeFile(oldPandoc, '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pandoc 2.9.2.1"; exit 0; fi\necho "Error running filter: attempt to call a nil value (field \'write\')" >&2\nexit 83\n', { mode: 0o755 });
    const saved = process.env.BRIEFWRIGHT_PANDOC;
    try {
      process.env.BRIEFWRIGHT_PANDOC = '/nonexistent/pandoc';
      const missing = await cli(root, 'build', 'sample');
      expect(missing.code).toBe(3);
      expect(missing.stderr).toBe('brief: pandoc was not found (tried "/nonexistent/pandoc")\n  fix: Install it with `apt-get install pandoc` (or run `npm run setup` as root).\n');
      process.env.BRIEFWRIGHT_PANDOC = oldPandoc;
      const old = await cli(root, 'build', 'sample');
      expect(old.code).toBe(3);
      expect(old.stderr).toBe('brief: pandoc 2.9.2.1 is too old; Briefwright needs 2.17 or newer\n  fix: Install it with `apt-get install pandoc` (or run `npm run setup` as root).\n');
    } finally {
      if (saved === undefined) delete process.env.BRIEFWRIGHT_PANDOC;
      else process.env.BRIEFWRIGHT_PANDOC = saved;
    }
    expect(await listFiles(join(root, 'out'))).toEqual([]);
  });

  it('checks without writing, and lists documents', async () => {
    const root = await project();
    const check = await cli(root, 'check');
    expect(check).toEqual({ code: 0, stdout: 'no problems\n', stderr: '' });
    expect(await listFiles(join(root, 'out'))).toEqual([]);
    const list = await cli(root, 'list');
    expect(list.stdout).toBe('ID      KIND   COUNTRIES  LANG  PAGES  TITLE\nsample  brief  UZ         en    -      Digital Diplomacy in Uzbekistan\n');
  });

  it('runs as the installed bin, printing help and version as the CLI does, without loading it', async () => {
    const bin = join(repoRoot, 'bin/brief.js');
    const version = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')).version;
    expect((await run('node', [bin, '--version'])).stdout).toBe(`${version}\n`);
    expect((await run('node', [bin, '-v'])).stdout).toBe((await cli(repoRoot, '-v')).stdout);
    const help = (await run('node', [bin, '--help'])).stdout;
    expect(help).toMatch(/^Usage: brief <command> \[options\]/);
    expect(help).toBe((await cli(repoRoot, 'build', '--help', '--version')).stdout);
  });

  it('bundles into ASCII only, which V8 holds as a one-byte string (regular expressions included)', async () => {
    await run('node', [join(repoRoot, 'scripts/bundle.mjs')], { cwd: repoRoot });
    for (const file of ['main.cjs', 'citation-worker.cjs', 'command-line.cjs']) expect(isAscii(await readFile(join(repoRoot, 'dist', file)))).toBe(true);
    // A regular expression esbuild leaves as it is: /[-–,&]/ in src/cite/citation-engine.ts.
    expect(await readFile(join(repoRoot, 'dist/main.cjs'), 'latin1')).toContain('/[-\\u2013,&]/');
  });

  /**
   * A copy of bin/ with a stand-in bundle printing `bundle`, the real command-line grammar, sources
   * printing `sources`, and a stand-in setup script printing `setup` (and exiting with SETUP_EXIT) that
   * has run already.
   */
  async function binHome(): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), 'briefwright-bin-'));
    await Promise.all(['bin', 'dist', 'src', 'scripts', 'node_modules'].map((dir) => mkdir(join(home, dir))));
    for (const file of ['bin/brief.js', 'bin/bundle-state.js', 'bin/run-bundle.js', 'bin/setup-state.js', 'bin/package.json']) await copyFile(join(repoRoot, file), join(home, file));
    await run('node', [join(repoRoot, 'scripts/bundle.mjs')], { cwd: repoRoot });
    await copyFile(join(repoRoot, 'dist/command-line.cjs'), join(home, 'dist/command-line.cjs'));
    // The packages, one by one: the setup's record goes into this node_modules, not the project's.
    for (const entry of await readdir(join(repoRoot, 'node_modules'))) if (!entry.startsWith('.')) await symlink(join(repoRoot, 'node_modules', entry), join(home, 'node_modules', entry));
    await writeFile(join(home, 'package.json'), '{"type":"module"}');
    await writeFile(join(home, 'package-lock.json'), '{}');
    await writeFile(join(home, 'scripts/setup.sh'), 'echo setup\ncd "$(dirname "$0")/.."\ncat package-lock.json scripts/setup.sh | sha256sum | cut -d" " -f1 > node_modules/.briefwright-setup.sha256\nexit "${SETUP_EXIT:-0}"\n');
    await writeFile(join(home, setupStamp), setupDigest(`${home}/`));
    await writeFile(join(home, 'src/main.ts'), "const from: string = 'sources';\nconsole.log(from);\n");
    // Run as a CommonJS module: its own file name, module object and require.
    await writeFile(join(home, 'dist/main.cjs'), "console.log('bundle', require('node:path').basename(__filename), typeof module.exports);\n");
    const old = new Date(Date.now() - 60_000);
    for (const file of ['package.json', 'package-lock.json', 'src/main.ts', 'src']) await utimes(join(home, file), old, old);
    return home;
  }

  it('runs the setup script first only until it has run for this lock file and this script', async () => {
    const home = await binHome();
    const brief = (env: Record<string, string> = {}) => run('node', [join(home, 'bin/brief.js')], { env: { ...process.env, ...env } });
    try {
      expect((await brief()).stdout).toBe('bundle main.cjs object\n');
      // A changed lock file (here: a fresh clone without the record) runs it, once.
      await writeFile(join(home, 'package-lock.json'), '{"lockfileVersion": 3}');
      await utimes(join(home, 'package-lock.json'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      expect((await brief()).stdout).toBe('setup\nbundle main.cjs object\n');
      expect((await brief()).stdout).toBe('bundle main.cjs object\n');
      // A failing setup (missing packages without root: exit 3) stops there, with its code.
      await rm(join(home, setupStamp));
      const failed = await brief({ SETUP_EXIT: '3' }).catch((error: { code: number; stdout: string }) => error);
      expect(failed).toMatchObject({ code: 3, stdout: 'setup\n' });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('runs the bundled CLI while it is newer than the sources, and the sources through tsx otherwise', async () => {
    const home = await binHome();
    try {
      expect((await run('node', [join(home, 'bin/brief.js')])).stdout).toBe('bundle main.cjs object\n');
      // An edited source makes the bundle stale: the setup runs to bundle again (the stand-in does not),
      // and a bundle still stale is passed over for the sources.
      await utimes(join(home, 'src/main.ts'), new Date(), new Date());
      expect((await run('node', [join(home, 'bin/brief.js')])).stdout).toBe('setup\nsources\n');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it("keeps V8's code cache of the bundle after a build or check, one per set of V8 flags, and replaces a damaged one", async () => {
    const home = await binHome();
    const caches = async () => (await readdir(join(home, 'dist'))).filter((f) => f.endsWith('.cache')).sort();
    const brief = async (...args: string[]) => (await run('node', [join(home, 'bin/brief.js'), ...args])).stdout;
    try {
      expect(await brief('list')).toBe('bundle main.cjs object\n');
      expect(await caches()).toEqual([]);
      expect(await brief('check')).toBe('bundle main.cjs object\n');
      const batch = `main.cjs.${process.version}-${process.arch}.cache`;
      expect(await caches()).toEqual([batch]);
      // One named document runs without the optimizing compiler: a cache of its own.
      expect(await brief('uzbekistan')).toBe('bundle main.cjs object\n');
      expect(await caches()).toEqual([`main.cjs.${process.version}-${process.arch}--no-opt.cache`, batch]);
      await writeFile(join(home, 'dist', batch), 'not a code cache');
      expect(await brief('check')).toBe('bundle main.cjs object\n');
      expect((await readFile(join(home, 'dist', batch))).toString('latin1')).not.toBe('not a code cache');
      expect((await readdir(join(home, 'dist'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('reports how long each stage took with --timings', async () => {
    const result = await cli(await project(), 'build', '--timings', '--quiet', '--format', 'html');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^timings: load \d+ ms, check \d+ ms, reconcile \d+ ms, plan \d+ ms, markdown \d+ ms, citations \d+ ms, html fragments \d+ ms, render \d+ ms, chromium \d+ ms, print \d+ ms, manifest \d+ ms, close \d+ ms$/m);
  });
});
