import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedFinding } from '../load/load-project.js';
import { projectPaths } from '../load/load-project.js';
import { statement } from '../reconcile/format-conflicts.js';
import { countryCodes, type CountryCode } from '../schema/vocabulary.js';
import { languagePack, languages, type Language } from '../languages/index.js';

/** A country's English name (the spec skeleton is in English). */
const countryNames = (code: string): string => languagePack('en').countries[code as CountryCode] ?? code;

export const documentKinds = ['brief', 'memo', 'comparison'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** A document id is a file name and a command-line word: kebab-case, short, never a command's name. */
export const documentIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const maxDocumentIdLength = 64;

export interface NewBriefRequest {
  id: string;
  kind: DocumentKind;
  countries: CountryCode[];
  lang: Language;
  /** Today, for the spec's date (passed in, so tests choose it). */
  today: Date;
}

/** Why a new document cannot have this id, or undefined when it can. */
export function documentIdProblem(id: string, commands: readonly string[]): string | undefined {
  if (!documentIdPattern.test(id)) return `"${id}" is not a valid document id: use lower-case letters, digits and single hyphens (e.g. uzbekistan-2027)`;
  if (id.length > maxDocumentIdLength) return `"${id}" is longer than ${maxDocumentIdLength} characters`;
  if (commands.includes(id)) return `"${id}" is the name of a command; "brief ${id}" could not build it`;
  return undefined;
}

/** The spec `brief new` writes: a document of the kind that builds as it is, with the countries' findings suggested in comments. */
export function newBriefSpec(request: NewBriefRequest, findings: readonly LoadedFinding[]): string {
  const { kind, countries, lang } = request;
  const names = countries.map((c) => countryNames(c));
  const place = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const ours = findings.filter(({ finding }) => countries.includes(finding.country as CountryCode));
  const q = (text: string) => JSON.stringify(text);
  const lines = [
    '# yaml-language-server: $schema=../schemas/brief.schema.json',
    `# A new ${kind}, written by \`brief new\`. Build it with \`brief ${request.id}\`, or watch it with \`brief preview ${request.id}\`.`,
    `kind: ${kind}`,
    `title: ${q(kind === 'memo' ? `Digital diplomacy in ${place}: proposed actions` : `Digital diplomacy in ${place}`)}`,
    `date: ${isoDay(request.today)}`,
    `lang: ${lang}`,
    `countries: [${countries.join(', ')}]`,
    '# max_pages: 2            # the page budget: a longer document is an error',
    '# style: apa              # any style of `brief styles`',
  ];
  if (kind === 'memo') {
    lines.push(
      'from: Analysis Team',
      'reference: DRAFT',
      'purpose: |',
      `  State in one sentence what the memo asks of its recipients.`,
      'recipients:',
      ...recipientsFor(countries).flatMap((r) => [`  - name: ${q(r.name)}`, `    slug: ${r.slug}`]),
    );
  } else {
    lines.push('audience: Analysts in foreign ministries and think tanks', 'authors:', '  - name: Analysis Team');
  }
  lines.push('summary: |', '  Say in three or four sentences what the reader needs to know and do.');
  lines.push(...findingSuggestions(ours, place, countries), 'key_findings: []');
  if (kind === 'comparison') lines.push(...comparisonTable(ours, countries));
  lines.push(
    'sections:',
    '  # Cite a paper with [@key] or [@key, p. 12], insert a figure with [@fact:<finding-id>].',
    '  - heading: Context',
    '    body: |',
    '      Describe the situation the research documents.',
    '  - heading: Analysis',
    '    body: |',
    '      Explain what the findings mean for the reader.',
    'recommendations:',
    '  - to: Ministry of Foreign Affairs',
    ...(kind === 'memo' ? ['    # deadline: YYYY-MM-DD'] : []),
    '    action: Say what the institution should do.',
    '    # findings: [<finding-id>]   # the findings that support it',
  );
  return `${lines.join('\n')}\n`;
}

/** A memo's addressees: the foreign ministry of each country named (one generic for the region). */
function recipientsFor(countries: readonly CountryCode[]): { name: string; slug: string }[] {
  const states = countries.filter((c) => c !== 'CA' && c !== 'XX');
  if (states.length === 0) return [{ name: 'Ministry of Foreign Affairs', slug: 'mfa' }];
  return states.map((c) => ({ name: `Ministry of Foreign Affairs of ${countryNames(c)}`, slug: `mfa-${countryNames(c).toLowerCase()}` }));
}

/** Most findings suggested in a new spec; `brief findings list` shows them all. */
const maxSuggestions = 25;

function findingSuggestions(findings: readonly LoadedFinding[], place: string, countries: readonly CountryCode[]): string[] {
  if (findings.length === 0) return [`# No findings on ${place} yet: add them to findings/<source-key>.yaml.`];
  // Figures first (they make the strongest key-finding boxes), then the rest, each group by id.
  const ordered = [...findings].sort((a, b) => Number(!a.finding.metric) - Number(!b.finding.metric) || a.finding.id.localeCompare(b.finding.id));
  const shown = ordered.slice(0, maxSuggestions);
  const width = Math.max(...shown.map(({ finding }) => finding.id.length));
  return [
    `# ${findings.length} findings on ${place}; \`brief findings show ID\` tells more about one. Put the ids of those to feature in key_findings:`,
    ...shown.map(({ finding }) => `#   ${finding.id.padEnd(width)}  ${statement(finding).replace(/\s+/g, ' ')} (${finding.source}, ${finding.locator})`),
    ...(findings.length > shown.length ? [`#   … and ${findings.length - shown.length} more: brief findings list --country ${countries.join(',')}`] : []),
  ];
}

/** Rows for every metric findings give for at least two of the countries (else a commented example). */
function comparisonTable(findings: readonly LoadedFinding[], countries: readonly CountryCode[]): string[] {
  const countriesOf = new Map<string, Set<string>>();
  for (const { finding } of findings) {
    if (finding.metric) countriesOf.set(finding.metric.name, (countriesOf.get(finding.metric.name) ?? new Set()).add(finding.country));
  }
  const shared = [...countriesOf].filter(([, found]) => found.size >= Math.min(2, countries.length)).map(([metric]) => metric).sort();
  if (shared.length === 0) return ['# comparison:   # a table of metrics across the countries, e.g.', '#   rows:', '#     - { metric: internet-penetration, label: Internet users }'];
  return ['comparison:', '  caption: Figures the findings give for more than one of the countries.', '  rows:', ...shared.map((metric) => `    - { metric: ${metric}, label: ${JSON.stringify(sentenceCase(metric))} }`)];
}

function sentenceCase(kebab: string): string {
  const words = kebab.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Writes briefs/<id>.yaml, refusing to replace any file (the check and the creation are one step,
 * `wx`). Returns the project-relative path, or undefined when a spec of that id exists already.
 */
export async function writeNewSpec(root: string, id: string, text: string): Promise<string | undefined> {
  const folder = join(root, projectPaths.briefs);
  await mkdir(folder, { recursive: true });
  if ((await readdir(folder)).includes(`${id}.yml`)) return undefined;
  const path = join(folder, `${id}.yaml`);
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.close();
  } catch (error) {
    // Nothing half-written: a spec that could not be written whole is removed.
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  return `${projectPaths.briefs}/${id}.yaml`;
}

export const newBriefChoices = { kinds: documentKinds, countries: countryCodes, languages };
