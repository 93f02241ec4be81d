import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { formatReport } from '../../src/diagnostics/report.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { nodeFileSystem } from '../../src/load/file-system.ts';
import { reconcileDocuments } from '../../src/reconcile/reconcile-documents.ts';
import { findConflicts, overlaps } from '../../src/reconcile/find-conflicts.ts';
import { IndependentSources } from '../../src/reconcile/independent-sources.ts';
import { cli, makeProject, removeProject, repoRoot } from '../support/project.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

// With the fixture's uz-social-media-president-instagram-followers-2024 (more than 3 million, as of
// 2024) and uz-connectivity-internet-penetration-2023 (76.6%, as of 2023-01).
const conflictingFindings = `findings:
  - id: uz-social-media-president-instagram-followers-b-2024
    country: UZ
    topic: social-media
    claim: Another paper counts 5.4 million followers in December 2024.
    metric: { name: president-instagram-followers, value: 5400000, unit: followers, as_of: 2024-12-07 }
    source: allamurodov2023digital
    locator: p. 3
    evidence: "5.4 million followers"
  - id: uz-social-media-president-instagram-followers-c-2023
    country: UZ
    topic: social-media
    claim: An older count, superseded by the later ones.
    metric: { name: president-instagram-followers, value: 2000000, unit: followers, as_of: "2023" }
    source: allamurodov2023digital
    locator: p. 3
    evidence: "2 million"
  - id: uz-connectivity-internet-penetration-b-2023
    country: UZ
    topic: connectivity
    claim: The same share from another paper.
    metric: { name: internet-penetration, value: 76.6, unit: percent, as_of: "2023" }
    source: demircioglu2024digital
    locator: p. 180
    evidence: "76.6%"
  - id: uz-legal-framework-pp3654-a-2018
    country: UZ
    topic: legal-framework
    claim: Resolution PP-3654 was adopted on 5 April 2018.
    date: 2018-04-05
    source: demircioglu2024digital
    locator: p. 181
    evidence: "April 5, 2018, No. PP-3654"
    conflicts_with: [uz-legal-framework-pp3654-b-2018]
  - id: uz-legal-framework-pp3654-b-2018
    country: UZ
    topic: legal-framework
    claim: Resolution PP-3654 was adopted on 6 April 2018.
    date: 2018-04-06
    source: allamurodov2023digital
    locator: p. 2
    evidence: "on April 6, 2018"
    conflicts_with: [uz-legal-framework-pp3654-a-2018]
`;

const a = 'uz-social-media-president-instagram-followers-2024';
const b = 'uz-social-media-president-instagram-followers-b-2024';
const c = 'uz-social-media-president-instagram-followers-c-2023';

const brief = (extra: string, kind = 'brief') => `kind: ${kind}
title: T
date: 2025-01-01
countries: [UZ]
${extra}`;

async function project(files: Record<string, string>) {
  const root = await makeProject({ 'findings/conflicts.yaml': conflictingFindings, ...files });
  roots.push(root);
  return root;
}

/** Reconciliation and lint diagnostics for the specs in briefs/, one formatted string each. */
async function reconcile(files: Record<string, string>, hints = false): Promise<string[]> {
  const root = await project(files);
  const { project: loaded, diagnostics } = await loadProject(root, nodeFileSystem);
  expect(diagnostics).toEqual([]);
  return reconcileDocuments(loaded, loaded.briefs.filter((b) => b.id !== 'sample')).map((d) => formatReport([d], { hints }).split('\n').slice(0, -1).join('\n'));
}

