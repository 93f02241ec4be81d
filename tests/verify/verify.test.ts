import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { loadSources } from '../../src/verify/load-sources.ts';
import { defaultLimits } from '../../src/limits.ts';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/verify.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { nodeFileSystem } from '../../src/load/file-system.ts';
import { cli, makeProject, removeProject, repoRoot } from '../support/project.ts';
import { findSeeds } from '../support/seeds.ts';

/** The seed corpus (../shared/seeds, or found upward from a worktree), when this machine has it. */
const seeds = findSeeds() ?? '';
const haveSeeds = seeds !== '';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

// Excerpts in the state PDF extraction leaves them: a running header inside a paragraph,
// footnote markers glued to words, curly quotes, a word hyphenated at a line end.
const allamurodovText = `The press service of President Shavkat Mirziyoyev actively uses the capabilities of social networks. The digital resource of the presidential press service has more than 39,000

⁷ Decree of the President of the Republic of Uzbekistan "On measures to radically improve the system".

subscribers on Twitter*, more than 3 million subscribers on Instagram*.

As of 2023, there are 26.74 million Internet users in Uzbekistan (an increase of 8.84 million compared to 2020), that is, 76.6% of the country's population. According to the E-Government Development Index, Kazakhstan ranks 28th among 193 countries with an indicator of 0.8628%¹.
`;
const demirciogluText = `In foreign policy, digital diplomacy has become a crucial tool for states. During crises, the ability to quickly share information

Digital Diplomacy and Its Impacts on Uzbekistan's International Relations

and shape public opinion can bolster a state’s position in foreign policy. The strategy “Digital Uzbekistan – 2030” has been approved to foster digital trans-
formation. To enhance infrastructure, the decree aims to lay 20000 kilometers of fiber-optic lines.
`;

const finding = (id: string, source: string, evidence: string, metric?: string) => `  - id: ${id}
    country: UZ
    topic: connectivity
    claim: A restatement.
${metric ? `    metric: ${metric}\n` : ''}    source: ${source}
    locator: p. 1
    evidence: "${evidence}"
`;

const goodFindings = `findings:
${finding('uz-connectivity-internet-penetration-2023', 'allamurodov2023digital', "that is, 76.6% of the country's population", '{ name: internet-penetration, value: 76.6, unit: percent, as_of: "2023" }')}${finding('uz-connectivity-internet-users-2023', 'allamurodov2023digital', 'there are 26.74 million Internet users in Uzbekistan', '{ name: internet-users, value: 26740000, unit: users, as_of: "2023" }')}${finding('kz-e-government-egdi-rank-2023', 'allamurodov2023digital', 'Kazakhstan ranks 28th among 193 countries', '{ name: egdi-rank, value: 28, out_of: 193, unit: rank, as_of: "2023" }')}${finding('uz-social-media-president-x-followers-2023', 'allamurodov2023digital', 'the presidential press service has more than 39,000', '{ name: president-x-followers, value: 39000, unit: followers, as_of: unknown, reported: "2023", qualifier: over }')}${finding('uz-strategy-digital-uzbekistan-2020', 'demircioglu2024digital', 'The strategy \\"Digital Uzbekistan - 2030\\" has been approved to foster digital transformation')}${finding('uz-strategy-target-fibre-optic-2020', 'demircioglu2024digital', 'lay 20000 kilometers of fiber-optic lines', '{ name: target-fibre-optic, value: 20000, unit: km, as_of: unknown, reported: "2024" }')}`;

const sourcesYaml = `sources:
  allamurodov2023digital: allamurodov.txt
  demircioglu2024digital: demircioglu.txt
`;

async function project(files: Record<string, string> = {}) {
  const root = await makeProject({
    'findings/test.yaml': goodFindings,
    'sources.yaml': sourcesYaml,
    'texts/allamurodov.txt': allamurodovText,
    'texts/demircioglu.txt': demirciogluText,
    ...files,
  });
  roots.push(root);
  return root;
}

async function verified(files: Record<string, string> = {}) {
  const { diagnostics } = await verify({ root: await project(files), sourcesDir: 'texts' });
  return formatReport(diagnostics);
}

