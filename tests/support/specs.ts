/** Specs several tests build on, written once; each test adds what it is about. */

/**
 * A Russian memo to the Uzbek ministry with one figure from a finding, one action with a deadline,
 * and `head` (extra top-level fields, e.g. `marking:` or `paper:`) after its title.
 */
export function russianMemo({ head = '', recipients = ['Ministry of Foreign Affairs'] }: { head?: string; recipients?: string[] } = {}): string {
  return `kind: memo
title: Connectivity figures for the ministry
${head}date: 2025-05-02
lang: ru
countries: [UZ]
from: Analysis Team
purpose: Предложить обновить данные о подключении.
recipients:
${recipients.map((name) => `  - name: ${name}\n`).join('')}summary: |
  Доля пользователей интернета достигла [@fact:uz-connectivity-internet-penetration-2023].
recommendations:
  - to: МИД
    action: Обновить данные.
    deadline: 2025-06-30
`;
}

/** The basic fixture's sample brief with a bar chart and a time series in the section that cites Manor. */
export function withCharts(sampleSpec: string): string {
  return sampleSpec.replace(
    '      @manor2019digitalization [p. 33] describes the shift.\n',
    `      @manor2019digitalization [p. 33] describes the shift.
    charts:
      - type: bar
        metric: internet-penetration
        title: Internet users, share of population
        countries: [UZ, KZ]
      - type: timeseries
        metric: internet-penetration
        title: Internet use over time
        countries: [UZ]
`,
  );
}

/**
 * An English brief in a citation style whose sections (heading → Markdown body) carry the citations a
 * test is about: the note-style tests build on it.
 */
export function styledBrief(title: string, style: string, sections: Record<string, string>): string {
  return [
    'kind: brief',
    `title: ${title}`,
    'date: 2025-03-01',
    'lang: en',
    'countries: [UZ]',
    `style: ${style}`,
    'sections:',
    ...Object.entries(sections).flatMap(([heading, body]) => [`  - heading: ${heading}`, '    body: |', ...body.split('\n').map((line) => (line ? `      ${line}` : ''))]),
    '',
  ].join('\n');
}
