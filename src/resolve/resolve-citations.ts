import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedFinding } from '../load/load-project.js';
import type { Library } from '../cite/load-library.js';
import { parseSuffix } from '../cite/parse-locator.js';
import { bibliographyAnchor, type BibliographyEntry, type CitationCluster, type CitationRequest, type PreparedStyle, type RenderedCitations } from '../cite/citation-engine.js';
import { itemForDocument, type CiteprocItem, type CslItem } from '../cite/citation-js.js';
import type { LocaleTerms } from '../cite/locale-terms.js';
import { stringify, transform, type PandocCitation, type PandocNode } from '../markdown/pandoc-ast.js';
import { citationMarkerPattern } from '../markdown/convert-fragments.js';
import { formatFigure } from '../render/format-figure.js';
import { escapeHtml } from '../util/html.js';
import { citedInMark, isCitedInPrefix } from '../cite/cited-in.js';
import { label } from '../render/labels.js';
import { deferredCitation, placeFigureCitations, type FigureCitationPlacement } from './place-figure-citations.js';
import { unknownFinding, unknownKey } from '../validate/validate-references.js';
import { findingLocator, type PlannedFragment } from './plan-fragments.js';

export const factPrefix = 'fact:';

/** A note of a note style: its number and its text (citeproc's HTML). */
export interface CitationNote {
  number: number;
  html: string;
}

export interface ResolvedCitations {
  /** Each fragment's HTML, with its citations in place. */
  html: Map<string, string>;
  bibliography: BibliographyEntry[];
  /** The document's notes, in a note style (empty otherwise). */
  notes: CitationNote[];
  citedKeys: string[];
  usedFindings: string[];
  diagnostics: Diagnostic[];
}

export interface PendingCite {
  cluster: CitationCluster;
  /** The fragment the cluster is in, and the number of the marker that stands for it in the fragment's HTML (convert-fragments.ts). */
  fragment: string;
  marker: number;
  /** Figure text to print before the citation, for [@fact:…] references. */
  figure?: { findingId: string; text: string };
  inTextNames?: string;
  /** In a note style: the number of the note the cluster is in (its own, or the footnote it is cited in). */
  note?: number;
  /** Cited inside an analyst's footnote (`^[…]`): printed there, in the footnote's text. */
  inFootnote?: boolean;
}

/** An analyst's footnote (`^[…]`) in a note style: the fragment it is in, pandoc's number for it there, and its note number. */
export interface FootnotePlace {
  fragment: string;
  index: number;
  number: number;
}

/** A document's citations, read from its pandoc AST and checked, waiting for citeproc. */
export interface CollectedCitations {
  /** What citeproc renders: one engine, every cluster in order, then the bibliography. */
  request: CitationRequest;
  fragments: readonly PlannedFragment[];
  /** The clusters in document order. */
  pending: PendingCite[];
  /** In a note style, the analyst's footnotes, numbered among the citations' notes. */
  footnotes: FootnotePlace[];
  figureCitations: FigureCitationPlacement;
  citedKeys: string[];
  /** Works cited only as the original of a secondary citation, which the style leaves out of its list. */
  unlisted: string[];
  usedFindings: string[];
  diagnostics: Diagnostic[];
}

/**
 * Reads every pandoc Cite node of a document: figure references become the finding's value plus a
 * citation of its source; every cluster, in order, joins one request to citeproc (`renderRequest`, in
 * this thread or a worker: render-citation-batch.ts), whose result `applyCitations` puts in place of the
 * cluster's marker in the HTML pandoc wrote.
 */