/** The good findings with one piece of text replaced. */
const plant = (from: string, to: string) => {
  expect(goodFindings).toContain(from);
  return { 'findings/test.yaml': goodFindings.replace(from, to) };
};

describe('brief verify reads papers under the file policy', () => {
  it('refuses a paper reached through a link leaving the sources folder, a FIFO, a folder, and one over the size limit, without echoing it', async () => {
    const root = await project({
      'secret.txt': 'SECRET-PROJECT-FILE',
      // ../ and absolute paths are refused by the schema of sources.yaml already.
      'sources.yaml': `sources:
  demircioglu2024digital: linked.txt
  arapov2025digital: pipe.txt
  faizullaev2024digital: folder
`,
    });
    await symlink(join(root, 'secret.txt'), join(root, 'texts', 'linked.txt'));
    execFileSync('mkfifo', [join(root, 'texts', 'pipe.txt')]);
    await mkdir(join(root, 'texts', 'folder'));
    const { diagnostics } = await verify({ root, sourcesDir: 'texts' });
    expect(formatReport(diagnostics)).not.toContain('SECRET');
    // (The test library has no entries for two of these keys: reported apart.)
    const report = formatReport(diagnostics.filter((d) => d.file === 'sources.yaml' && d.ruleId !== 'unknown-citation-key'));
    expect(report).toBe(
      [
        'sources.yaml:2:27 error The text of "demircioglu2024digital", linked.txt, is a link to a file outside the sources folder [unsafe-path]',
        '  hint: Name a file inside the folder given to --sources; ../, absolute paths and links leaving it are refused.',
        'sources.yaml:3:22 error The text of "arapov2025digital", pipe.txt, is a named pipe, not a regular file [not-a-file]',
        '  hint: Replace it with a regular file: folders, named pipes, sockets and devices are never read.',
        'sources.yaml:4:26 error The text of "faizullaev2024digital", folder, is a folder, not a regular file [not-a-file]',
        '  hint: Replace it with a regular file: folders, named pipes, sockets and devices are never read.',
        '3 errors, 0 warnings',
      ].join('\n'),
    );
    const { diagnostics: tooLarge } = await loadSources(await project(), join(roots.at(-1)!, 'texts'), nodeFileSystem, { ...defaultLimits, sourceTextBytes: 256 });
    expect(formatReport(tooLarge)).toBe(
      [
        'sources.yaml:2:27 error The text of "allamurodov2023digital", allamurodov.txt, is 637 bytes; the limit is 256 bytes [limit-exceeded]',
        '  hint: Split the input, or raise the limit in the build options if it is really needed.',
        'sources.yaml:3:27 error The text of "demircioglu2024digital", demircioglu.txt, is 474 bytes; the limit is 256 bytes [limit-exceeded]',
        '  hint: Split the input, or raise the limit in the build options if it is really needed.',
        '2 errors, 0 warnings',
      ].join('\n'),
    );
  });
});

