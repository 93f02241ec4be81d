// The one place that loads citation-js and its plugins, so every stage shares one registry.
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import citeprocModule from 'citeproc';
import { entries as bibEntries, fieldValues, parseBibtex as readBibtex, stringMacros, type ParsedBibtex } from '../bib/parse-bibtex.js';

export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** The citeproc-js engine (typed to the parts we use). */
export interface CiteprocEngine {
  opt: { development_extensions: Record<string, boolean> };
  rebuildProcessorState(
    citations: CiteprocCitation[],
    mode: 'html' | 'text',
    uncited?: string[],
  ): [citationId: string, noteIndex: number, text: string][];
  /** Renders one cluster from the registered items, outside the document's sequence of citations. */
  makeCitationCluster(items: CiteprocItem[]): string;
  makeBibliography(): [{ entry_ids: string[][]; bibstart: string; bibend: string }, string[]] | false;
  /** With no citations: back to the empty state of a new engine (citeproc's documented reset). */
  restoreProcessorState(citations: []): unknown;
}

/** What citeproc-js asks its host for. */
export interface CiteprocSys {
  retrieveItem(id: string): CslItem;
  retrieveLocale(code: string): string | Record<string, never>;
  /** Wraps each cite of a cluster, when `apply_citation_wrapper` is on. */
  wrapCitationEntry?: (text: string, itemId: string) => string;
}

export interface CiteprocCitation {
  citationID: string;
  citationItems: CiteprocItem[];
  /** `infix`: text citeproc puts between the two parts of a `composite` citation. */
  properties: { noteIndex: number; mode?: 'composite' | 'author-only' | 'suppress-author'; infix?: string; unsorted?: boolean };
}

export interface CiteprocItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
}

const bibtexConfig = plugins.config.get('@bibtex') as { parse: { sentenceCase: 'never' | 'english' | 'always' } };

/**
 * Titles of each item in sentence case, for English documents. BibTeX keeps titles in title case with
 * the words that must stay capitalized in braces; CSL styles expect sentence case and capitalize
 * themselves where they want title case. Pandoc converts English entries; citation-js can, but decides
 * by the `language` field only, not `langid`, so both readings are kept and `itemForDocument` picks.
 */
const sentenceCaseTitles = new WeakMap<CslItem, Partial<CslItem>>();

/**
 * The CSL fields that are titles, which English styles case themselves. Others that citation-js would
 * sentence-case too (`genre` from BibTeX's `type`: "Law of Turkmenistan") are names and stay as written.
 */
const titleFields = new Set(['title', 'title-short', 'container-title', 'container-title-short', 'collection-title', 'volume-title', 'original-title', 'part-title', 'reviewed-title', 'event-title']);

/**
 * A library as CSL-JSON items, titles as written. BibTeX is read by one reader, src/bib/parse-bibtex.ts
 * (positions, recovery, lossless formatting); citation-js maps its entries to CSL, as it would map the
 * entries of its own reader (the same for every entry of references.bib and the test libraries).
 */
export function cslItems(parsed: Pick<ParsedBibtex, 'blocks'>): CslItem[] {
  const strings = stringMacros(parsed);
  const entries = bibEntries(parsed).map((entry) => ({ type: entry.type.toLowerCase(), label: entry.key, properties: Object.fromEntries(fieldValues(entry, strings)) }));
  const parse = (sentenceCase: 'never' | 'always') => {
    const saved = bibtexConfig.parse.sentenceCase;
    bibtexConfig.parse.sentenceCase = sentenceCase;
    try {
      return plugins.input.chain(entries, { forceType: '@biblatex/entries+list', generateGraph: false }) as CslItem[];
    } finally {
      bibtexConfig.parse.sentenceCase = saved;
    }
  };
  const items = parse('never');
  const cased = new Map(parse('always').map((item) => [String(item.id), item]));
  for (const item of items) {
    const other = cased.get(String(item.id));
    if (!other) continue;
    const titles = Object.fromEntries(
      Object.entries(other).filter(([field, value]) => titleFields.has(field) && typeof value === 'string' && value !== item[field]),
    ) as Partial<CslItem>;
    if (Object.keys(titles).length > 0) sentenceCaseTitles.set(item, titles);
  }
  return items;
}

/** BibTeX/biblatex text as CSL-JSON items; throws the first syntax error, with its line and column. */
export function parseBibtex(text: string): CslItem[] {
  const parsed = readBibtex(text);
  const [error] = parsed.errors;
  if (error) throw new Error(`${error.message} at line ${error.at.line} col ${error.at.column}`);
  return cslItems(parsed);
}

