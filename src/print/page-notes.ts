import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appendToHead } from '../util/html.js';

/**
 * Notes at the foot of the page, for documents in a note style (`class="note"`).
 *
 * Chromium lays out no `float: footnote`, so such a document is paginated in the page by Paged.js
 * (npm `pagedjs`), which does. Only these documents pay for it (JavaScript on in their page, about a
 * third of a second more per print: docs/performance.md); every other document prints as before,
 * with JavaScript off.
 *
 * The HTML is the HTML edition as written (notes in a list after the text, each linked both ways with
 * its reference mark, src/resolve/resolve-citations.ts and templates/partials/references.hbs). Before
 * Paged.js paginates, each note moves from the list to just after its reference mark, where Paged.js
 * takes it to the foot of the page the mark lands on; the emptied list goes. The marks and notes keep
 * their ids (`note-ref-N`, `note-N`), so the PDF links each mark to its note and back.
 */

/** Where the page asks for Paged.js; the printer answers from the installed package, nothing is fetched. */
export const pagedScriptPath = '/vendor/pagedjs/paged.min.js';

/** The installed Paged.js (its minified browser build, which defines `window.PagedModule` and paginates only when asked). */
export function pagedScriptFile(): string {
  // The package exports no path to its browser build: find it from the package's entry (lib/index.cjs).
  return join(dirname(dirname(createRequire(import.meta.url).resolve('pagedjs'))), 'dist', 'paged.min.js');
}

// How the notes sit at the foot of the page. Paged.js reads these rules (`float: footnote`,
// `::footnote-call`, `@footnote`); Chromium alone would ignore them. The reference marks already
// carry the numbers, so Paged.js's own call and marker print nothing.
const pageNotesStyle = `<style>
.page-note { float: footnote; footnote-display: block; font-size: 8.5pt; line-height: 1.35; text-align: left; text-indent: 0; font-style: normal; font-weight: normal; }
.page-note::footnote-call { content: none; }
.page-note::footnote-marker { content: none; }
.page-note + .page-note, .page-note-block + .page-note-block { margin-top: 0.6mm; }
.page-note .note-back { text-decoration: none; }
@page { @footnote { border-top: 0.5pt solid #8a8a8a; padding-top: 1.6mm; margin-top: 3mm; } }
</style>`;

/** The document with the notes' style and Paged.js, which `layOutPageNotes` then runs. */
export function withPageNotes(html: string, origin: string): string {
  return appendToHead(html, `${pageNotesStyle}<script src="${origin}${pagedScriptPath}"></script>`);
}

/**
 * Run in the page once it has loaded (a string, so no build step can rewrite it): moves the notes to
 * their marks, paginates, and leaves the page to print. Resolves to the number of notes placed.
 *
 * Paged.js names each note and its own (empty) call after a random id; the calls go and each note
 * gets its `note-N` back, so the PDF links the marks to the notes and is the same on every print.
 */
export const layOutPageNotes = `(async () => {
  const phrasing = /^(A|ABBR|B|BDI|BDO|BR|CITE|CODE|DATA|DFN|EM|I|KBD|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR|WBR)$/;
  // Markdown can set classes, ids and data-* attributes but no role: only the templates' marks and
  // list are taken for notes, no element of the text passes for a note, and Paged.js, which keeps its
  // own state in data-* attributes (data-note, data-ref, data-footnote-call…), finds none of the text's.
  for (const element of document.body.querySelectorAll('*')) {
    element.classList.remove('page-note');
    for (const name of element.getAttributeNames()) if (name.startsWith('data-')) element.removeAttribute(name);
  }
  const list = document.querySelector('section.notes[role="doc-endnotes"]');
  let placed = 0;
  for (const mark of document.querySelectorAll('a.note-ref[role="doc-noteref"][id^="note-ref-"]')) {
    const number = mark.id.slice('note-ref-'.length);
    const item = list && list.querySelector('li[role="doc-endnote"]#note-' + CSS.escape(number));
    if (!item) continue;
    const note = document.createElement('span');
    note.className = 'page-note';
    note.dataset.number = number;
    note.setAttribute('role', 'doc-footnote');
    const label = document.createElement('span');
    label.className = 'page-note-number';
    label.textContent = number + '.\\u00a0';
    // The note goes inside a paragraph, which Paged.js parses again: a block in it (a note of several
    // paragraphs, a list) would end the paragraph there. Each becomes a span shown as it was.
    for (const element of [...item.querySelectorAll('*')].reverse()) {
      if (phrasing.test(element.tagName)) continue;
      const block = document.createElement('span');
      block.className = 'page-note-block';
      block.style.display = getComputedStyle(element).display;
      block.append(...element.childNodes);
      element.replaceWith(block);
    }
    const blocks = item.querySelectorAll(':scope > .page-note-block');
    const back = item.querySelector(':scope > a.note-back');
    if (blocks.length > 0) {
      blocks[0].prepend(label);
      if (back) blocks[blocks.length - 1].append(' ', back);
      note.append(...item.childNodes);
    } else {
      note.append(label, ...item.childNodes);
    }
    mark.after(note);
    item.remove();
    placed++;
  }
  // Every note found its mark: the list has nothing left to show.
  if (list && !list.querySelector('li')) list.remove();
  // Paged.js would load every face the stylesheet declares (48 font files for 9 used) before laying
  // out; the page has loaded the ones its text uses already, and the notes use the same.
  window.PagedModule.Chunker.prototype.loadFonts = () => document.fonts.ready;
  await new window.PagedModule.Previewer().preview();
  await document.fonts.ready;
  for (const call of document.querySelectorAll('[data-footnote-call]')) call.remove();
  for (const note of document.querySelectorAll('.page-note[data-number]')) {
    if (note.hasAttribute('data-split-from')) note.removeAttribute('id');
    else note.id = 'note-' + note.dataset.number;
  }
  return placed;
})()`;