describe('brief verify', () => {
  it('accepts evidence copied exactly, across line breaks, quotes, dashes and hyphenation', async () => {
    expect(await verified()).toBe('no problems');
  });

  it('reports a mistyped figure at metric.value, naming the figures next to the evidence', async () => {
    expect(await verified(plant('value: 76.6,', 'value: 76.5,'))).toBe(
      [
        'findings/test.yaml:6:50 error The figure 76.5 of "uz-connectivity-internet-penetration-2023" is not in or next to its evidence in allamurodov.txt [figure-not-in-evidence]',
        '  hint: Figures next to the evidence (allamurodov.txt:7): 2020, 76.6.',
        '1 error, 0 warnings',
      ].join('\n'),
    );
  });

  it('reads scale words and thousands separators, and checks out_of', async () => {
    expect(await verified(plant('value: 26740000,', 'value: 26700000,'))).toContain(
      'findings/test.yaml:14:44 error The figure 26700000 of "uz-connectivity-internet-users-2023" is not in or next to its evidence in allamurodov.txt [figure-not-in-evidence]\n  hint: Figures next to the evidence (allamurodov.txt:7): 2023, 26.74 million.',
    );
    expect(await verified(plant('out_of: 193,', 'out_of: 139,'))).toContain(
      'findings/test.yaml:22:51 error The figure 139 of "kz-e-government-egdi-rank-2023" is not in or next to its evidence in allamurodov.txt [figure-not-in-evidence]',
    );
    expect(await verified(plant('value: 39000,', 'value: 390000,'))).toContain('The figure 390000 of "uz-social-media-president-x-followers-2023"');
  });

  it('reports an altered phrase at the evidence, quoting the closest passage of the source', async () => {
    expect(await verified(plant("that is, 76.6% of the country's population", 'that is, 76.6% of the total population'))).toBe(
      [
        'findings/test.yaml:9:15 error The evidence of "uz-connectivity-internet-penetration-2023" is not in allamurodov.txt [evidence-not-found]',
        `  hint: Closest passage (allamurodov.txt:7): "that is, 76.6% of the country's population."`,
        '1 error, 0 warnings',
      ].join('\n'),
    );
  });

  it('does not let a phrase run across a running page header or a footnote', async () => {
    const report = await verified(
      plant('lay 20000 kilometers of fiber-optic lines', 'the ability to quickly share information and shape public opinion'),
    );
    expect(report).toContain('findings/test.yaml:48:15 error The evidence of "uz-strategy-target-fibre-optic-2020" is not in demircioglu.txt [evidence-not-found]');
    // The closest passage shows the header that breaks the phrase.
    expect(report).toContain('hint: Closest passage (demircioglu.txt:1): "the ability to quickly share information Digital Diplomacy"');
    expect(await verified(plant('the presidential press service has more than 39,000', 'more than 39,000 subscribers on Twitter'))).toContain('[evidence-not-found]');
  });

  it('forgives nothing beyond whitespace, hyphenation, quotes and dashes', async () => {
    expect(await verified(plant("that is, 76.6% of the country's population", "That is, 76.6% of the country's population"))).toContain('[evidence-not-found]');
    expect(await verified(plant('has more than 39,000', 'has more than 39000'))).toContain('[evidence-not-found]');
  });

  it('reports a finding whose source has no text, a missing manifest and a key not in references.bib', async () => {
    expect(await verified({ 'sources.yaml': 'sources:\n  allamurodov2023digital: allamurodov.txt\n' })).toBe(
      [
        'findings/test.yaml:38:13 error sources.yaml gives no text for "demircioglu2024digital", so the evidence of "uz-strategy-digital-uzbekistan-2020" cannot be checked [missing-source-text]',
        '  hint: Map the BibTeX key to its text file in sources.yaml, with a path relative to the --sources folder.',
        'findings/test.yaml:46:13 error sources.yaml gives no text for "demircioglu2024digital", so the evidence of "uz-strategy-target-fibre-optic-2020" cannot be checked [missing-source-text]',
        '  hint: Map the BibTeX key to its text file in sources.yaml, with a path relative to the --sources folder.',
        '2 errors, 0 warnings',
      ].join('\n'),
    );
    const root = await project();
    await writeFile(join(root, 'sources.yaml'), `${sourcesYaml}  allamurodov2023digitl: allamurodov.txt\n`);
    expect(formatReport((await verify({ root, sourcesDir: 'texts' })).diagnostics)).toBe(
      [
        'sources.yaml:4:3 error Unknown citation key "allamurodov2023digitl" [unknown-citation-key]',
        '  hint: Closest keys in references.bib: allamurodov2023digital.',
        '1 error, 0 warnings',
      ].join('\n'),
    );
    await writeFile(join(root, 'sources.yaml'), 'sources:\n  allamurodov2023digital: ../allamurodov.txt\n');
    expect(formatReport((await verify({ root, sourcesDir: 'texts' })).diagnostics)).toContain(
      'sources.yaml:2:27 error Expected a path inside the sources folder at sources.allamurodov2023digital [invalid-value]',
    );
  });

  it('reports a missing text file and a missing manifest', async () => {
    const root = await project({ 'sources.yaml': 'sources:\n  allamurodov2023digital: allamurodov.txt\n  demircioglu2024digital: missing.txt\n' });
    expect(formatReport((await verify({ root, sourcesDir: 'texts' })).diagnostics)).toBe(
      [
        `sources.yaml:3:27 error No file missing.txt in ${join(root, 'texts')} (the text of "demircioglu2024digital") [missing-source-text]`,
        '  hint: Map the BibTeX key to its text file in sources.yaml, with a path relative to the --sources folder.',
        '1 error, 0 warnings',
      ].join('\n'),
    );
    await writeFile(join(root, 'sources.yaml'), '');
    expect(formatReport((await verify({ root, sourcesDir: 'texts' })).diagnostics)).toContain('sources.yaml:1:1 error The file is empty [empty-file]');
  });

  it('is a CLI command: exit 1 with the report on stderr, 2 without --sources', async () => {
    const root = await project(plant('value: 76.6,', 'value: 76.5,'));
    const failed = await cli(root, 'verify', '--sources', 'texts');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('[figure-not-in-evidence]\n');
    expect(failed.stdout).toBe('no text reuse between sources\nverified 6 findings against their sources\n');
    const usage = await cli(root, 'verify');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^brief: verify needs --sources DIR/);
    const ok = await cli(await project(), 'verify', '--sources', 'texts');
    expect(ok).toEqual({ code: 0, stdout: 'no problems\nno text reuse between sources\nverified 6 findings against their sources\n', stderr: '' });
  });
});