export function collectCitations(input: {
  fragments: readonly PlannedFragment[];
  parsed: ReadonlyMap<string, PandocNode[]>;
  findings: ReadonlyMap<string, LoadedFinding>;
  library: Library;
  style: PreparedStyle;
  lang: string;
  nocite: readonly string[];
  /** Where a figure's citation goes (the spec's `figure_citations`). */
  figureCitations?: FigureCitationPlacement;
}): CollectedCitations {
  const { fragments, parsed, findings, library, style, lang } = input;
  const diagnostics: Diagnostic[] = [];
  const pending: PendingCite[] = [];
  const usedFindings = new Set<string>();

  // The language's words for "as cited in", looked up only for a document that needs them.
  let citedInPhrase: string | undefined;
  const citedIn = () => (citedInPhrase ??= `${citedInMark}${label(lang, 'citedIn')} `);
  // In a note style every note is numbered in reading order, the analyst's footnotes (^[…]) among the
  // citations' notes, as pandoc --citeproc numbers them; a citation inside a footnote is printed in
  // it and tells citeproc the footnote's number.
  const noteStyle = style.rules.note;
  const footnotes: FootnotePlace[] = [];
  let notesSoFar = 0;
  for (const fragment of fragments) {
    const blocks = parsed.get(fragment.key) ?? [];
    const seen = new Map<string, number>();
    const locate = (key: string) => {
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return locateKey(fragment, key, occurrence);
    };
    let footnotesInFragment = 0;
    let inFootnote: number | undefined;
    const visit = (node: PandocNode): PandocNode | undefined => {
      if (node.t === 'Note' && noteStyle) {
        inFootnote = ++notesSoFar;
        footnotes.push({ fragment: fragment.key, index: ++footnotesInFragment, number: inFootnote });
        transform(node.c, visit);
        inFootnote = undefined;
        // Its contents are visited.
        return node;
      }
      if (node.t !== 'Cite') return undefined;
      const [citations] = node.c as [PandocCitation[], PandocNode[]];
      let ok = true;
      const items: CiteprocItem[] = [];
      let figure: PendingCite['figure'];
      for (const citation of citations) {
        const key = citation.citationId;
        const at = locate(key);
        if (key.startsWith(factPrefix)) {
          const findingId = key.slice(factPrefix.length);
          const loaded = findings.get(findingId);
          if (citations.length > 1 || citation.citationMode.t !== 'NormalCitation') {
            diagnostics.push(
              diagnostic('unsupported-fact-citation', {
                file: at.file,
                line: at.line,
                column: at.column,
                message: `Figure reference "@${key}" must stand alone as [@${key}]`,
              }),
            );
            ok = false;
          } else if (!loaded) {
            diagnostics.push(unknownFinding(findingId, at.file, at, findings.keys()));
            ok = false;
          } else if (!loaded.finding.metric) {
            diagnostics.push(
              diagnostic('finding-without-metric', {
                file: at.file,
                line: at.line,
                column: at.column,
                message: `Finding "${findingId}" has no metric to insert as a figure`,
              }),
            );
            ok = false;
          } else {
            usedFindings.add(findingId);
            const { finding } = loaded;
            figure = { findingId, text: formatFigure(finding.metric!, lang) };
            const cite: CiteprocItem = { id: finding.source, ...parseSuffix(`, ${findingLocator(finding)}`, style.terms.locators) };
            // A fact the paper reports from another work is cited to both: "(Faizullaev, 2024, as cited in Arapov, 2025)".
            if (finding.primary && library.items.has(finding.primary)) items.push({ id: finding.primary }, { ...cite, prefix: citedIn() });
            else items.push(cite);
          }
          continue;
        }
        if (!library.items.has(key)) {
          diagnostics.push(unknownKey(key, at.file, at, library.items.keys()));
          ok = false;
          continue;
        }
        const prefix = stringify(citation.citationPrefix).trim();
        items.push({
          id: key,
          ...(prefix && items.length > 0 && isCitedInPrefix(prefix) ? { prefix: citedIn() } : prefix ? { prefix: `${prefix} ` } : {}),
          ...parseSuffix(stringify(citation.citationSuffix), style.terms.locators),
          // `[-@key]`, also inside a cluster: `[@a; -@b]`.
          ...(citation.citationMode.t === 'SuppressAuthor' ? { 'suppress-author': true } : {}),
        });
      }
      if (!ok) return undefined;
      const mode = citations[0]!.citationMode.t;
      const cluster: CitationCluster = {
        id: `c${pending.length}`,
        // Pandoc puts an in-text citation (`@key`, `@key [p. 3]`) in a cluster of its own.
        mode: mode === 'AuthorInText' ? 'in-text' : 'normal',
        items,
      };
      // The original work stays before the one it is cited in: citeproc must not sort them apart.
      if (items.some((item) => item.prefix?.startsWith(citedInMark))) cluster.keepOrder = true;
      const entry: PendingCite = { cluster, fragment: fragment.key, marker: citations[0]!.citationHash, figure };
      // Numeric styles have no author-date form for in-text citations: print the names, then the number.
      // In a note style the names stay in the sentence and the note cites the work without them.
      if (cluster.mode === 'in-text' && (style.style.numeric || style.rules.note)) {
        entry.inTextNames = authorNames(library.items.get(items[0]!.id)!, style.terms);
        cluster.mode = 'normal';
        cluster.keepOrder = true;
        if (style.rules.note) items[0] = { ...items[0]!, 'suppress-author': true };
      }
      if (noteStyle) {
        entry.note = inFootnote ?? ++notesSoFar;
        cluster.noteIndex = entry.note;
        if (inFootnote !== undefined) entry.inFootnote = true;
      }
      pending.push(entry);
      return undefined;
    };
    transform(blocks, visit);
  }

  const nocite = input.nocite.includes('*') ? [...library.items.keys()] : [...input.nocite];
  // Works the document lists: those cited in the text, then those named in `nocite`.
  const allKeys = [...new Set([...pending.flatMap((p) => p.cluster.items.map((i) => i.id)), ...nocite])];
  // Most styles list only the work that was read, not an original cited "as cited in" it (APA 7
  // §8.6, Harvard, MLA); note styles, and styles that number their lists, keep both.
  const listsOriginals = style.rules.note || /variable="citation-number"/.test(style.style.xml);
  const originalsOnly = new Set<string>();
  if (!listsOriginals) {
    const read = new Set(nocite);
    for (const { cluster } of pending) {
      cluster.items.forEach((item, i) => {
        if (cluster.items[i + 1]?.prefix?.startsWith(citedInMark)) originalsOnly.add(item.id);
        else read.add(item.id);
      });
    }
    for (const key of read) originalsOnly.delete(key);
  }
  const citedKeys = allKeys.filter((key) => !originalsOnly.has(key));
  // Only the works cited, as this document's language cites them (they may travel to a worker thread).
  const items = allKeys.flatMap((key) => {
    const item = library.items.get(key);
    return item ? [itemForDocument(item, style.locale)] : [];
  });
  return {
    request: { style, items, clusters: pending.map((p) => p.cluster), nocite },
    fragments,
    pending,
    footnotes,
    figureCitations: input.figureCitations ?? 'sentence',
    citedKeys,
    unlisted: [...originalsOnly],
    usedFindings: [...usedFindings],
    diagnostics,
  };
}

