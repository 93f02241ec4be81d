import { execFile, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, removeProject, repoRoot } from '../support/project.ts';
import { pdfInfo } from '../support/pdf.ts';

const run = promisify(execFile);

// A hosted runner (GitHub's ubuntu-24.04) has Google Chrome on PATH, no Debian Chromium, and an apt
// whose `chromium` only installs the snap. Each case runs set-up in its own mount namespace, where
// Debian's browser paths are hidden (a tmpfs over /usr/lib/chromium, /dev/null over the /usr/bin
// wrappers) from both scripts/setup.sh and the finder, and apt-get and apt-cache on PATH are stand-ins
// that log what they are asked.
const debianBrowserPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/chromium-headless-shell', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;

interface Apt {
  /** What `apt-cache show PACKAGE` prints, by package; a package not listed is unknown (exit 100). */
  packages: Record<string, string>;
}

async function standIns(dir: string, apt: Apt): Promise<void> {
  await mkdir(dir, { recursive: true });
  const log = join(dir, 'apt.log');
  const show = Object.entries(apt.packages)
    .map(([name, text]) => `  ${name}) printf '%b\\n' ${JSON.stringify(text)}; exit 0;;`)
    .join('\n');
  await writeFile(join(dir, 'apt-cache'), `#!/bin/sh\necho "apt-cache $*" >> ${log}\n[ "$1" = show ] || exit 0\ncase "$2" in\n${show}\nesac\nexit 100\n`);
  await writeFile(join(dir, 'apt-get'), `#!/bin/sh\necho "apt-get $*" >> ${log}\nexit 0\n`);
  await chmod(join(dir, 'apt-cache'), 0o755);
  await chmod(join(dir, 'apt-get'), 0o755);
  await writeFile(log, '');
}

/** Runs a shell script in a mount namespace where Debian's browser is only reachable at `$REAL`. */
async function inHostedRunner(work: string, script: string, env: Record<string, string> = {}) {
  const hide = debianBrowserPaths.map((path) => `[ -e ${path} ] && mount --bind /dev/null ${path}`).join('\n');
  const full = `set -e
mkdir -p "$REAL"
mount --bind /usr/lib/chromium "$REAL"
mount -t tmpfs tmpfs /usr/lib/chromium
${hide}
test ! -e /usr/lib/chromium/chromium-headless-shell
set +e
${script}
`;
  await writeFile(join(work, 'script.sh'), full);
  const result = spawnSync('unshare', ['-m', '--propagation', 'private', 'bash', join(work, 'script.sh')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, REAL: join(work, 'real'), PATH: `${join(work, 'bin')}:${process.env.PATH}`, ...env },
    timeout: 300_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, log: await readFile(join(work, 'bin', 'apt.log'), 'utf8') };
}