// A later paper that repeats an earlier one, with the marks of PDF extraction in the copy: a
// running header inside the passage, a word hyphenated at a line end, curly quotes, other case.
const originalText = `Digital diplomacy is a tool. The processes of globalization, the development of information and communication technologies in developed countries, the Internet, and the strengthening of the role of social networks have led to a change in the forms and methods of diplomacy. Kazakhstan ranks 28th among 193 countries.
`;
const copyText = `Our own introduction comes first. the processes of globalization, the development of information and communication tech-
nologies in developed countries, the Internet,

A Journal Header Line

and the strengthening of the role of social networks have led to a change in the forms and methods of diplomacy. Something else follows here.
`;
const reuseSources = `sources:
  allamurodov2023digital: allamurodov.txt
  demircioglu2024digital: demircioglu.txt
`;

describe('brief verify: text reuse between sources', () => {
  const files = { 'texts/allamurodov.txt': originalText, 'texts/demircioglu.txt': copyText, 'findings/test.yaml': 'findings: []\n' };

  it('finds a passage one text repeats from another across a running header and a hyphenated line end, and asks to record it', async () => {
    const root = await project({ ...files, 'sources.yaml': reuseSources });
    const result = await verify({ root, sourcesDir: 'texts' });
    expect(formatReport(result.diagnostics)).toBe(
      [
        'sources.yaml:3:3 warning "demircioglu2024digital" and "allamurodov2023digital" share 1 passage of text (37 words), first demircioglu.txt:1 = allamurodov.txt:1 (37 words): "the processes of globalization, the development of information and communication technologies in …" [unrecorded-text-reuse]',
        '  hint: If one repeats the other, record it in sources.yaml ("reuses:\\n  demircioglu2024digital: [allamurodov2023digital]"), so that findings from both count as one source; `brief verify` lists every shared passage.',
        '0 errors, 1 warning',
      ].join('\n'),
    );
    expect(result.reuse.map((p) => [p.a, p.b, p.recorded])).toEqual([['demircioglu2024digital', 'allamurodov2023digital', false]]);
  });

  it('accepts recorded reuse and lists the shared passages; a record the texts do not bear out is a warning', async () => {
    const recorded = await cli(await project({ ...files, 'sources.yaml': `${reuseSources}reuses:\n  demircioglu2024digital: [allamurodov2023digital]\n` }), 'verify', '--sources', 'texts');
    expect(recorded).toEqual({
      code: 0,
      stdout: [
        'no problems',
        'text reuse between sources:',
        '  demircioglu2024digital repeats allamurodov2023digital: 1 shared passage, 37 words (recorded in sources.yaml)',
        '    demircioglu.txt:1 = allamurodov.txt:1 (37 words): "the processes of globalization, the development of information and communication technologies in …"',
        'verified 0 findings against their sources',
        '',
      ].join('\n'),
      stderr: '',
    });
    const root = await project({ 'sources.yaml': `${reuseSources}reuses:\n  demircioglu2024digital: [allamurodov2023digital]\n` });
    expect(formatReport((await verify({ root, sourcesDir: 'texts' })).diagnostics)).toBe(
      [
        'sources.yaml:5:28 warning "demircioglu2024digital" is recorded as repeating "allamurodov2023digital", but their texts share no passage [recorded-reuse-not-found]',
        '  hint: Remove the record from reuses: in sources.yaml, or check the text files.',
        '0 errors, 1 warning',
      ].join('\n'),
    );
  });

  it('does not take stock phrases shared by independent papers for reuse', async () => {
    const stock = 'of the Ministry of Foreign Affairs of the Republic of Uzbekistan';
    const root = await project({ 'texts/allamurodov.txt': `The website ${stock} was redesigned.`, 'texts/demircioglu.txt': `A decree on the activities ${stock} was signed.`, 'findings/test.yaml': 'findings: []\n' });
    const result = await verify({ root, sourcesDir: 'texts' });
    expect(result.reuse).toEqual([]);
    expect(result.reuseReport).toBe('no text reuse between sources');
  });
});

