import { createCiteprocEngine, itemForDocument, languageTag, type CiteprocCitation, type CiteprocEngine, type CiteprocItem, type CslItem } from './citation-js.js';
import type { CslStyle } from './csl-files.js';
import { readLocaleTerms, type LocaleTerms } from './locale-terms.js';
import { escapeHtml } from '../util/html.js';
import { unsafeDoi, unsafeReferenceUrl } from '../policy/resource-policy.js';
import { gostEntry, sortGostList } from './gost-entries.js';
import { joinCitedIn } from './cited-in.js';
import { itemRules, noYearInCitation, othersAsEtAl, prepareItem, type ItemRules } from './prepare-items.js';

export type CitationMode = 'normal' | 'in-text' | 'suppress-author';

export interface CitationCluster {
  id: string;
  mode: CitationMode;
  items: CiteprocItem[];
  /** Cites in the written order (a narrative citation printed as names before a numeric cluster). */
  keepOrder?: boolean;
  /** In a note style, the note the cluster is in, when not its own position (an analyst's footnote counts too). */
  noteIndex?: number;
}

export interface BibliographyEntry {
  id: string;
  html: string;
}

export interface RenderedCitations {
  /** HTML of each cluster, by cluster id, each cited work linked to its bibliography entry (in a note style: the note's text). */
  citations: Map<string, string>;
  /** A note style (`class="note"`): each cluster is a note, numbered in document order. */
  notes: boolean;
  bibliography: BibliographyEntry[];
}

/** Everything citeproc needs for one document; plain data, so a worker thread can render it. */
export interface CitationRequest {
  style: PreparedStyle;
  items: readonly CslItem[];
  clusters: readonly CitationCluster[];
  nocite: readonly string[];
}

export interface PreparedStyle {
  style: CslStyle;
  /** CSL locale code of the document (`ru-RU`). */
  locale: string;
  /** Locale files by code: the document's and the `en-US` fallback. */
  locales: ReadonlyMap<string, string>;
  /** Locator labels, "and" and "et al." of the document's locale. */
  terms: LocaleTerms;
  /** How items are adapted to the style (prepare-items.ts). */
  rules: ItemRules;
  /** The style's citations can print differently by where a cite falls (a note style, `position` conditions: "Ibid.", short forms). */
  positional: boolean;
}

/**
 * Prepares a style and locale (already read from disk) for the documents that use them. Nothing is
 * registered globally: every document gets an engine of its own (see `renderCitations`).
 */
export function registerStyle(style: CslStyle, locale: { code: string; xml: string }, fallbackLocale: { code: string; xml: string }): PreparedStyle {
  return {
    style,
    locale: locale.code,
    locales: new Map([
      [fallbackLocale.code, fallbackLocale.xml],
      [locale.code, locale.xml],
    ]),
    terms: readLocaleTerms(locale.xml),
    rules: itemRules(style),
    positional: /<style\b[^>]*\bclass="note"/.test(style.xml) || /\bposition="/.test(style.xml),
  };
}

