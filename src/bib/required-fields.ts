/**
 * Required fields per entry type: the mandatory constraints of biblatex's data model, copied from
 * `\DeclareDatamodelConstraints` in tex/latex/biblatex/blx-dm.def (biblatex 3.22, github.com/plk/biblatex),
 * which biber checks with `--validate-datamodel`. Each requirement is a list of fields of which one must
 * be present (`\constraintfieldsor`); for date and year (`\constraintfieldsxor`) exactly one
 * (`givenTwice`).
 * Types the data model gives no constraint (artwork, legislation, software's date…) require nothing.
 *
 * BibTeX spellings count as the biblatex field or type that biber maps them to before validating
 * (`\DeclareDriverSourcemap[datatype=bibtex]` in biblatex.def): journal → journaltitle,
 * school → institution, address → location; @conference → @inproceedings, @electronic and @www →
 * @online, and @mastersthesis, @phdthesis and @techreport → @thesis or @report with the `type` set.
 */
export type Requirement = readonly string[];

const date: Requirement = ['date', 'year'];
const author: Requirement = ['author'];
const editor: Requirement = ['editor'];
const title: Requirement = ['title'];
const booktitle: Requirement = ['booktitle'];
const journaltitle: Requirement = ['journaltitle'];
const institution: Requirement = ['institution'];
const type: Requirement = ['type'];

/** blx-dm.def: the first `\DeclareDatamodelConstraints` (date xor year) lists these types. */
const dated = new Set([
  'article', 'book', 'inbook', 'bookinbook', 'suppbook', 'booklet', 'collection', 'incollection', 'suppcollection',
  'manual', 'misc', 'mvbook', 'mvcollection', 'online', 'patent', 'periodical', 'suppperiodical', 'proceedings',
  'inproceedings', 'reference', 'inreference', 'report', 'set', 'thesis', 'unpublished',
]);

/** blx-dm.def: the per-type `\DeclareDatamodelConstraints[…]{\constraint[type=mandatory]{…}}`. */
const constraints: Record<string, readonly Requirement[]> = {
  set: [['entryset']],
  article: [author, journaltitle, title],
  book: [author, title],
  mvbook: [author, title],
  inbook: [author, title, booktitle],
  bookinbook: [author, title, booktitle],
  suppbook: [author, title, booktitle],
  booklet: [['author', 'editor'], title],
  collection: [editor, title],
  reference: [editor, title],
  mvcollection: [editor, title],
  mvreference: [editor, title],
  incollection: [author, editor, title, booktitle],
  suppcollection: [author, editor, title, booktitle],
  inreference: [author, editor, title, booktitle],
  dataset: [title],
  manual: [title],
  misc: [title],
  software: [title],
  online: [title, ['url', 'doi', 'eprint']],
  patent: [author, title, ['number']],
  periodical: [editor, title],
  proceedings: [title],
  mvproceedings: [title],
  inproceedings: [author, title, booktitle],
  report: [author, title, type, institution],
  thesis: [author, title, type, institution],
  unpublished: [author, title],
};

/** biblatex.def's driver source map for BibTeX data: the type each BibTeX type becomes, and the field it sets. */
const bibtexTypes: Record<string, { type: string; sets?: string }> = {
  conference: { type: 'inproceedings' },
  electronic: { type: 'online' },
  www: { type: 'online' },
  mastersthesis: { type: 'thesis', sets: 'type' },
  phdthesis: { type: 'thesis', sets: 'type' },
  techreport: { type: 'report', sets: 'type' },
};

/** The same source map's field renames. */
const bibtexFields: Record<string, string> = { journal: 'journaltitle', school: 'institution', address: 'location' };

/** A requirement as a message names it, with the BibTeX spellings that count for it: `journaltitle or journal`. */
export function describeRequirement(alternatives: Requirement): string {
  const spellings = (name: string) => [name, ...Object.keys(bibtexFields).filter((bibtex) => bibtexFields[bibtex] === name)];
  return alternatives.flatMap(spellings).join(' or ');
}

/** The biblatex requirements of an entry type (BibTeX types mapped first), date last. */
export function requiredFields(entryType: string): readonly Requirement[] {
  const lower = entryType.toLowerCase();
  const biblatexType = bibtexTypes[lower]?.type ?? lower;
  return [...(constraints[biblatexType] ?? []), ...(dated.has(biblatexType) ? [date] : [])];
}

/** Whether a requirement is the date (`date` or `year`). */
export const isDateRequirement = (requirement: Requirement) => requirement === date;
/** Whether a requirement is the author. */
export const isAuthorRequirement = (requirement: Requirement) => requirement === author;

/** An exclusive requirement (date xor year) whose fields an entry gives more than one of, in the entry's order. */
export function givenTwice(entryType: string, own: readonly string[]): string[] {
  const given = own.filter((name) => date.includes(name));
  return requiredFields(entryType).includes(date) && new Set(given).size > 1 ? [...new Set(given)] : [];
}

/**
 * The requirements an entry misses, each as its alternatives (`["url", "doi", "eprint"]`).
 * `present` holds the entry's own field names in lower case plus those it inherits through crossref.
 */
export function missingFields(entryType: string, present: ReadonlySet<string>): Requirement[] {
  const sets = bibtexTypes[entryType.toLowerCase()]?.sets;
  const fields = new Set([...present].map((name) => bibtexFields[name] ?? name));
  if (sets) fields.add(sets);
  return requiredFields(entryType).filter((alternatives) => !alternatives.some((name) => fields.has(name)));
}