// biblatex `langid` names (babel's and polyglossia's) of languages a work may be in, as BCP 47 tags.
const languageTags: Record<string, string> = {
  english: 'en', eng: 'en', anglais: 'en', american: 'en-US', usenglish: 'en-US', british: 'en-GB', ukenglish: 'en-GB', canadian: 'en-CA', australian: 'en-AU', newzealand: 'en-NZ',
  russian: 'ru', ukrainian: 'uk', belarusian: 'be', uzbek: 'uz', kazakh: 'kk', kyrgyz: 'ky', tajik: 'tg', turkmen: 'tk', turkish: 'tr', azerbaijani: 'az',
  german: 'de', ngerman: 'de', austrian: 'de-AT', naustrian: 'de-AT', swissgerman: 'de-CH', nswissgerman: 'de-CH', french: 'fr', italian: 'it', spanish: 'es',
  portuguese: 'pt', brazilian: 'pt-BR', dutch: 'nl', polish: 'pl', czech: 'cs', swedish: 'sv', norwegian: 'no', danish: 'da', finnish: 'fi',
  chinese: 'zh', japanese: 'ja', korean: 'ko', arabic: 'ar', persian: 'fa', farsi: 'fa', hebrew: 'he', hindi: 'hi', urdu: 'ur',
};

/** A language given as a biblatex name ("english", "ngerman") or a tag ("en-GB", "en_GB"), as a BCP 47 tag. */
function toLanguageTag(value: string): string | undefined {
  const name = value.trim();
  const tag = name.replace(/_/g, '-');
  return languageTags[name.toLowerCase()] ?? (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag) ? tag : languageTags[name.toLowerCase().split(/[-_]/)[0]!]);
}

/** The language of a work as a BCP 47 tag, from its `langid`/`language`, if it has one. */
export function languageTag(item: CslItem): string | undefined {
  return typeof item.language === 'string' && item.language.trim() !== '' ? toLanguageTag(item.language) : undefined;
}

/**
 * The item as a document in `locale` cites it: with sentence-case titles when the work is in English,
 * by its `langid`/`language`, or, without one, when the document is (as pandoc decides).
 */
export function itemForDocument(item: CslItem, locale: string): CslItem {
  const titles = sentenceCaseTitles.get(item);
  if (!titles) return item;
  const language = typeof item.language === 'string' && item.language.trim() !== '' ? languageTag(item) : toLanguageTag(locale);
  return language !== undefined && /^en(-|$)/i.test(language) ? { ...item, ...titles } : item;
}

/** A node of a style as citeproc holds it once parsed (its `XmlJSON` form). */
interface CslJsonNode {
  name: string;
  attrs: Record<string, string>;
  children: (CslJsonNode | string)[];
}

interface XmlJson {
  dataObj: CslJsonNode;
  getNodesByName(node: CslJsonNode, name: string, nameAttribute?: string, found?: CslJsonNode[]): CslJsonNode[];
}

interface CiteprocModule {
  Engine: new (sys: CiteprocSys, style: string, lang: string, forceLang: boolean) => CiteprocEngine;
  XmlJSON: { prototype: XmlJson };
}

/**
 * citeproc-js, the version @citation-js/plugin-csl runs (package.json asks for the same range). The plugin's own `engine()` keeps one engine
 * per style|locale for the whole process, shared with every caller and only half reset between uses
 * (`updateItems([])`), and it has no place for the citation wrapper: Briefwright makes its own engines
 * and resets one fully before each document (citation-engine.ts).
 */
const citeproc = citeprocModule as CiteprocModule;

export function createCiteprocEngine(sys: CiteprocSys, styleXml: string, locale: string): CiteprocEngine {
  macroIndexes = new WeakMap();
  try {
    return new citeproc.Engine(sys, styleXml, locale, true);
  } finally {
    macroIndexes = undefined;
  }
}

/**
 * citeproc finds a macro by searching the whole style for it, at every place that calls it: compiling
 * APA makes about a thousand such searches, a third of its compile time (0.3 s). While an engine is
 * being made, each style's macros are found in an index made by one search instead, as citeproc-js pull
 * request #256 proposes upstream. Compiling adds no macros to a style; the index goes once the engine is made.
 */
let macroIndexes: WeakMap<CslJsonNode, Map<string, CslJsonNode[]>> | undefined;
const xmlJson = citeproc.XmlJSON.prototype;
const searchStyle = xmlJson.getNodesByName;
xmlJson.getNodesByName = function (this: XmlJson, node, name, nameAttribute, found) {
  if (!macroIndexes || name !== 'macro' || !nameAttribute || found !== undefined || node !== this.dataObj) {
    return searchStyle.call(this, node, name, nameAttribute, found);
  }
  let index = macroIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const macro of searchStyle.call(this, node, 'macro')) {
      const sameName = index.get(macro.attrs.name!) ?? [];
      sameName.push(macro);
      index.set(macro.attrs.name!, sameName);
    }
    macroIndexes.set(node, index);
  }
  // A new array each time, as the search returns.
  return [...(index.get(nameAttribute) ?? [])];
};