export const bibliographyAnchor = (id: string) => `ref-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

// Private-use characters that mark where citeproc put each cited work inside a cluster.
const open = '\uE000';
const middle = '\uE001';
const close = '\uE002';
const infix = '\uE003';
const markers = /[\uE000-\uE003]/;

/**
 * An in-text citation is citeproc's author-only rendering, the infix, then the suppress-author one.
 * The author part keeps affixes meant for the parenthetical form (GOST's "Cull и др.,"): drop its
 * closing punctuation, as pandoc does ("Cull и др. [2020]").
 */
function joinInText(text: string): string {
  const at = text.indexOf(infix);
  if (at < 0) return text;
  const author = text.slice(0, at).replace(/[\s,;:]+((?:<\/[a-z]+>)*)\s*$/, '$1');
  const rest = text.slice(at + infix.length).trim();
  return author && rest ? `${author} ${rest}` : author || rest;
}

/**
 * Runs every citation of one document, in order, and its bibliography through one citeproc engine
 * made for this document alone, so numbering, subsequent-cite forms and year suffixes agree between
 * text and bibliography, and nothing carries over from another document. (Citing each cluster from a
 * fresh state, or reusing citation-js's per-style engine, is the trap this avoids.)
 */
export function renderCitations(
  prepared: PreparedStyle,
  items: readonly CslItem[],
  documentClusters: readonly CitationCluster[],
  nocite: readonly string[],
): RenderedCitations {
  const { style, terms } = prepared;
  const all = documentClusters
    .map(mergeRepeatedWorks)
    .map((c) => (!style.printsLocators ? withoutLocators(c) : style.labelsLocators ? c : labelledAsText(c, terms)));
  const { clusters, sameAs } = prepared.positional ? { clusters: all, sameAs: new Map<string, string>() } : distinctClusters(all);
  const byId = new Map(items.map((item) => [String(item.id), prepareItem(itemForDocument(item, prepared.locale), prepared.rules)]));
  for (const item of [...clusters.flatMap((c) => c.items), ...nocite.map((id) => ({ id }))]) {
    if (!byId.has(item.id)) throw new Error(`No bibliography item "${item.id}"`);
  }
  const precedesEtAl = /delimiter-precedes-et-al="always"/.test(style.xml);
  // "et al." takes the names' delimiter only in a bibliography whose style asks for it (MLA); in citations no style does.
  const forReaders = (html: string, inBibliography = false) =>
    joinCitedIn(othersAsEtAl(withoutPlaceholders(html), terms.etAl, terms.and, inBibliography && precedesEtAl));
  // In a note style every cluster is a note of its own, numbered in document order, so citeproc can
  // choose "Ibid." and short forms by the note a work was last cited in.
  const notes = prepared.rules.note;
  const toCiteproc = (cluster: CitationCluster, index: number) => citeprocCitation(cluster, notes ? (cluster.noteIndex ?? index + 1) : 0);
  const citations = clusters.map(toCiteproc);
  const engine = engineFor(prepared, byId);
  const results = engine.rebuildProcessorState(citations, 'html', [...nocite]);
  // citeproc moves a comma or full stop into closing quotes (American usage, the locale's
  // punctuation-in-quote) but not one from a cite's suffix ("States”, sec. Results").
  const quotePunctuation = /punctuation-in-quote="true"/.test(prepared.locales.get(prepared.locale) ?? '');
  const inQuotes = (html: string) => (quotePunctuation ? html.replace(/”([,.])/g, '$1”') : html);
  const plain = new Map(results.map(([id, , text]) => [id, inQuotes(joinInText(noYearInCitation(forReaders(text))))]));

  const bibliography: BibliographyEntry[] = [];
  const made = engine.makeBibliography();
  if (made) {
    const [params, entries] = made;
    entries.forEach((html, index) => {
      const id = params.entry_ids[index]![0]!;
      // A work in another language than the document's is marked as such, for screen readers and hyphenation.
      const tag = languageTag(byId.get(id)!);
      const lang = tag && primaryLanguage(tag) !== primaryLanguage(prepared.locale) ? ` lang="${escapeHtml(tag)}"` : '';
      const text = forReaders(html, true).trim();
      bibliography.push({ id, html: (prepared.rules.gost ? gostEntry(text, byId.get(id)!) : text).replace(/^<div class="csl-entry">/, `<div class="csl-entry" id="${bibliographyAnchor(id)}"${lang}>`) });
    });
  }

  if (prepared.rules.gost && !style.numeric) {
    sortGostList(bibliography, prepared.locale, (id) => Array.isArray(byId.get(id)?.author) && (byId.get(id)!.author as unknown[]).length > 0);
  }

  // citeproc can wrap each cite of a cluster (its citation wrapper), but then drops the layout's
  // prefix, suffix and delimiters around them. So each cluster of several works is rendered again,
  // wrapped, by the same engine (its items numbered and disambiguated already), and spliced into the
  // plain one when they agree once markers are removed; where they do not, the whole cluster links to
  // its first work. In-text clusters of several works need the citation modes only a full run gives.
  const wrapped = new Map<string, string>();
  const several = clusters.filter((c) => c.items.length > 1);
  if (several.some((c) => c.mode === 'in-text')) {
    const wrapping = engineFor(prepared, byId, true);
    // Fresh citation objects: citeproc writes its state into the ones it is given.
    for (const [id, , text] of wrapping.rebuildProcessorState(clusters.map(toCiteproc), 'html', [...nocite])) wrapped.set(id, inQuotes(noYearInCitation(forReaders(text))));
  } else if (several.length > 0) {
    engine.opt.development_extensions.apply_citation_wrapper = true;
    try {
      for (const cluster of several) {
        const suppressAuthor = cluster.mode === 'suppress-author' ? { 'suppress-author': true } : {};
        wrapped.set(cluster.id, inQuotes(noYearInCitation(forReaders(engine.makeCitationCluster(cluster.items.map((item) => ({ ...item, ...suppressAuthor })))))));
      }
    } finally {
      engine.opt.development_extensions.apply_citation_wrapper = false;
    }
  }

  // citeproc loses the item of a cite it renders as a bare citation number (a cite that could join a
  // range such as [1]–[3]); in a numeric style the number is the position in the bibliography.
  const byNumber = (n: string) => (prepared.style.numeric ? bibliography[Number(n) - 1]?.id : undefined);

  const rendered = new Map<string, string>();
  for (const cluster of clusters) {
    const text = plain.get(cluster.id) ?? '';
    rendered.set(cluster.id, text === '' ? '' : (linkCites(text, wrapped.get(cluster.id), cluster, byNumber, prepared.style.numeric) ?? link(cluster.items[0]!.id, text)));
  }
  for (const [id, first] of sameAs) rendered.set(id, rendered.get(first)!);

  return { citations: rendered, bibliography, notes };
}

/**
 * Each distinct cluster once, in the order first cited, and of every repeat the cluster it repeats.
 * In a style whose citations do not depend on where a cite falls, a repeated cluster prints as its
 * first one did: numbers and year suffixes follow the order of first citations, and the set of cited
 * works (which disambiguation looks at) is the same, so citeproc need not render it again.
 */
function distinctClusters(all: readonly CitationCluster[]): { clusters: CitationCluster[]; sameAs: Map<string, string> } {
  const firstBySignature = new Map<string, string>();
  const clusters: CitationCluster[] = [];
  const sameAs = new Map<string, string>();
  for (const cluster of all) {
    const signature = JSON.stringify([cluster.mode, cluster.keepOrder ?? false, cluster.items]);
    const first = firstBySignature.get(signature);
    if (first === undefined) firstBySignature.set(signature, cluster.id), clusters.push(cluster);
    else sameAs.set(cluster.id, first);
  }
  return { clusters, sameAs };
}

/**
 * For a style that takes every locator for a page (GOST prints ", с. " before any): a locator of
 * another kind goes into the cite's suffix with the locale's label, so a section reads ", разд.
 * Results" rather than ", с. Results".
 */
function labelledAsText(cluster: CitationCluster, terms: LocaleTerms): CitationCluster {
  return {
    ...cluster,
    items: cluster.items.map((item) => {
      if (!item.locator || !item.label || item.label === 'page') return item;
      const label = terms.locatorLabels.get(item.label);
      const text = label ? (/[-–,&]/.test(item.locator) ? label.multiple : label.single) : item.label;
      const { locator, label: _, ...rest } = item;
      return { ...rest, suffix: `, ${text} ${locator}${item.suffix ?? ''}` };
    }),
  };
}

/**
 * citeproc's own markers for a cite or entry it could not print (`[NO_PRINTED_FORM]`: MLA with the
 * author suppressed and no page; `[CSL STYLE ERROR: …]`) are for its developers: a reader gets nothing
 * in their place, as the style intends when it has nothing to print.
 */
export function withoutPlaceholders(html: string): string {
  return html.replace(/\[NO_PRINTED_FORM\]|(?:\d+\. )?\[CSL STYLE ERROR: [^\]]*\]/g, '');
}

/**
 * One work cited twice in a row in one cluster (`[@a, sec. X; @a, sec. Y]`) is one cite with both
 * locators, as a style prints a work once per cluster: "secs. X, Y" under one label, else the second
 * locator with its own label after the first.
 */
function mergeRepeatedWorks(cluster: CitationCluster): CitationCluster {
  const items: CiteprocItem[] = [];
  for (const item of cluster.items) {
    const last = items[items.length - 1];
    if (!last || last.id !== item.id || item.prefix || item['suppress-author'] !== last['suppress-author']) {
      items.push({ ...item });
      continue;
    }
    if (item.locator === undefined || last.suffix) {
      // Free text (a section by name: "sec. Results") follows the first cite's, comma-separated.
      const more = [item.locator === undefined ? '' : `${item.label && item.label !== 'page' ? `${item.label} ` : ''}${item.locator}`, item.suffix ?? '']
        .join('')
        .replace(/^[\s,;]+/, '');
      if (more && !(last.suffix ?? '').replace(/^[\s,;]+/, '').split(/,\s*/).includes(more)) last.suffix = `${last.suffix ?? ''}, ${more}`;
      continue;
    }
    if (last.locator === undefined) {
      Object.assign(last, { locator: item.locator, label: item.label, ...(item.suffix ? { suffix: item.suffix } : {}) });
    } else if ((last.label ?? 'page') === (item.label ?? 'page')) {
      if (!last.locator.split(/,\s*/).includes(item.locator)) last.locator = `${last.locator}, ${item.locator}`;
      if (item.suffix) last.suffix = item.suffix;
    } else {
      // Different kinds (a page and a section): the second reads as text after the first.
      last.suffix = `, ${item.label && item.label !== 'page' ? `${item.label} ` : ''}${item.locator}${item.suffix ?? ''}`;
    }
  }
  return items.length === cluster.items.length ? cluster : { ...cluster, items };
}

/** A style that prints no locator in its citations (Vancouver, Nature) prints none of any kind, pages or sections. */
function withoutLocators(cluster: CitationCluster): CitationCluster {
  return { ...cluster, items: cluster.items.map(({ locator: _, label: __, ...item }) => item) };
}

const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** `renderCitations` for one document's request (in this thread or a worker). */
export const renderRequest = ({ style, items, clusters, nocite }: CitationRequest): RenderedCitations => renderCitations(style, items, clusters, nocite);

interface CachedEngine {
  engine: CiteprocEngine;
  /** The items of the document being rendered, read by the engine's `retrieveItem`. */
  items: ReadonlyMap<string, CslItem>;
}

// Compiling a style takes citeproc up to a second (APA), so each engine is kept for the next document,
// keyed by style and locale, and reset before every use (the most recent few are kept).
const engines = new Map<string, CachedEngine>();
const maxEngines = 16;

/**
 * Compiles the engine for a style and locale ahead of the first document that needs it. A style
 * citeproc cannot compile is reported where the documents use it, not here.
 */
export function compileCitationEngine(prepared: PreparedStyle): void {
  try {
    engineFor(prepared, new Map());
  } catch {
    // Reported by renderCitations.
  }
}

/** Drops the compiled engines (their memory; tests compare a reused engine with a new one). */
export function clearCitationEngines(): void {
  engines.clear();
}

/**
 * An engine for one document: compiled once per style and locale, and reset to citeproc's empty state
 * (new registry of items, citations, numbers and year suffixes; new disambiguation and scratch state)
 * before it renders, so nothing carries over from the previous document.
 */
function engineFor(prepared: PreparedStyle, items: ReadonlyMap<string, CslItem>, wrapping = false): CiteprocEngine {
  const key = [prepared.style.xml, prepared.locale, ...prepared.locales.values()].join('\u0000');
  let cached = engines.get(key);
  if (cached) {
    engines.delete(key);
  } else {
    const holder: CachedEngine = { engine: undefined as unknown as CiteprocEngine, items };
    holder.engine = createCiteprocEngine(
      {
        // citeproc wraps only items that carry a `system_id` (as Zotero's do), and only while
        // `apply_citation_wrapper` is on.
        // A DOI or URL that could end its link's attribute never reaches the HTML (`bib check` and
        // the build report it).
        retrieveItem: (id) => withSafeLinks({ ...holder.items.get(id)!, system_id: id }),
        // An empty object is an empty locale to citeproc (as in citation-js): it falls back to en-US.
        // citeproc asks in its own case for a code with a script ("uz-LATN-UZ" for uz-Latn-UZ).
        retrieveLocale: (code) => prepared.locales.get(code) ?? [...prepared.locales].find(([name]) => name.toLowerCase() === code.toLowerCase())?.[1] ?? {},
        wrapCitationEntry: (text: string, id: string) => `${open}${id}${middle}${text}${close}`,
      },
      prepared.style.xml,
      prepared.locale,
    );
    // Links to URLs and DOIs in the bibliography.
    holder.engine.opt.development_extensions.wrap_url_and_doi = true;
    cached = holder;
  }
  engines.set(key, cached);
  if (engines.size > maxEngines) engines.delete(engines.keys().next().value!);
  // The reset still looks up the previous document's works: give it the new ones only after.
  cached.engine.restoreProcessorState([]);
  cached.items = items;
  // The wrapper is read while citations render, so one compiled engine serves both renderings.
  cached.engine.opt.development_extensions.apply_citation_wrapper = wrapping;
  return cached.engine;
}

function withSafeLinks(item: CslItem): CslItem {
  if (typeof item.DOI === 'string' && unsafeDoi(item.DOI)) delete item.DOI;
  if (typeof item.URL === 'string' && unsafeReferenceUrl(item.URL)) delete item.URL;
  return item;
}

function citeprocCitation(cluster: CitationCluster, noteIndex: number): CiteprocCitation {
  return {
    citationID: cluster.id,
    citationItems: cluster.items.map((item) => ({ ...item })),
    properties: {
      noteIndex,
      // The narrative work stays first, and each prefix with its own work: citeproc must not sort the cluster.
      ...(cluster.mode === 'in-text' ? { mode: 'composite' as const, infix } : {}),
      ...((cluster.mode === 'in-text' || cluster.keepOrder) && cluster.items.length > 1 ? { unsorted: true } : {}),
      ...(cluster.mode === 'suppress-author' ? { mode: 'suppress-author' as const } : {}),
    },
  };
}

const link = (id: string, html: string) => `<a href="#${escapeHtml(bibliographyAnchor(id))}">${html}</a>`;

/** The plain cluster with each cite linked, or undefined when the wrapped rendering does not fit it. */
function linkCites(
  plain: string,
  wrapped: string | undefined,
  cluster: CitationCluster,
  byNumber: (n: string) => string | undefined,
  numeric: boolean,
): string | undefined {
  if (wrapped === undefined || markers.test(plain)) return undefined;
  const ids = new Set(cluster.items.map((item) => item.id));
  const cites = /\uE000([^\uE001]*)\uE001([^\uE000-\uE002]*)\uE002/g;
  const linked: string[] = [];
  let unknown = false;
  const html = wrapped.replace(cites, (_, id: string, text: string) => {
    const item = ids.has(id) ? id : /^\d+$/.test(text) ? byNumber(text) : undefined;
    if (item === undefined || !ids.has(item)) unknown = true;
    else linked.push(item);
    return link(item ?? '', text);
  });
  if (unknown || markers.test(html) || linked.length === 0) return undefined;
  // Every work must have its link, except those a numeric range hides ([2] inside [1]–[3]).
  if (!numeric && cluster.items.some((item) => !linked.includes(item.id))) return undefined;
  const bare = wrapped.replace(cites, '$2');
  const at = plain.indexOf(bare);
  if (at < 0 || plain.indexOf(bare, at + 1) >= 0) return undefined;
  return plain.slice(0, at) + html + plain.slice(at + bare.length);
}
