import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { removeProject, repoRoot } from '../support/project.ts';
import { pdfInfo, pdfText } from '../support/pdf.ts';

const run = promisify(execFile);
const roots: string[] = [];
afterAll(async () => Promise.all(roots.map(removeProject)));

type Step = { kind: 'command'; line: string } | { kind: 'edit'; yaml: string };

/** The README's tutorial as steps: each line of a `sh` block is a command, each `yaml` block an edit of the spec. */
async function tutorialSteps(): Promise<Step[]> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Your first brief\n');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start + 1, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```(sh|yaml)\n([\s\S]*?)```/g)].flatMap(([, kind, body]): Step[] =>
    kind === 'yaml'
      ? [{ kind: 'edit' as const, yaml: body! }]
      : body!
          .split('\n')
          .map((line) => line.replace(/\s+#.*$/, '').trim())
          .filter(Boolean)
          .map((line) => ({ kind: 'command' as const, line })),
  );
}

/** Replaces the top-level field a YAML snippet sets (with its indented lines, or its commented form) by the snippet. */
function applyEdit(spec: string, yaml: string): string {
  const key = /^([a-z_]+):/.exec(yaml)![1]!;
  const field = new RegExp(`^(# )?${key}:.*\\n((  .*|)\\n)*?(?=\\S)`, 'm');
  expect(spec).toMatch(field);
  return spec.replace(field, yaml);
}

/** A copy of the project as a clone has it, with the built CLI and library (their times kept, so they stay fresh) and the installed packages. */
async function cloneOfProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'briefwright-tutorial-'));
  const { stdout } = await run('git', ['ls-files'], { cwd: repoRoot });
  const tracked = [...new Set(stdout.split('\n').filter(Boolean).map((path) => path.split('/')[0]!))];
  const entries = [...tracked, 'dist', 'lib'].filter((entry, i, all) => all.indexOf(entry) === i);
  const present = new Set(await readdir(repoRoot));
  await run('cp', ['-a', ...entries.filter((e) => present.has(e)).map((e) => join(repoRoot, e)), root]);
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** Runs `preview` until it serves the document, checks the page and the PDF it serves, then interrupts it as Ctrl-C does. */
async function followPreview(line: string, cwd: string): Promise<void> {
  const child = spawn('sh', ['-c', line], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /previewing \S+ at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (found) resolve(found[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`preview exited with ${code}: ${output}`)));
    });
    // The first build is done when the terminal reports it.
    await new Promise<void>((resolve) => {
      const done = () => /(rebuilt|checked|failed) tashkent-2027/.test(output) && resolve();
      child.stdout.on('data', done);
      child.stderr.on('data', done);
      done();
    });
    expect(output).toMatch(/rebuilt tashkent-2027 in \d+ ms/);
    expect((await fetch(url)).status).toBe(200);
    const pdf = await fetch(`${url}tashkent-2027/tashkent-2027.pdf`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
}

describe('the README tutorial', () => {
  it('takes a newcomer from a clean clone to a two-page brief of their own, command by command', async () => {
    const root = await cloneOfProject();
    roots.push(root);
    const specFile = join(root, 'briefs/tashkent-2027.yaml');
    const steps = await tutorialSteps();
    expect(steps.filter((s) => s.kind === 'command').map((s) => (s as { line: string }).line.split(' ')[4])).toEqual(['new', 'findings', 'findings', 'preview', 'tashkent-2027', 'check']);
    for (const step of steps) {
      if (step.kind === 'edit') {
        await writeFile(specFile, applyEdit(await readFile(specFile, 'utf8'), step.yaml));
      } else if (/ preview /.test(step.line)) {
        await followPreview(step.line, root);
      } else {
        const result = await run('sh', ['-c', step.line], { cwd: root }).catch((error: { stdout: string; stderr: string; code: number }) => {
          throw new Error(`"${step.line}" failed with ${error.code}:\n${error.stdout}\n${error.stderr}`);
        });
        if (step.line.includes('findings list')) expect(result.stdout).toContain('uz-connectivity-internet-penetration-allamurodov-2023');
        if (step.line.includes('findings show')) expect(result.stdout).toMatch(/\n  as of\s+2023\n/);
      }
    }
    const spec = await readFile(specFile, 'utf8');
    expect(spec).toContain('\nmax_pages: 2\n');
    const pdf = join(root, 'out/tashkent-2027/tashkent-2027.pdf');
    expect(Number((await pdfInfo(pdf)).Pages)).toBeLessThanOrEqual(2);
    const text = await pdfText(pdf);
    expect(text).toContain('76.6%');
    expect(text).toMatch(/Arapov/);
  }, 300_000);
});
