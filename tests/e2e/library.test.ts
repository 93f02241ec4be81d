import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, removeProject, repoRoot } from '../support/project.ts';
import { pdfText } from '../support/pdf.ts';

const run = promisify(execFile);
const roots: string[] = [];
afterAll(async () => Promise.all(roots.map(removeProject)));

describe('the API from a plain Node.js project', () => {
  it('installs as a dependency, imports with plain node (compiled JavaScript) and type-checks (declarations), and builds a document', async () => {
    // scripts/setup.sh builds lib/ (npm test runs it first); a bare `vitest run` may come before it.
    if (!existsSync(join(repoRoot, 'lib/index.js'))) await run('node', [join(repoRoot, 'scripts/build-lib.mjs')], { cwd: repoRoot });
    const app = await mkdtemp(join(tmpdir(), 'briefwright-app-'));
    roots.push(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'ministry-app', private: true, type: 'module' }));
    // A file: dependency, as `npm install ../briefwright` writes it.
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', repoRoot], { cwd: app });
    expect(JSON.parse(await readFile(join(app, 'package.json'), 'utf8')).dependencies.briefwright).toMatch(/^file:/);

    const project = await makeProject();
    roots.push(project);
    await writeFile(
      join(app, 'build.mjs'),
      `import { build, formatReport } from 'briefwright';\n` +
        `const { diagnostics, documents } = await build({ root: process.argv[2], ids: ['sample'] });\n` +
        `console.log(JSON.stringify({ report: formatReport(diagnostics), documents }));\n`,
    );
    // Plain node: no tsx, no loader.
    const { stdout } = await run('node', ['build.mjs', project], { cwd: app, env: { ...process.env, NODE_OPTIONS: '' } });
    const result = JSON.parse(stdout) as { report: string; documents: { id: string; files: string[]; pages?: number }[] };
    expect(result.documents.map((d) => d.id)).toEqual(['sample']);
    expect(result.documents[0]!.files.map((f) => f.slice(project.length + 1)).sort()).toEqual(['out/sample/sample.html', 'out/sample/sample.pdf']);
    expect(await pdfText(join(project, 'out/sample/sample.pdf'))).toContain('Digital Diplomacy in Uzbekistan');

    // The declarations: a TypeScript program using the API type-checks, and a wrong use does not.
    await writeFile(
      join(app, 'use.ts'),
      `import { build, type BuildResult } from 'briefwright';\n` +
        `const result: BuildResult = await build({ root: '.', ids: ['sample'], formats: ['pdf'] });\n` +
        `const pages: number | undefined = result.documents[0]?.pages;\nexport { pages };\n`,
    );
    await writeFile(join(app, 'wrong.ts'), `import { build } from 'briefwright';\nawait build({ formats: ['epub'] });\nexport {};\n`);
    const tsc = (file: string) =>
      run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(repoRoot, 'node_modules/@types'), '--skipLibCheck', file], { cwd: app });
    await expect(tsc('use.ts')).resolves.toBeDefined();
    await expect(tsc('wrong.ts')).rejects.toMatchObject({ stdout: expect.stringContaining(`Type '"epub"' is not assignable to type 'OutputFormat'`) });
  });
});