/** The document's fragments as HTML, each citation marker replaced by citeproc's HTML, and its bibliography. */
export function applyCitations(collected: CollectedCitations, rendered: RenderedCitations, markedHtml: ReadonlyMap<string, string>): ResolvedCitations {
  const { fragments, pending } = collected;
  const byMarker = new Map(pending.map((entry) => [`${entry.fragment}\u0000${entry.marker}`, entry]));
  // In a note style the clusters are the notes, numbered in reading order (as citeproc was told),
  // but those cited inside a footnote, which are printed in it.
  const notes: CitationNote[] = rendered.notes
    ? pending.filter((entry) => !entry.inFootnote).map((entry) => ({ number: entry.note!, html: rendered.citations.get(entry.cluster.id) ?? '' }))
    : [];
  const html = new Map<string, string>();
  for (const { key } of fragments) {
    const marked = markedHtml.get(key);
    if (marked === undefined) continue;
    // A figure's citation waits for its place (place-figure-citations.ts).
    const deferred = new Map<number, string>();
    const cited = marked.replace(markerWithSpace, (_, space: string, marker: string, punctuation: string) => {
        const entry = byMarker.get(`${key}\u0000${marker}`);
        // Every Cite of a document that gets this far is a cluster of its own.
        if (!entry) throw new Error(`Citation marker ${marker} in "${key}" has no citation`);
        if (rendered.notes && !entry.inFootnote) return noteReference(entry, entry.note!, space, punctuation);
        const formatted = entry.inFootnote ? inParentheses(rendered.citations.get(entry.cluster.id) ?? '') : (rendered.citations.get(entry.cluster.id) ?? '');
        if (entry.figure && collected.figureCitations !== 'figure') {
          deferred.set(Number(marker), formatted === '' ? '' : citationHtml({ ...entry, figure: undefined }, formatted));
          return `${space}${figureHtml(entry.figure)}${deferredCitation(Number(marker))}${punctuation}`;
        }
        // A superscript citation sits on the word before it ("work¹"); one the style prints nothing for leaves no gap.
        const attached = !entry.figure && !entry.inTextNames && (formatted === '' || /^(?:<a [^>]*>)?<sup>/.test(formatted));
        return (attached ? '' : space) + (formatted === '' && !entry.figure && !entry.inTextNames ? '' : citationHtml(entry, formatted)) + punctuation;
      },
    );
    const delimiter = collected.request.style.style.numeric ? undefined : '; ';
    const placed = deferred.size > 0 ? placeFigureCitations(cited, deferred, collected.figureCitations, delimiter) : cited;
    const footnotes = rendered.notes ? collected.footnotes.filter((f) => f.fragment === key) : [];
    html.set(key, footnotes.length > 0 ? footnotesAsNotes(placed, footnotes, notes) : placed);
  }
  notes.sort((a, b) => a.number - b.number);
  if (collected.unlisted.length > 0) {
    // An unlisted original has no entry to link to: its name is plain text.
    const unlisted = new Set(collected.unlisted.map((id) => `#${bibliographyAnchor(id)}`));
    for (const [key, fragment] of html) html.set(key, fragment.replace(/<a href="([^"]*)">((?:(?!<\/?a\b)[\s\S])*)<\/a>/g, (link, href: string, text: string) => (unlisted.has(href) ? text : link)));
  }
  const bibliography = rendered.bibliography.filter((entry) => !collected.unlisted.includes(entry.id));
  return { html, bibliography, notes, citedKeys: collected.citedKeys, usedFindings: collected.usedFindings, diagnostics: collected.diagnostics };
}

