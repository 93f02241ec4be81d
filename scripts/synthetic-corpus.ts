import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const repo = new URL('../', import.meta.url).pathname;

/** A realistic synthetic project: the real findings and library, and `count` four-page briefs citing them. */
export async function makeCorpus(root: string, count: number): Promise<void> {
  await cp(join(repo, 'findings'), join(root, 'findings'), { recursive: true });
  await cp(join(repo, 'references.bib'), join(root, 'references.bib'));
  await mkdir(join(root, 'briefs'));
  const keys = ['demircioglu2024digital', 'allamurodov2023digital', 'arapov2025digital', 'bjola2015digital', 'manor2019digitalization', 'hanson2012baked', 'dizard2001digital', 'hudoykulov2020digital', 'faizullaev2024digital', 'turayeva2023digital'];
  const facts = ['uz-connectivity-internet-penetration-allamurodov-2023', 'kz-connectivity-internet-penetration-allamurodov-2023', 'uz-social-media-president-instagram-followers-arapov-2024', 'kz-e-government-egdi-rank-allamurodov-2023'];
  const paragraph = (i: number) =>
    `Digital diplomacy reshapes how ministries explain policy and serve citizens abroad [@${keys[i % keys.length]}]. ` +
    `Internet use stands at [@fact:${facts[i % facts.length]}] of the population, and official accounts reach large audiences ` +
    `[@${keys[(i + 3) % keys.length]}; @${keys[(i + 5) % keys.length]}]. Ministries that invest in staff and training see the ` +
    'clearest gains in reach and responsiveness, while those that post only at home audiences gain little abroad.';
  for (let n = 0; n < count; n++) {
    const charts = (s: number) =>
      s === 0
        ? '    charts:\n      - type: bar\n        metric: internet-penetration\n        title: Internet users, share of population\n      - type: bar\n        metric: social-media-penetration\n        title: Social media users, share of population\n'
        : '';
    const sections = Array.from({ length: 5 }, (_, s) => `  - heading: Section ${s + 1}\n    body: |\n${[0, 1, 2].map((p) => `      ${paragraph(n + s + p)}\n`).join('      \n')}${charts(s)}`);
    await writeFile(
      join(root, 'briefs', `doc-${String(n).padStart(4, '0')}.yaml`),
      `kind: brief\ntitle: Synthetic brief ${n}\ndate: 2026-01-01\nlang: en\ncountries: [UZ, KZ]\nsummary: |\n  ${paragraph(n)}\n\n  [Цифровая дипломатия стала инструментом внешней политики]{lang=ru} [@allamurodov2023digital].\nkey_findings: [${facts.join(', ')}]\nsections:\n${sections.join('')}recommendations:\n  - to: Ministry of Foreign Affairs\n    action: Create a digital diplomacy unit.\n    findings: [ca-recommendation-digital-unit-2023]\n`,
    );
  }
}

