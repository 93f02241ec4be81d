import { readOutline, type OutlineEntry } from './read-outline.js';
import { pageFills } from './page-fill.js';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  author: string[];
  subject: string;
  keywords: string[];
  language: string;
  creator: string;
  /** Used for both CreationDate and ModDate, so that the same inputs give the same bytes. */
  date: Date;
}

/**
 * Rewrites the document information Chromium leaves (its user agent as Creator, the print time as
 * dates) with the document's own, keeping the tagged structure and outline.
 */
export async function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; pages: number; outline: OutlineEntry[]; fills: number[] }> {
  // In one go: pdf-lib otherwise waits a timer tick every 50 to 100 objects, some 20 ms per document.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  renumberStructureIds(doc);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author.join('; '));
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.creator);
  doc.setLanguage(meta.language);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  return {
    pdf: await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY }),
    pages: doc.getPageCount(),
    // Where each heading landed, for the page budget.
    outline: readOutline(doc),
    // How full each page but the last is, for the underfilled-page warning.
    fills: pageFills(doc, doc.getPageCount() - 1),
  };
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) when set, otherwise the document's own date at midnight UTC. */
export function documentDate(isoDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${isoDate}T00:00:00Z`);
}

/**
 * Chromium names tagged-structure elements after DOM node ids, which depend on what a reused page
 * printed before. Renumbering them in object order makes the same document give the same bytes.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const ID = PDFName.of('ID');
  const elements = doc.context
    .enumerateIndirectObjects()
    .filter(([, object]) => object instanceof PDFDict && object.has(ID) && object.has(PDFName.of('S')))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber) as [PDFRef, PDFDict][];
  if (elements.length === 0) return;
  const renamed = new Map<string, string>();
  const entries: [string, PDFRef][] = elements.map(([ref, element], index) => {
    const id = `node${String(index + 1).padStart(8, '0')}`;
    renamed.set(textOf(element.get(ID)), id);
    element.set(ID, PDFString.of(id));
    return [id, ref];
  });
  // Table cells name their header cells by id in their attributes (/A … /Headers [ … ]).
  const HEADERS = PDFName.of('Headers');
  const allElements = doc.context.enumerateIndirectObjects().filter(([, object]) => object instanceof PDFDict && object.has(PDFName.of('S'))) as [PDFRef, PDFDict][];
  for (const [, element] of allElements) {
    const attributes = element.lookup(PDFName.of('A'));
    const dicts = attributes instanceof PDFArray ? attributes.asArray().map((a) => element.context.lookup(a)) : [attributes];
    for (const dict of dicts) {
      const headers = dict instanceof PDFDict ? dict.lookup(HEADERS) : undefined;
      if (!(headers instanceof PDFArray) || !(dict instanceof PDFDict)) continue;
      // Chromium also names header cells it never tags; such references lead nowhere and are dropped.
      const kept = headers.asArray().map((h) => renamed.get(textOf(h))).filter((id) => id !== undefined);
      if (kept.length > 0) dict.set(HEADERS, doc.context.obj(kept.map((id) => PDFString.of(id))));
      else dict.delete(HEADERS);
    }
  }
  // The ID tree maps ids to elements: rebuild it as one flat, sorted name tree.
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root?.has(PDFName.of('IDTree'))) return;
  // pdf-lib writes unreferenced objects too: delete the old tree's nodes, which hold the old ids.
  const removeTree = (node: unknown) => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (dict instanceof PDFDict) dict.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray().forEach(removeTree);
    if (node instanceof PDFRef) doc.context.delete(node);
  };
  removeTree(root.get(PDFName.of('IDTree')));
  const names = doc.context.obj([]) as PDFArray;
  for (const [id, ref] of entries) names.push(PDFString.of(id)), names.push(ref);
  root.set(PDFName.of('IDTree'), doc.context.obj({ Names: names }));
}


function textOf(value: unknown): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
}