const markerWithSpace = new RegExp(`(\\s*)${citationMarkerPattern.source}([.,;:!?]?)`, 'g');

/**
 * A note style's citation in the text: a note number linking to its note (which links back), after
 * the punctuation that follows the citation, as notes are placed ("… one work.¹"); a narrative
 * citation keeps the author's names in the sentence ("Faizullaev¹ argues") and a figure its value.
 */
function noteReference(entry: PendingCite, number: number, space: string, punctuation: string): string {
  const keys = entry.cluster.items.map((i) => i.id);
  const reference = noteMark(number, ` data-cites="${escapeHtml(keys.join(' '))}"`);
  const figure = entry.figure ? `${space}${figureHtml(entry.figure)}` : '';
  const narrative = entry.inTextNames ? `${space}${escapeHtml(entry.inTextNames)}` : '';
  return `${figure}${narrative}${punctuation}${reference}`;
}

/**
 * A note style's citation inside an analyst's footnote stands in the footnote's sentence: in
 * parentheses, without the full stop that ends a note, as pandoc --citeproc prints it.
 */
function inParentheses(note: string): string {
  if (note === '') return note;
  return `(${note.replace(/\.((?:<\/[a-z]+>)*)$/, '$1')})`;
}

const noteMark = (number: number, attributes = '') =>
  `<a class="note-ref" id="note-ref-${number}" href="#note-${number}" role="doc-noteref"${attributes}><sup>${number}</sup></a>`;