describe('brief verify: second-hand evidence and stated dates', () => {
  const cited = `The press service of President Shavkat Mirziyoyev actively uses the capabilities of social networks (Faizullaev, 2024). Kazakhstan ranks 28th among 193 countries [6:58–61]. Without a citation here.\n`;
  const secondHand = (primary: string, note = '') => `findings:
  - id: uz-social-media-press-service-2023
    country: UZ
    topic: social-media
    claim: A restatement.
    source: allamurodov2023digital
    locator: p. 1
    evidence: "The press service of President Shavkat Mirziyoyev actively uses"
${primary}${note}  - id: kz-e-government-rank-2023
    country: KZ
    topic: e-government
    claim: A restatement.
    source: allamurodov2023digital
    locator: p. 1
    evidence: "Kazakhstan ranks 28th among 193 countries"
${primary}${note}`;

  it('flags evidence whose sentence cites another work (author–year or numbered) when primary is not given', async () => {
    const files = { 'texts/allamurodov.txt': cited, 'sources.yaml': 'sources:\n  allamurodov2023digital: allamurodov.txt\n' };
    expect(await verified({ ...files, 'findings/test.yaml': secondHand('') })).toBe(
      [
        'findings/test.yaml:8:15 error The evidence of "uz-social-media-press-service-2023" cites "(Faizullaev, 2024)", but the finding names no primary source [second-hand-evidence]',
        '  hint: The evidence cites another work: name it in primary: (its BibTeX key; add it to references.bib with keywords = {cited-by-source} if missing).',
        'findings/test.yaml:15:15 error The evidence of "kz-e-government-rank-2023" cites "[6:58-61]", but the finding names no primary source [second-hand-evidence]',
        '  hint: The evidence cites another work: name it in primary: (its BibTeX key; add it to references.bib with keywords = {cited-by-source} if missing).',
        '2 errors, 0 warnings',
      ].join('\n'),
    );
    expect(await verified({ ...files, 'findings/test.yaml': secondHand('    primary: null\n') })).toContain('findings/test.yaml:9:14 error The evidence of "uz-social-media-press-service-2023" cites');
    expect(await verified({ ...files, 'findings/test.yaml': secondHand('    primary: allamurodov2023digital\n') })).toBe('no problems');
    // An analyst who found the citation does not resolve says so, quoting it.
    expect(await verified({ ...files, 'findings/test.yaml': secondHand('    primary: null\n', '    note: The citations (Faizullaev, 2024) and [6:58–61] do not resolve.\n') })).toBe('no problems');
  });

  it('requires a stated as-of year to be written near the evidence; an undated figure is as_of: unknown with reported', async () => {
    expect(await verified(plant('value: 76.6, unit: percent, as_of: "2023"', 'value: 76.6, unit: percent, as_of: "2022"'))).toBe(
      [
        'findings/test.yaml:6:78 error The as-of year 2022 of "uz-connectivity-internet-penetration-2023" is not written near its evidence in allamurodov.txt [as-of-not-in-source]',
        '  hint: When the paper gives no date for the figure, write as_of: unknown and reported: <publication year>.',
        '1 error, 0 warnings',
      ].join('\n'),
    );
    // The x-followers figure's paragraph gives no year: stating one is an error.
    expect(await verified(plant('as_of: unknown, reported: "2023", qualifier: over', 'as_of: "2023", qualifier: over'))).toContain(
      'error The as-of year 2023 of "uz-social-media-president-x-followers-2023" is not written near its evidence in allamurodov.txt [as-of-not-in-source]',
    );
    expect(await verified(plant('as_of: unknown, reported: "2023", qualifier: over', 'as_of: unknown, qualifier: over'))).toContain(
      'findings/test.yaml:30:13 error As_of: unknown needs reported: <the year the paper reported the figure> at findings[3].metric.reported [invalid-value]',
    );
    expect(await verified(plant('as_of: "2023" }', 'as_of: "2023", reported: "2023" }'))).toContain(
      'findings/test.yaml:6:96 error Reported: goes only with as_of: unknown (a stated as_of is the better date) at findings[0].metric.reported [invalid-value]',
    );
  });
});

