/**
 * What GOST R 7.0.5-2008 asks of a bibliography entry that its CSL styles leave out: a work in a
 * Latin-script language takes that language's abbreviations ("P.", "Vol.", "et al.", not «С.», «Т.»,
 * «и др.»); «//» introduces a host publication only, never a bare year; and a DOI is kept
 * ("DOI: 10.…", as GOST R 7.0.100-2018 writes it).
 */
import type { CslItem } from './citation-js.js';
import { languageTag } from './citation-js.js';
import { escapeHtml } from '../util/html.js';

const cyrillicLanguages = /^(ru|uk|be|bg|sr|mk|kk|ky|tg|mn)(-|$)/i;

/** True when the work is in a Latin-script language: by its `langid`, else by its title's script. */
export function latinScriptWork(item: CslItem): boolean {
  const tag = languageTag(item);
  if (tag) return !cyrillicLanguages.test(tag);
  return !/\p{Script=Cyrillic}/u.test(String(item.title ?? ''));
}

export function gostEntry(html: string, item: CslItem): string {
  let entry = html
    // "… modern diplomacy // 2025." : no host publication follows.
    .replace(/ \/\/ (?=(?:\d{4}|\[s\. a\.\]|\[б\. г\.\])\.)/g, '. ')
    // A work with neither author nor publisher: the style's separators meet ("Title. , 2015").
    .replace(/\. , /g, ', ')
    // …nor place nor publisher's place: "Title. : Publisher, 2019".
    .replace(/\. : /g, '. ');
  if (latinScriptWork(item)) {
    entry = entry
      .replace(/([.,] )С\. (?=[\dIVXLCivxlc])/g, '$1P. ')
      .replace(/([.,] )Т\. (?=\d)/g, '$1Vol. ')
      .replace(/ и др\./g, ' et al.')
      .replace(/\/ под ред\. /g, '/ ed. by ');
  }
  const doi = typeof item.DOI === 'string' ? item.DOI.trim() : '';
  if (doi && !entry.includes(escapeHtml(doi))) {
    const link = `DOI: <a href="https://doi.org/${escapeHtml(encodeURI(doi))}">${escapeHtml(doi)}</a>.`;
    entry = entry.replace(/(<\/div>)?\s*$/, (end) => ` ${link}${end.trim()}`);
  }
  return entry;
}

/**
 * GOST R 7.0.5 lists works without an author by their title among the others; citeproc puts every
 * entry with an empty sort key (no author) last. In an author-date GOST list each such entry moves to
 * its place by the document's collation, the others keep the style's order, and the list is
 * renumbered (its numbers appear only in the list).
 */
export function sortGostList(entries: { id: string; html: string }[], locale: string, hasAuthor: (id: string) => boolean): void {
  const number = /^(<div[^>]*>)(\d+)\. /;
  if (!entries.every((entry) => number.test(entry.html))) return;
  const text = (html: string) => html.replace(number, '$1').replace(/<[^>]+>/g, '');
  const collator = new Intl.Collator(locale);
  const ordered = entries.filter((entry) => hasAuthor(entry.id));
  for (const entry of entries.filter((e) => !hasAuthor(e.id))) {
    const at = ordered.findIndex((other) => collator.compare(text(other.html), text(entry.html)) > 0);
    ordered.splice(at < 0 ? ordered.length : at, 0, entry);
  }
  ordered.forEach((entry, index) => {
    entries[index] = { ...entry, html: entry.html.replace(number, `$1${index + 1}. `) };
  });
}