describe.runIf(canUnshare)('set-up on a hosted runner (Debian browser hidden)', () => {
  let work: string;
  let project: string;
  const variables = { BRIEFWRIGHT_CHROMIUM: '', PUPPETEER_EXECUTABLE_PATH: '', CHROME_PATH: '', PUPPETEER_CACHE_DIR: '/nonexistent' };
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'briefwright-hosted-'));
    project = await makeProject();
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await removeProject(project);
  });

  it('uses the google-chrome on PATH: set-up installs nothing, and a build prints with it', async () => {
    const bin = join(work, 'chrome', 'bin');
    await standIns(bin, { packages: { 'chromium-headless-shell': 'Package: chromium-headless-shell', chromium: 'Package: chromium\nVersion: 2:1snap1-0ubuntu2\nDepends: snapd' } });
    // Chrome on PATH, as on the runner: here, a link to Debian's binary at its new place.
    await symlink(join(work, 'chrome', 'real', 'chromium-headless-shell'), join(bin, 'google-chrome'));
    const result = await inHostedRunner(
      join(work, 'chrome'),
      `bash scripts/setup.sh || exit 10
node bin/chromium-candidates.js || exit 11
cd ${project} && node ${repoRoot}/bin/brief.js build --quiet || exit 12`,
      variables,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`setup: using the browser at ${join(bin, 'google-chrome')}\n`);
    expect(result.stdout).toContain(`${join(bin, 'google-chrome')}\n`);
    // The apt step did not run: nothing was missing.
    expect(result.log).toBe('');
    const info = await pdfInfo(join(project, 'out', 'sample', 'sample.pdf'));
    expect(info.Tagged).toBe('yes');
  }, 300_000);

  it('never installs the snap: with no browser and a snap-only chromium package, set-up stops and says why', async () => {
    const bin = join(work, 'none', 'bin');
    await standIns(bin, { packages: { chromium: 'Package: chromium\nVersion: 2:1snap1-0ubuntu2\nPre-Depends: debconf\nDepends: snapd' } });
    const result = await inHostedRunner(join(work, 'none'), 'bash scripts/setup.sh', variables);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("setup: no Chromium or Chrome found, and this system's chromium package only installs the snap, which cannot be used\n");
    expect(result.stderr).toContain('set BRIEFWRIGHT_CHROMIUM to a Chromium binary');
    expect(result.log).toContain('apt-get update');
    expect(result.log).not.toMatch(/apt-get .*install/);
  }, 120_000);

  it("installs Debian's headless shell when there is no browser and apt has it", async () => {
    const bin = join(work, 'debian', 'bin');
    await standIns(bin, { packages: { 'chromium-headless-shell': 'Package: chromium-headless-shell\nVersion: 131.0', chromium: 'Package: chromium\nVersion: 131.0' } });
    const result = await inHostedRunner(join(work, 'debian'), 'bash scripts/setup.sh', variables);
    expect(result.code).toBe(0);
    expect(result.log).toMatch(/^apt-get install .* chromium-headless-shell$/m);
    expect(result.log).not.toMatch(/^apt-get install .* chromium$/m);
  }, 120_000);

  it('passes over a snap wrapper on PATH', async () => {
    const bin = join(work, 'snap', 'bin');
    await standIns(bin, { packages: {} });
    // What Ubuntu's transitional package leaves at /usr/bin/chromium-browser.
    await writeFile(join(bin, 'chromium-browser'), '#!/bin/sh\nif ! [ -x /snap/bin/chromium ]; then\n  echo "Command \'$0\' requires the chromium snap to be installed." >&2\n  exit 1\nfi\nexec /snap/bin/chromium "$@"\n');
    await chmod(join(bin, 'chromium-browser'), 0o755);
    const result = await inHostedRunner(join(work, 'snap'), 'node bin/chromium-candidates.js', variables);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`passed over ${join(bin, 'chromium-browser')} (PATH): a snap package`);
  });
});

describe('the browser list', () => {
  it('is the one both the finder and set-up use', async () => {
    const setup = await readFile(join(repoRoot, 'scripts/setup.sh'), 'utf8');
    expect(setup).toContain('node bin/chromium-candidates.js');
    expect(setup).not.toMatch(/\/usr\/lib\/chromium\/chromium-headless-shell ?\]/);
    const finder = await readFile(join(repoRoot, 'src/print/find-chromium.ts'), 'utf8');
    expect(finder).toContain("from '../../bin/chromium-candidates.js'");
  });

  it('obeys CHROME_PATH and finds puppeteer-cached browsers, newest first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefwright-cache-'));
    try {
      for (const version of ['linux-9.0.1', 'linux-131.0.6778.85']) {
        const binary = join(dir, 'chrome', version, 'chrome-linux64', 'chrome');
        await mkdir(join(binary, '..'), { recursive: true });
        await writeFile(binary, '\x7fELF');
        await chmod(binary, 0o755);
      }
      const env = { PATH: '/nonexistent', PUPPETEER_CACHE_DIR: dir, HOME: dir };
      const { chromiumCandidates } = await import('../../bin/chromium-candidates.js');
      const cached = chromiumCandidates(env).filter((c) => c.from === "puppeteer's cache").map((c) => c.path);
      expect(cached).toEqual([join(dir, 'chrome/linux-131.0.6778.85/chrome-linux64/chrome'), join(dir, 'chrome/linux-9.0.1/chrome-linux64/chrome')]);
      expect(chromiumCandidates({ ...env, CHROME_PATH: '/opt/chrome' })).toEqual([{ path: '/opt/chrome', from: 'CHROME_PATH' }]);
      const { stdout } = await run(process.execPath, [join(repoRoot, 'bin/chromium-candidates.js')], { env: { ...env, CHROME_PATH: cached[1]! } });
      expect(stdout).toBe(`${cached[1]}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
