import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { removeProject, repoRoot } from '../support/project.ts';
import { pdfText } from '../support/pdf.ts';

/** A copy of the project's own briefs, findings and library: the analyst's starting point. */
async function copyOfProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'briefwright-analyst-'));
  for (const path of ['briefs', 'findings', 'references.bib', 'sources.yaml']) await cp(join(repoRoot, path), join(root, path), { recursive: true });
  return root;
}

const today = Date.UTC(2027, 2, 15, 9, 30);

async function brief(root: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: root, clock: () => today });
  return { code, stdout, stderr };
}

let root: string;
beforeAll(async () => {
  root = await copyOfProject();
});
afterAll(async () => removeProject(root));

describe('brief new', () => {
  it('writes a spec of each kind that builds as it is, dated today, with the findings suggested', async () => {
    expect((await brief(root, 'new', 'tashkent-2027', '--kind', 'brief', '--country', 'UZ')).code).toBe(0);
    expect((await brief(root, 'new', 'tashkent-memo', '--kind', 'memo', '--country', 'uz', '--lang', 'ru')).code).toBe(0);
    const made = await brief(root, 'new', 'neighbours', '--kind', 'comparison', '--country', 'UZ,KZ');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('wrote briefs/neighbours.yaml');
    const spec = await readFile(join(root, 'briefs/tashkent-2027.yaml'), 'utf8');
    expect(spec.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/brief.schema.json');
    expect(spec).toContain('\ndate: 2027-03-15\n');
    expect(spec).toMatch(/\n#\s+uz-connectivity-internet-penetration-allamurodov-2023\s+76\.6%, as of 2023 \(allamurodov2023digital, sec\. Results\)\n/);
    expect(await readFile(join(root, 'briefs/tashkent-memo.yaml'), 'utf8')).toContain('recipients:\n  - name: "Ministry of Foreign Affairs of Uzbekistan"');
    expect(await readFile(join(root, 'briefs/neighbours.yaml'), 'utf8')).toContain('    - { metric: internet-penetration, label: "Internet penetration" }');

    const built = await brief(root, 'build', 'tashkent-2027', 'tashkent-memo', 'neighbours', '--format', 'pdf,html');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(await pdfText(join(root, 'out/tashkent-2027/tashkent-2027.pdf'))).toContain('Digital diplomacy in Uzbekistan');
    expect(await pdfText(join(root, 'out/tashkent-memo/tashkent-memo--mfa-uzbekistan.pdf'))).toContain('Ministry of Foreign Affairs of Uzbekistan');
    const comparison = new JSDOM(await readFile(join(root, 'out/neighbours/neighbours.html'), 'utf8')).window.document;
    expect(comparison.querySelector('table')?.textContent).toContain('90.9');

    // `brief list` shows the page count of that build.
    const listed = (await brief(root, 'list')).stdout.split('\n');
    expect(listed[0]).toMatch(/^ID\s+KIND\s+COUNTRIES\s+LANG\s+PAGES\s+TITLE$/);
    expect(listed.find((row) => row.startsWith('tashkent-2027 '))).toMatch(/^tashkent-2027\s+brief\s+UZ\s+en\s+1\s+Digital diplomacy in Uzbekistan$/);
    expect(listed.find((row) => row.startsWith('uzbekistan '))).toMatch(/\s-\s+Digital Diplomacy in Uzbekistan/);
  });

  it('never replaces a spec, and refuses ids that are not kebab-case or are commands', async () => {
    const before = await readFile(join(root, 'briefs/uzbekistan.yaml'), 'utf8');
    const again = await brief(root, 'new', 'uzbekistan', '--kind', 'brief', '--country', 'UZ');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('brief: briefs/uzbekistan.yaml exists already; choose another id, or edit that spec\n');
    expect(await readFile(join(root, 'briefs/uzbekistan.yaml'), 'utf8')).toBe(before);
    for (const id of ['My_Brief', '../escape', 'list', 'a--b']) {
      const refused = await brief(root, 'new', id, '--kind', 'brief', '--country', 'UZ');
      expect(refused.code).toBe(2);
      expect(existsSync(join(root, `briefs/${id}.yaml`))).toBe(false);
    }
    expect((await brief(root, 'new', 'x', '--kind', 'leaflet', '--country', 'UZ')).stderr.split('\n')[0]).toBe('brief: unknown kind "leaflet"; choose from brief, memo, comparison');
    expect((await brief(root, 'new', 'x', '--kind', 'brief', '--country', 'FR')).code).toBe(2);
    expect((await brief(root, 'new', 'x', '--kind', 'comparison', '--country', 'UZ')).stderr.split('\n')[0]).toBe('brief: a comparison needs at least two countries (--country UZ,KZ)');
  });
});

describe('brief findings', () => {
  it('lists findings by country, topic, metric and source, as a table or JSON', async () => {
    const json = await brief(root, 'findings', 'list', '--country', 'KZ', '--topic', 'connectivity', '--json');
    expect(json.code).toBe(0);
    const found = JSON.parse(json.stdout) as { id: string; country: string; topic: string; defined: { file: string; line: number } }[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.country === 'KZ' && f.topic === 'connectivity')).toBe(true);
    expect(found.map((f) => f.id)).toContain('kz-connectivity-internet-penetration-allamurodov-2023');
    const table = (await brief(root, 'findings', 'list', '--metric', 'internet-penetration')).stdout.split('\n');
    expect(table[0]).toMatch(/^ID\s+COUNTRY\s+TOPIC\s+STATES\s+SOURCE$/);
    expect(table.find((row) => row.startsWith('uz-connectivity-internet-penetration-allamurodov-2023 '))).toMatch(/\s76\.6%, as of 2023\s+allamurodov2023digital, sec\. Results$/);
    const bySource = JSON.parse((await brief(root, 'findings', 'list', '--source', 'turayeva2023digital', '--json')).stdout) as { source: string }[];
    expect(bySource.length).toBeGreaterThan(0);
    expect(bySource.every((f) => f.source === 'turayeva2023digital')).toBe(true);
    const typo = await brief(root, 'findings', 'list', '--topic', 'trainig');
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n').slice(0, 2)).toEqual([`brief: unknown topic "trainig"; choose from ${['connectivity', 'social-media', 'e-government', 'legal-framework', 'strategy', 'institutions', 'training', 'consular-services', 'cybersecurity', 'disinformation', 'public-diplomacy', 'international-cooperation', 'digital-economy', 'recommendation'].join(', ')}`, '  hint: Did you mean "training"?']);
    expect((await brief(root, 'findings', 'list', '--metric', 'internet-penetraton')).stderr.split('\n')[1]).toBe('  hint: Did you mean "internet-penetration"?');
  });

  it('shows one finding: value, as-of, source with locator, evidence, verification, conflicts and the documents using it', async () => {
    const seeds = join(repoRoot, '../shared/seeds');
    const withSources = existsSync(seeds) ? ['--sources', seeds] : [];
    const shown = await brief(root, 'findings', 'show', 'uz-social-media-president-instagram-followers-arapov-2024', ...withSources);
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toBe('uz-social-media-president-instagram-followers-arapov-2024');
    const field = (name: string) => lines.find((l) => l.startsWith(`  ${name} `))?.slice(2 + 'conflicts'.length + 2).trim();
    expect(field('value')).toBe('5400000 followers, printed as "5.4 million"');
    expect(field('as of')).toBe('2024-12-07');
    expect(field('source')).toBe("arapov2025digital, sec. Digital Diplomacy: Uzbekistan's Case — Arapov (2025) Digital Disruptions: Emerging Trends in Modern Diplomacy");
    expect(field('primary')).toMatch(/^mirziyoyev2024instagram — /);
    expect(field('evidence')).toBe('"and Instagram (5.4 million followers)"');
    if (withSources.length > 0) expect(field('verified')).toMatch(/^yes: the evidence and its figure are in 002_35ee39c68d10ae65\.txt \(line \d+\)$/);
    else expect(field('verified')).toMatch(/^not checked here/);
    // The papers give different audiences for the President's Instagram account.
    expect(field('conflicts')).toBe('uz-social-media-president-instagram-followers-demircioglu-2024 (more than 3 million followers, undated, reported in 2024)');
    expect(field('used by')).toBe('uzbekistan (key_findings, sections[2].body)');
    expect(shown.stdout).toMatch(/\n  defined\s+findings\/arapov2025digital\.yaml:\d+:5\n/);
    const unknown = await brief(root, 'findings', 'show', 'uz-social-media-president-instagram-followers-2023');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('brief: unknown finding "uz-social-media-president-instagram-followers-2023"\n  hint: Did you mean "uz-social-media-president-instagram-followers-');
  });
});

describe('brief styles', () => {
  it('lists the installed styles matching every word, with their format and title', async () => {
    const listed = await brief(root, 'styles', 'chicago', 'author-date');
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+FORMAT\s+TITLE$/);
    expect(rows).toContainEqual(expect.stringMatching(/^chicago-author-date\s+author-date\s+Chicago Manual of Style 1\dth edition \(author-date\)$/));
    expect(rows.slice(1).every((row) => /chicago/i.test(row) && /author-date/i.test(row))).toBe(true);
    // A name the listing shows is one a spec can use.
    expect((await stat('/usr/share/citation-style-language/styles/chicago-author-date.csl')).isFile()).toBe(true);
    const none = await brief(root, 'styles', 'no-such-style-anywhere');
    expect(none.code).toBe(1);
  });
});