describe('conflicts between findings', () => {
  it('dates that can name the same time overlap; different ones do not', () => {
    expect(overlaps('2024', '2024-12-07')).toBe(true);
    expect(overlaps('2024-12', '2024-12-07')).toBe(true);
    expect(overlaps('2023', '2024-12-07')).toBe(false);
    expect(overlaps('2024-11', '2024-12')).toBe(false);
  });

  it('groups the same metric of a country and linked findings; a later as-of date supersedes', async () => {
    const root = await project({});
    const { project: loaded } = await loadProject(root, nodeFileSystem);
    const { groups, opponents } = findConflicts(loaded.findings);
    expect(groups.map((g) => g.findings.map((f) => f.finding.id))).toEqual([
      ['uz-legal-framework-pp3654-a-2018', 'uz-legal-framework-pp3654-b-2018'],
      [a, b],
    ]);
    // 2 million as of 2023 is earlier than both; 76.6% twice is agreement.
    expect(opponents.has(c)).toBe(false);
    expect(opponents.has('uz-connectivity-internet-penetration-2023')).toBe(false);
  });

  it('`brief findings conflicts` lists every group with ids, values and sources', async () => {
    const root = await project({});
    expect(await cli(root, 'findings', 'conflicts')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'UZ legal-framework',
        '  uz-legal-framework-pp3654-a-2018  dated 2018-04-05  demircioglu2024digital, p. 181',
        '  uz-legal-framework-pp3654-b-2018  dated 2018-04-06  allamurodov2023digital, p. 2',
        'UZ president-instagram-followers',
        '  uz-social-media-president-instagram-followers-2024    more than 3 million followers, as of 2024  demircioglu2024digital, sec. Digital Diplomacy in Uzbekistan',
        '  uz-social-media-president-instagram-followers-b-2024  5.4 million followers, as of 2024-12-07    allamurodov2023digital, p. 3',
        '2 conflicts',
        '',
      ].join('\n'),
    });
    expect((await cli(root, 'findings')).code).toBe(2);
  });
});

describe('documents that use one side of a conflict', () => {
  it('warn at the first use of the side they show', async () => {
    expect(await reconcile({ 'briefs/one.yaml': brief(`summary: |\n  Followers reached [@fact:${a}] in 2024.\n`) })).toEqual([
      `briefs/one.yaml:6:22 warning "${a}" conflicts with "${b}", which the document does not show [conflicting-findings]`,
    ]);
    expect(await reconcile({ 'briefs/one.yaml': brief('key_findings:\n  - uz-legal-framework-pp3654-b-2018\n') })).toEqual([
      'briefs/one.yaml:6:5 warning "uz-legal-framework-pp3654-b-2018" conflicts with "uz-legal-framework-pp3654-a-2018", which the document does not show [conflicting-findings]',
    ]);
  });

  it('give the other side and the way out in the hint', async () => {
    const root = await project({ 'briefs/one.yaml': brief(`recommendations:\n  - to: MFA\n    action: Publish counts.\n    findings: [${b}]\n`) });
    const { diagnostics } = await build({ root, ids: ['one'], checkOnly: true });
    expect(formatReport(diagnostics.filter((d) => d.file.startsWith('briefs/')))).toBe(
      [
        `briefs/one.yaml:8:16 warning "${b}" conflicts with "${a}", which the document does not show [conflicting-findings]`,
        `  hint: Show it too (with [@fact:<id>] or under findings:), or add "${b}" to prefer: if the document deliberately uses this one; \`brief findings conflicts\` lists every conflict.`,
        '0 errors, 1 warning',
      ].join('\n'),
    );
  });

  it('pass when they show both sides, choose one with prefer:, or use a superseded figure', async () => {
    expect(
      await reconcile({
        'briefs/both.yaml': brief(`summary: |\n  From [@fact:${a}] to [@fact:${b}].\nsections:\n  - heading: H\n    body: Dates differ.\n    findings: [uz-legal-framework-pp3654-a-2018, uz-legal-framework-pp3654-b-2018]\n`),
        'briefs/prefer.yaml': brief(`prefer: [${b}]\nsummary: |\n  Followers reached [@fact:${b}].\n`),
        'briefs/older.yaml': brief(`summary: |\n  In 2023, [@fact:${c}].\n`),
        'briefs/table.yaml': brief('comparison:\n  rows:\n    - { metric: president-instagram-followers, label: Instagram }\n', 'comparison'),
      }),
    ).toEqual([]);
  });

  it('reject an unknown id in prefer:', async () => {
    expect(await reconcile({ 'briefs/one.yaml': brief(`prefer: [${a.replace('2024', '2025')}]\n`) }, true)).toEqual([
      `briefs/one.yaml:5:10 error Unknown finding "${a.replace('2024', '2025')}" [unknown-finding]\n  hint: Closest finding ids: ${a}, ${b}, ${c}.`,
    ]);
  });
});

