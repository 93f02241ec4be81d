import type { LoadedFinding } from '../load/load-project.js';
import type { Library } from '../cite/load-library.js';
import { bibliographyAnchor, type BibliographyEntry } from '../cite/citation-engine.js';
import { languageTag, type CslItem } from '../cite/citation-js.js';
import type { LocaleTerms } from '../cite/locale-terms.js';
import { authorNames } from '../resolve/resolve-citations.js';
import type { Conflicts } from '../reconcile/find-conflicts.js';
import type { Finding } from '../schema/finding.js';
import { languagePack } from '../languages/index.js';
import { formatAsOf, formatFigure } from './format-figure.js';
import { escapeHtml } from '../util/html.js';

/** Whether a finding's evidence phrase (and figure) was found in its paper's text in this build. */
export type VerificationState = 'verified' | 'not-found' | 'unchecked';

/** One entry of a document's evidence list: where a figure comes from, as a referee checks it. */
export interface EvidenceEntryView {
  id: string;
  anchor: string;
  /** The figure as the document prints it. */
  what: string;
  source: EvidenceSourceView;
  /** The stated as-of year, or "reported in <year>". */
  asOf: string;
  /** The phrase quoted from the paper, and its language when the paper's is not the document's. */
  phrase: string;
  phraseLang?: string;
  verification: VerificationState;
  conflicts: { what: string; source: string; asOf?: string; href?: string }[];
}

export interface EvidenceSourceView {
  /** The original work a second-hand figure comes from, "as cited in" the source: "Faizullaev (2024), as cited in". */
  original?: string;
  /** The paper the figure was read in: "Turayeva (2023)". */
  name: string;
  href?: string;
  locator: string;
}

export interface EvidenceContext {
  lang: string;
  library: Library;
  terms: LocaleTerms;
  /** The edition's reference list: a source with an entry there is linked to it. */
  bibliography: readonly BibliographyEntry[];
  conflicts: Conflicts;
  findings: ReadonlyMap<string, LoadedFinding>;
  verification: (finding: LoadedFinding) => VerificationState;
}

/** The anchor of a finding's evidence entry (finding ids are lowercase letters, digits and hyphens). */
export const evidenceAnchor = (findingId: string) => `evidence-${findingId}`;

/** The evidence entries of the figures an edition prints (findings with a metric), in the order given. */
export function evidenceEntries(shown: readonly LoadedFinding[], context: EvidenceContext): EvidenceEntryView[] {
  const { lang, library, terms, findings } = context;
  const listed = new Set(context.bibliography.map((entry) => entry.id));
  const inList = new Set(shown.map((loaded) => loaded.finding.id));
  const reference = (key: string) => {
    const item = library.items.get(key);
    return item ? shortReference(item, terms) : key;
  };
  // A conflicting finding may state the fact without a figure (linked by `conflicts_with`): its claim, shortened.
  const what = (finding: Finding) => (finding.metric ? formatFigure(finding.metric, lang) : `“${shortened(finding.claim)}”`);
  const asOf = (finding: Finding) => (finding.metric ? formatAsOf(finding.metric, lang) : finding.date);
  const citedIn = languagePack(lang).labels.citedIn;
  return shown.map((loaded) => {
    const { finding } = loaded;
    const original = finding.primary && library.items.has(finding.primary) ? `${reference(finding.primary)}, ${citedIn}` : undefined;
    const item = library.items.get(finding.source);
    const tag = item && languageTag(item);
    return {
      id: finding.id,
      anchor: evidenceAnchor(finding.id),
      what: what(finding),
      source: {
        ...(original ? { original } : {}),
        name: reference(finding.source),
        ...(listed.has(finding.source) ? { href: `#${bibliographyAnchor(finding.source)}` } : {}),
        locator: finding.locator,
      },
      asOf: formatAsOf(finding.metric!, lang),
      phrase: finding.evidence,
      ...(tag && tag.split('-')[0] !== lang ? { phraseLang: tag } : {}),
      verification: context.verification(loaded),
      conflicts: [...(context.conflicts.opponents.get(finding.id) ?? [])].sort().flatMap((id) => {
        const other = findings.get(id)?.finding;
        if (!other) return [];
        return [{ what: what(other), source: `${reference(other.source)}, ${other.locator}`, ...(asOf(other) ? { asOf: asOf(other) } : {}), ...(inList.has(id) ? { href: `#${evidenceAnchor(id)}` } : {}) }];
      }),
    };
  });
}

function shortened(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
}

/** "Turayeva (2023)", "Bjola and Holmes (2015)", "Arapov et al. (2025)": the work's authors and year in the locale's words. */
function shortReference(item: CslItem, terms: LocaleTerms): string {
  const year = (item.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0];
  return `${authorNames(item, terms)}${year ? ` (${year})` : ''}`;
}

/**
 * Each figure of the edition's text (`<span class="figure" data-finding="…">`, as the citation stage
 * writes it) becomes a link to its evidence entry; a figure already inside a link stays as it is.
 */
export function linkFigures(html: string, listed: ReadonlySet<string>): string {
  return html.replace(/<span class="figure" data-finding="([^"]*)">([^<]*)<\/span>/g, (figure, id: string, text: string, offset: number) => {
    if (!listed.has(id) || html.lastIndexOf('<a ', offset) > html.lastIndexOf('</a>', offset)) return figure;
    return `<a class="figure" data-finding="${id}" href="#${escapeHtml(evidenceAnchor(id))}">${text}</a>`;
  });
}
