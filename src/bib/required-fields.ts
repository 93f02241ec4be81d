/**
 * Required fields per entry type, from biblatex's data model (the mandatory constraints of blx-dm.def):
 * each requirement is a list of fields of which one must be present. BibTeX aliases count as their
 * biblatex field (journal for journaltitle, year for date, school for institution, address for
 * location), and BibTeX entry types as the biblatex type they stand for.
 */
type Requirement = readonly string[];

const date: Requirement = ['date', 'year'];
const author: Requirement = ['author'];
const editor: Requirement = ['editor'];
const title: Requirement = ['title'];
const booktitle: Requirement = ['booktitle'];

const required: Record<string, readonly Requirement[]> = {
  article: [author, title, ['journaltitle', 'journal'], date],
  book: [author, title, date],
  mvbook: [author, title, date],
  mvcollection: [author, title, date],
  mvreference: [author, title],
  inbook: [author, title, booktitle, date],
  bookinbook: [author, title, booktitle, date],
  suppbook: [author, title, booktitle, date],
  booklet: [['author', 'editor'], title, date],
  collection: [editor, title, date],
  reference: [editor, title, date],
  incollection: [author, editor, title, booktitle, date],
  suppcollection: [author, editor, title, booktitle, date],
  inreference: [author, editor, title, booktitle, date],
  manual: [title, date],
  misc: [title, date],
  online: [title, ['url'], date],
  patent: [author, title, ['number'], date],
  periodical: [editor, title, date],
  suppperiodical: [date],
  proceedings: [editor, title, date],
  mvproceedings: [editor, title],
  inproceedings: [author, title, booktitle, date],
  // `type` is mandatory for @report in blx-dm.def, but it only labels the report ("Technical report"),
  // which biblatex's own @techreport alias fills in and CSL styles omit when absent; it is not required here.
  report: [author, title, ['institution'], date],
  thesis: [author, title, ['type'], ['institution', 'school'], date],
  unpublished: [author, title, date],
  set: [['entryset']],
};

/** BibTeX types and biblatex aliases: the type they stand for, and the fields the alias itself supplies. */
const aliases: Record<string, { type: string; supplies?: string[] }> = {
  conference: { type: 'inproceedings' },
  electronic: { type: 'online' },
  www: { type: 'online' },
  techreport: { type: 'report', supplies: ['type'] },
  mastersthesis: { type: 'thesis', supplies: ['type'] },
  phdthesis: { type: 'thesis', supplies: ['type'] },
};

/**
 * The requirements an entry misses, each as its alternatives (`["journaltitle", "journal"]`).
 * `present` holds the entry's own field names in lower case plus those it inherits through crossref.
 * Two house-style keys stand in for a field the work itself does not give (docs/data-model.md):
 * `nd` in the year slot of the key records that the work is undated, and a key starting with
 * `anonymous` that it names no author.
 */
export function missingFields(type: string, key: string, present: ReadonlySet<string>): Requirement[] {
  const alias = aliases[type.toLowerCase()];
  const requirements = required[alias?.type ?? type.toLowerCase()] ?? [];
  const has = (name: string) => present.has(name) || (alias?.supplies?.includes(name) ?? false);
  const undated = /^[a-z]+nd[a-z0-9]+$/.test(key) && !/[0-9]{4}/.test(key);
  const anonymous = /^anonymous/.test(key);
  return requirements.filter((alternatives) => {
    if (alternatives.some(has)) return false;
    if (alternatives === date && undated) return false;
    if (alternatives === author && anonymous) return false;
    return true;
  });
}