/**
 * A fragment's own footnotes in a note style: pandoc wrote them as a list ending the fragment's HTML
 * (numbered from 1 in it, ids carrying the fragment's key: convert-fragments.ts). Each joins the
 * document's notes at its number, and its reference becomes a note mark like a citation's. Text cannot
 * forge pandoc's markup here: its quotes are escaped and raw HTML is dropped.
 */
function footnotesAsNotes(html: string, footnotes: readonly FootnotePlace[], notes: CitationNote[]): string {
  const start = html.lastIndexOf('<section class="footnotes');
  if (start < 0) return html;
  const numbers = new Map(footnotes.map((f) => [String(f.index), f.number]));
  const list = html.slice(start);
  const items = [...list.matchAll(/<li id="fn-[^"]*?-(\d+)" role="doc-endnote">/g)];
  items.forEach((item, i) => {
    const number = numbers.get(item[1]!);
    if (number === undefined) return;
    const end = i + 1 < items.length ? items[i + 1]!.index : list.lastIndexOf('</ol>');
    let body = list.slice(item.index + item[0].length, end).replace(/\s*<\/li>\s*$/, '');
    body = body.replace(/<a href="#fnref-[^"]*" class="footnote-back" role="doc-backlink">[^<]*<\/a>/g, '').trim();
    // A one-paragraph note reads like a citation's note: inline.
    const single = /^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>$/.exec(body);
    notes.push({ number, html: single ? single[1]!.trim() : body });
  });
  return html
    .slice(0, start)
    .replace(/<a href="#fn-[^"]*?-(\d+)" class="footnote-ref" id="fnref-[^"]*" role="doc-noteref"><sup>\d+<\/sup><\/a>/g, (ref, index: string) => {
      const number = numbers.get(index);
      return number === undefined ? ref : noteMark(number);
    })
    .trimEnd();
}

/** The cluster as citeproc formatted it, each cited work already linked to its bibliography entry. */
function citationHtml(entry: PendingCite, formatted: string): string {
  const keys = entry.cluster.items.map((i) => i.id);
  const cite = `<span class="citation" data-cites="${escapeHtml(keys.join(' '))}">${formatted}</span>`;
  const names = entry.inTextNames ? `${escapeHtml(entry.inTextNames)} ` : '';
  if (!entry.figure) return names + cite;
  return `${figureHtml(entry.figure)} ${cite}`;
}

const figureHtml = (figure: NonNullable<PendingCite['figure']>) =>
  `<span class="figure" data-finding="${escapeHtml(figure.findingId)}">${escapeHtml(figure.text)}</span>`;

/** Names for an in-text citation in a numeric style ("Bjola and Holmes [1]"), in the locale's words. */
export function authorNames(item: CslItem, terms: LocaleTerms): string {
  const people = (item.author ?? item.editor ?? []) as { family?: string; literal?: string }[];
  const names = people.map((p) => p.family ?? p.literal ?? '').filter(Boolean);
  if (names.length === 0) return String(item.title ?? item.id);
  if (names.length > 2) return `${names[0]} ${terms.etAl}`;
  return names.join(` ${terms.and} `);
}

/** Position of the n-th `@key` inside the fragment's YAML scalar; the scalar's start when not found. */
function locateKey(fragment: PlannedFragment, key: string, occurrence: number) {
  const { source, path } = fragment.origin;
  const range = source.rangeOf(path);
  const start = range?.[0] ?? 0;
  const text = range ? source.text.slice(range[0], range[1]) : '';
  let index = -1;
  for (let n = 0; n <= occurrence; n++) {
    index = text.indexOf(`@${key}`, index + 1);
    if (index < 0) break;
  }
  const position = range ? source.positionAt(index >= 0 ? start + index : start) : source.positionOf(path);
  return { file: source.file, ...position };
}