describe('figures typed into prose', () => {
  const lint = (summary: string, hints = false) => reconcile({ 'briefs/one.yaml': brief(`summary: |\n  ${summary.replace(/\n/g, '\n  ')}\n`) }, hints);

  it('warn at the figure, suggesting the finding that holds it', async () => {
    expect(await lint('Internet use reached 76.6% of the population.', true)).toEqual([
      'briefs/one.yaml:6:24 warning The figure "76.6%" is typed into the text with no citation in its sentence [uncited-figure]\n' +
        '  hint: Insert it from its finding: [@fact:uz-connectivity-internet-penetration-2023] or [@fact:uz-connectivity-internet-penetration-b-2023].',
    ]);
  });

  it('pass when a citation follows in the same sentence', async () => {
    expect(await lint('Internet use reached 76.6% of the population [@allamurodov2023digital, p. 29].')).toEqual([]);
    expect(await lint('In the U.S. 97 per cent of missions post daily, e.g. on X [see @bjola2015digital].')).toEqual([]);
    expect(await lint('The press service had 3 million followers, by @demircioglu2024digital [p. 180].')).toEqual([]);
  });

  it('warn when the citation is in the next sentence, paragraph or table cell', async () => {
    expect(await lint('About 20,000 km of lines. See [@demircioglu2024digital].')).toEqual([
      'briefs/one.yaml:6:9 warning The figure "20,000 km" is typed into the text with no citation in its sentence [uncited-figure]',
    ]);
    expect(await lint('Some three million users\n\nlater [@bjola2015digital].')).toHaveLength(1);
    expect(await lint('| X | 40000 followers | [@demircioglu2024digital] |\n|-|-|-|')).toEqual([
      'briefs/one.yaml:6:9 warning The figure "40000 followers" is typed into the text with no citation in its sentence [uncited-figure]',
    ]);
  });

  it('ignore decree numbers, names with a year, list numbers and figures inserted from findings', async () => {
    expect(
      await lint(
        [
          'Resolution PP-3654 and decree UP-60 followed the "Digital Uzbekistan-2030" model of G20 states.',
          '',
          '1. The ministry opened accounts.',
          '2. People follow them on the G20 model.',
          '',
          `Followers reached [@fact:${b}], and the figure is disputed [@fact:${a}].`,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('warn at dates, ordinals, years and number words typed without a citation, in English, Russian, Uzbek and Kazakh', async () => {
    const lintIn = async (lang: string, summary: string) =>
      reconcile({ [`briefs/${lang}.yaml`]: brief(`lang: ${lang}\nsummary: |\n  ${summary.replace(/\n/g, '\n  ')}\n`) });
    const typed = [
      ...(await lint(['The resolution was adopted on 6 April. It ranked 16th in the world.', 'The Action Strategy ran for 2017–2021, and accounts opened in 2016.', 'About three million people follow it.'].join('\n'))),
      ...(await lintIn('ru', 'Постановление принято 6 апреля 2018 г. Страна заняла 22-е место. Охват — три миллиона человек.')),
      ...(await lintIn('uz', 'Qaror 2018-yil 6-aprelda qabul qilindi. Mamlakat 39-o‘rinni egalladi. Uch million foydalanuvchi bor.')),
      ...(await lintIn('kk', 'Қаулы 6 сәуірде қабылданды. Ел 16-шы орын алды.')),
    ];
    expect(typed.map((d) => d.replace(/ is typed into the text with no citation in its sentence \[uncited-figure\]$/, ''))).toEqual([
      'briefs/one.yaml:6:33 warning The date "6 April"',
      'briefs/one.yaml:6:52 warning The ordinal "16th"',
      'briefs/one.yaml:7:31 warning The year "2017–2021"',
      'briefs/one.yaml:7:65 warning The year "2016"',
      'briefs/one.yaml:8:9 warning The figure "three million"',
      'briefs/ru.yaml:7:25 warning The date "6 апреля 2018 г."',
      'briefs/ru.yaml:7:56 warning The ordinal "22-е"',
      'briefs/ru.yaml:7:76 warning The figure "три миллиона"',
      'briefs/uz.yaml:7:9 warning The date "2018-yil 6-aprelda"',
      'briefs/uz.yaml:7:52 warning The ordinal "39-o‘rinni"',
      'briefs/uz.yaml:7:73 warning The figure "Uch million"',
      'briefs/kk.yaml:7:9 warning The date "6 сәуірде"',
      'briefs/kk.yaml:7:34 warning The ordinal "16-шы"',
    ]);
  });

  it('accept a date, ordinal or year in a sentence that cites its source or inserts a finding', async () => {
    expect(
      await lint(
        [
          'The resolution was adopted on 6 April 2018 [@demircioglu2024digital].',
          `In 2023, [@fact:${c}] followed the account; it ranked 16th [@allamurodov2023digital].`,
          'Постановление принято 6 апреля 2018 г. [@arapov2025digital].',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('sources that repeat each other', () => {
  const agreeing = `findings:
  - id: uz-social-media-president-instagram-followers-d-2024
    country: UZ
    topic: social-media
    claim: The same count in a paper that repeats the other.
    metric: { name: president-instagram-followers, value: 3000000, unit: followers, as_of: unknown, reported: "2024", qualifier: over }
    source: allamurodov2023digital
    locator: p. 3
    evidence: "more than 3 million"
`;
  const d = 'uz-social-media-president-instagram-followers-d-2024';
  const both = { 'findings/agreeing.yaml': agreeing, 'briefs/two.yaml': brief(`summary: Both [@fact:${a}] and [@fact:${d}].\nprefer: [${a}, ${d}]\nsections: []\nrecommendations: []\n`) };

  it('warn when a document shows the same fact from a paper and the paper it repeats, as if two sources', async () => {
    const reuses = 'sources:\n  allamurodov2023digital: a.txt\n  demircioglu2024digital: d.txt\nreuses:\n  demircioglu2024digital: [allamurodov2023digital]\n';
    expect(await reconcile({ ...both, 'sources.yaml': reuses }, true)).toEqual([
      [
        `briefs/two.yaml:5:79 warning "${a}" and "${d}" state the same fact, but demircioglu2024digital and allamurodov2023digital are one source: one paper repeats the other's text [derived-corroboration]`,
        '  hint: One paper repeats the other (sources.yaml reuses:): they are one source, not two; cite the original.',
      ].join('\n'),
    ]);
  });

  it('accept independent papers that agree, and a fact shown once', async () => {
    expect(await reconcile(both)).toEqual([]);
    expect(await reconcile({ 'findings/agreeing.yaml': agreeing, 'briefs/one.yaml': brief(`summary: Only [@fact:${d}].\nprefer: [${d}]\nsections: []\nrecommendations: []\n`), 'sources.yaml': 'sources: {}\nreuses:\n  demircioglu2024digital: [allamurodov2023digital]\n' })).toEqual([]);
  });
});

describe('citations attached to statements that use findings', () => {
  it('warn at a citation that names none of the sources of the sentence\'s findings, or of a recommendation\'s', async () => {
    const spec = brief(
      [
        'prefer: [uz-connectivity-internet-penetration-2023]',
        'summary: |',
        '  Use reached [@fact:uz-connectivity-internet-penetration-2023] of people [@demircioglu2024digital]. Security is at risk [@demircioglu2024digital].',
        'recommendations:',
        '  - to: MFA',
        '    action: Train staff in information security [@demircioglu2024digital].',
        '    findings: [uz-connectivity-internet-penetration-2023]',
        '',
      ].join('\n'),
    );
    expect(await reconcile({ 'briefs/one.yaml': spec })).toEqual([
      'briefs/one.yaml:7:75 warning [@demircioglu2024digital] is cited for a statement that uses "uz-connectivity-internet-penetration-2023", but names none of their sources (allamurodov2023digital) [citation-not-a-source]',
      'briefs/one.yaml:10:49 warning [@demircioglu2024digital] is cited for a recommendation that rests on its findings, but names none of their sources (allamurodov2023digital) [citation-not-a-source]',
    ]);
  });

  it('accept a cluster that includes a source of the findings', async () => {
    const spec = brief(
      [
        'prefer: [uz-connectivity-internet-penetration-2023]',
        'summary: |',
        '  Use reached [@fact:uz-connectivity-internet-penetration-2023] of people [@allamurodov2023digital; @demircioglu2024digital].',
        '  It reached [@fact:uz-connectivity-internet-penetration-2023] [see also @demircioglu2024digital].',
        'recommendations:',
        '  - to: MFA',
        '    action: Train staff [see @allamurodov2023digital, p. 3].',
        '    findings: [uz-connectivity-internet-penetration-2023]',
        '',
      ].join('\n'),
    );
    expect(await reconcile({ 'briefs/one.yaml': spec })).toEqual([]);
  });
});

describe('memo actions for some recipients', () => {
  it('reject a recipient slug the memo does not have', async () => {
    const memo = [
      'kind: memo',
      'title: T',
      'from: Institute',
      'date: 2025-01-01',
      'countries: [UZ]',
      'recipients:',
      '  - { name: Ministry of Foreign Affairs, slug: mfa }',
      '  - { name: Ministry of Digital Technologies, slug: mdt }',
      'sections: []',
      'recommendations:',
      '  - { to: MFA, action: Train staff., recipients: [mfa] }',
      '  - { to: MDT, action: Build software., recipients: [mdt, mtd] }',
      '',
    ].join('\n');
    expect(await reconcile({ 'briefs/memo.yaml': memo })).toEqual([
      'briefs/memo.yaml:12:59 error No recipient "mtd" in this document (recipients: mdt, mfa) [unknown-recipient]',
    ]);
  });
});

describe('the real project', () => {
  it('surfaces the disagreements between the papers that the seeds README names', async () => {
    const { project: loaded } = await loadProject(repoRoot, nodeFileSystem);
    const groups = findConflicts(loaded.findings).groups.map((g) => [g.label, g.findings.map((f) => f.finding.id)]);
    expect(groups).toEqual(
      expect.arrayContaining([
        ['UZ legal-framework', ['uz-legal-framework-pp3654-demircioglu-2018', 'uz-legal-framework-pp3654-arapov-2018']],
        // Undated figures (reported in 2023 and 2024) can be from the same time as each other and as
        // the figure dated 7 December 2024; only the 2023 one is superseded by it.
        [
          'UZ president-x-followers',
          ['uz-social-media-president-x-followers-allamurodov-2023', 'uz-social-media-president-x-followers-demircioglu-2024', 'uz-social-media-president-x-followers-arapov-2024'],
        ],
        ['UZ president-instagram-followers', ['uz-social-media-president-instagram-followers-demircioglu-2024', 'uz-social-media-president-instagram-followers-arapov-2024']],
        [
          'UZ president-facebook-followers',
          [
            'uz-social-media-president-facebook-followers-allamurodov-2023',
            'uz-social-media-president-facebook-followers-demircioglu-2024',
            'uz-social-media-president-facebook-followers-arapov-2024',
          ],
        ],
      ]),
    );
  });

  it('counts Demircioğlu (2024) and Allamurodov (2023), which it repeats, as one source', async () => {
    const { project: loaded } = await loadProject(repoRoot, nodeFileSystem);
    const sources = new IndependentSources(loaded.reuses);
    expect(sources.same('demircioglu2024digital', 'allamurodov2023digital')).toBe(true);
    expect(sources.count(['demircioglu2024digital', 'allamurodov2023digital', 'arapov2025digital'])).toBe(2);
    const x = findConflicts(loaded.findings, sources).groups.find((g) => g.label === 'UZ president-x-followers')!;
    expect(x.independentSources).toBe(2);
    const listed = await cli(repoRoot, 'findings', 'conflicts');
    expect(listed.stdout).toContain('UZ president-x-followers (3 papers, 2 independent: one repeats another)\n');
  });

  it('has briefs with no one-sided conflicts and no uncited figures', async () => {
    const { project: loaded } = await loadProject(repoRoot, nodeFileSystem);
    expect(formatReport(reconcileDocuments(loaded, loaded.briefs))).toBe('no problems');
  });
});
