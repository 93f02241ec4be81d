import { cslConfig, type CiteprocCitation, type CiteprocItem, type CslItem } from './citation-js.js';
import type { CslStyle } from './csl-files.js';

export type CitationMode = 'normal' | 'in-text' | 'suppress-author';

export interface CitationCluster {
  id: string;
  mode: CitationMode;
  items: CiteprocItem[];
}

export interface BibliographyEntry {
  id: string;
  html: string;
}

export interface RenderedCitations {
  /** Formatted HTML of each cluster, by cluster id. */
  citations: Map<string, string>;
  bibliography: BibliographyEntry[];
}

export interface PreparedStyle {
  style: CslStyle;
  locale: string;
}

/** Registers a style and locale (already read from disk) with citation-js, once per process. */
export function registerStyle(style: CslStyle, locale: { code: string; xml: string }, fallbackLocale: { code: string; xml: string }): PreparedStyle {
  if (!cslConfig.templates.has(style.name)) cslConfig.templates.add(style.name, style.xml);
  for (const l of [fallbackLocale, locale]) if (!cslConfig.locales.has(l.code)) cslConfig.locales.add(l.code, l.xml);
  return { style, locale: locale.code };
}

export const bibliographyAnchor = (id: string) => `ref-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * Runs every citation of one document, in order, and its bibliography through one citeproc engine,
 * so numbering, subsequent-cite forms and year suffixes agree between text and bibliography.
 * Citing each cluster from a fresh engine state is the citation-js trap this avoids.
 */
export function renderCitations(
  prepared: PreparedStyle,
  items: readonly CslItem[],
  clusters: readonly CitationCluster[],
  nocite: readonly string[],
): RenderedCitations {
  if (!cslConfig.templates.has(prepared.style.name) || !cslConfig.locales.has(prepared.locale)) {
    throw new Error(`Style ${prepared.style.name} or locale ${prepared.locale} was not registered`);
  }
  const engine = cslConfig.engine([...items], prepared.style.name, prepared.locale, 'html');
  // citeproc-js's per-item citation wrapper drops the layout's affixes, so links wrap whole clusters.
  engine.opt.development_extensions.apply_citation_wrapper = false;

  const citations: CiteprocCitation[] = clusters.map((cluster) => ({
    citationID: cluster.id,
    citationItems: cluster.items.map((item) => ({ ...item })),
    properties: {
      noteIndex: 0,
      ...(cluster.mode === 'in-text' ? { mode: 'composite' as const } : {}),
      ...(cluster.mode === 'suppress-author' ? { mode: 'suppress-author' as const } : {}),
      ...((cluster.mode as string) === 'author-only' ? { mode: 'author-only' as const } : {}),
    },
  }));
  const results = engine.rebuildProcessorState(citations, 'html', [...nocite]);
  const rendered = new Map<string, string>();
  for (const [id, , text] of results) rendered.set(id, text);

  const bibliography: BibliographyEntry[] = [];
  const made = engine.makeBibliography();
  if (made) {
    const [params, entries] = made;
    entries.forEach((html, index) => {
      const id = params.entry_ids[index]![0]!;
      bibliography.push({ id, html: html.trim().replace(/^<div class="csl-entry">/, `<div class="csl-entry" id="${bibliographyAnchor(id)}">`) });
    });
  }
  return { citations: rendered, bibliography };
}
