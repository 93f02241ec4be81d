import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedFinding, Project } from '../load/load-project.js';
import type { ReadFileSystem } from '../load/file-system.js';
import { findConflicts } from '../reconcile/find-conflicts.js';
import { IndependentSources } from '../reconcile/independent-sources.js';
import { statement } from '../reconcile/format-conflicts.js';
import { formatFigure } from '../render/format-figure.js';
import { type CountryCode } from '../schema/vocabulary.js';
import { languagePack } from '../languages/index.js';

/** A country's English name (the command line speaks English). */
const countryNames = (code: string): string => languagePack('en').countries[code as CountryCode] ?? code;
import { loadSources } from '../verify/load-sources.js';
import { verifyFindings } from '../verify/verify-findings.js';
import { verifyFinding } from '../verify/verification-state.js';
import type { Manifest } from '../publish/manifest.js';

export interface FindingUse {
  document: string;
  /** Where the spec uses it: `key_findings`, `sections[1].body`… */
  places: string[];
}

/** Every document whose spec uses the finding: in a list of finding ids or as `[@fact:<id>]` in its text. */
export function documentsUsing(id: string, project: Pick<Project, 'briefs'>): FindingUse[] {
  const fact = new RegExp(`@fact:${id.replace(/[-]/g, '\\-')}(?![\\w-])`);
  const uses: FindingUse[] = [];
  for (const brief of project.briefs) {
    const places: string[] = [];
    const visit = (value: unknown, path: string) => {
      if (typeof value === 'string') {
        if (value === id || fact.test(value)) places.push(path.replace(/\[\d+\]$/, '') || '(top)');
      } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) visit(v, path ? `${path}.${key}` : key);
    };
    visit(brief.spec, '');
    if (places.length > 0) uses.push({ document: brief.id, places: [...new Set(places)] });
  }
  return uses;
}

export interface ShowContext {
  project: Project;
  fs: ReadFileSystem;
  /** Folder of the papers' text files, to check the evidence (`--sources`); not checked without it. */
  sourcesDir?: string;
  /** The last build's manifest, for the built documents that contain the finding. */
  manifest?: Manifest;
}

/** `brief findings show ID`: everything about one finding, with its verification state and who uses it. */
export async function showFinding(loaded: LoadedFinding, context: ShowContext): Promise<string> {
  const { finding, source, path } = loaded;
  const { project } = context;
  const at = source.positionOf(path);
  const rows: [string, string][] = [
    ['claim', finding.claim.replace(/\s+/g, ' ').trim()],
    ['country', `${finding.country} (${countryNames(finding.country)})`],
    ['topic', finding.topic],
  ];
  if (finding.metric) {
    const { metric } = finding;
    rows.push(['value', `${metric.value}${metric.out_of ? ` of ${metric.out_of}` : ''} ${metric.unit}${metric.qualifier ? ` (${metric.qualifier})` : ''}, printed as "${formatFigure(metric, 'en')}"`]);
    rows.push(['metric', metric.name]);
    // A figure the paper gives no date for says so, with the year it was reported.
    rows.push(['as of', metric.as_of === 'unknown' ? `not stated (reported in ${metric.reported})` : metric.as_of]);
  }
  if (finding.date) rows.push(['date', finding.date]);
  rows.push(['source', `${finding.source}, ${finding.locator}${describeWork(project, finding.source)}`]);
  if (finding.primary) rows.push(['primary', `${finding.primary}${describeWork(project, finding.primary)}`]);
  rows.push(['evidence', `"${finding.evidence}"`]);
  rows.push(['verified', await verificationState(loaded, context)]);
  const conflicts = findConflicts(project.findings, new IndependentSources(project.reuses));
  const opponents = [...(conflicts.opponents.get(finding.id) ?? [])].sort();
  const byId = new Map(project.findings.map((f) => [f.finding.id, f.finding]));
  rows.push(['conflicts', opponents.length === 0 ? 'none' : opponents.map((id) => `${id} (${statement(byId.get(id)!)})`).join('\n')]);
  const uses = documentsUsing(finding.id, project);
  rows.push(['used by', uses.length === 0 ? 'no document' : uses.map((u) => `${u.document} (${u.places.join(', ')})`).join('\n')]);
  const built = [...new Set(context.manifest?.documents.filter((d) => d.findings.includes(finding.id)).map((d) => d.recipient ? `${d.id} (${d.recipient})` : d.id) ?? [])];
  if (built.length > 0) rows.push(['printed in', built.join('\n')]);
  if (finding.note) rows.push(['note', finding.note.replace(/\s+/g, ' ').trim()]);
  rows.push(['defined', `${source.file}:${at.line}:${at.column}`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const indent = ' '.repeat(width + 4);
  return [finding.id, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.split('\n').join(`\n${indent}`)}`)].join('\n');
}

function describeWork(project: Project, key: string): string {
  const item = project.library.items.get(key) as { title?: string; author?: { family?: string; literal?: string }[]; issued?: { 'date-parts'?: number[][] } } | undefined;
  if (!item) return project.library.loaded ? ' (not in references.bib)' : '';
  const authors = (item.author ?? []).map((a) => a.family ?? a.literal).filter(Boolean);
  const who = authors.length > 2 ? `${authors[0]} et al.` : authors.join(' & ');
  const year = item.issued?.['date-parts']?.[0]?.[0];
  return ` — ${[who, year ? `(${year})` : '', item.title ?? ''].filter(Boolean).join(' ')}`;
}

async function verificationState(loaded: LoadedFinding, context: ShowContext): Promise<string> {
  if (!context.sourcesDir) return 'not checked here (add --sources DIR, the folder of the papers\' text files)';
  const { sources, diagnostics } = await loadSources(context.project.root, context.sourcesDir, context.fs);
  const manifestProblems = diagnostics.filter((d) => d.severity === 'error' && d.file === 'sources.yaml');
  const { state, problems, at } = verifyFinding(loaded, sources);
  // A finding whose source sources.yaml does not list is reported as a problem by `brief verify`.
  const missing = state === 'unchecked' && !sources.keys.has(loaded.finding.source) ? verifyFindings([loaded], sources.texts, sources.keys) : [];
  const all: Diagnostic[] = [...manifestProblems, ...problems, ...missing];
  if (all.length > 0) return `no: ${all.map((d) => d.message + (d.hint ? ` (${d.hint})` : '')).join('; ')}`;
  if (state === 'unchecked' || !at) return 'not checked (sources.yaml gives no text for its source)';
  return `yes: the evidence${loaded.finding.metric ? ' and its figure are' : ' is'} in ${at.file}${at.line ? ` (line ${at.line})` : ''}`;
}