describe.skipIf(!haveSeeds)('the real findings against the seed papers (../shared/seeds)', () => {
  it('verify with no problems', async () => {
    const { diagnostics, checked } = await verify({ root: repoRoot, sourcesDir: seeds });
    expect(formatReport(diagnostics)).toBe('no problems');
    const { project } = await loadProject(repoRoot, nodeFileSystem);
    expect(checked).toBe(project.findings.length);
  });

  it('report that Demircioğlu (2024) repeats Allamurodov (2023), and no other pair', async () => {
    const { reuse, reuseReport } = await verify({ root: repoRoot, sourcesDir: seeds });
    expect(reuse.map((p) => `${p.a} ${p.b} ${p.recorded}`)).toEqual(['demircioglu2024digital allamurodov2023digital true']);
    expect(reuse[0]!.words).toBeGreaterThan(500);
    // The longest passages: the history of the term, and the processes of globalization.
    expect(reuseReport).toContain('(188 words): "The term "digital diplomacy" first appeared in the book *Digital Diplomacy: American …"');
    expect(reuseReport).toContain('(166 words): "The processes of globalization, the development of information and communication technologies in …"');
  });

  it('catch a figure and a phrase planted in a copy', async () => {
    const root = await makeProject();
    roots.push(root);
    await rm(join(root, 'findings'), { recursive: true });
    for (const path of ['findings', 'references.bib', 'sources.yaml']) await cp(join(repoRoot, path), join(root, path), { recursive: true });
    const file = join(root, 'findings/arapov2025digital.yaml');
    const text = await readFile(file, 'utf8');
    const planted = text
      .replace('      value: 206000\n', '      value: 260000\n')
      .replace('evidence: "97% of all UN member states have created their Twitter accounts"', 'evidence: "97% of all UN member states have opened their Twitter accounts"');
    expect(planted).not.toBe(text);
    await writeFile(file, planted);
    const { diagnostics } = await verify({ root, sourcesDir: seeds });
    expect(formatReport(diagnostics)).toBe(
      [
        'findings/arapov2025digital.yaml:18:15 error The evidence of "xx-social-media-un-members-twitter-2025" is not in 002_35ee39c68d10ae65.txt [evidence-not-found]',
        '  hint: Closest passage (002_35ee39c68d10ae65.txt:43): "97% of all UN member states have created their Twitter accounts,"',
        'findings/arapov2025digital.yaml:413:14 error The figure 260000 of "uz-social-media-president-x-followers-arapov-2024" is not in or next to its evidence in 002_35ee39c68d10ae65.txt [figure-not-in-evidence]',
        '  hint: Figures next to the evidence (002_35ee39c68d10ae65.txt:120): 2016, 360,000, 2017, 206,000, 5.4 million.',
        '2 errors, 0 warnings',
      ].join('\n'),
    );
  });
});
