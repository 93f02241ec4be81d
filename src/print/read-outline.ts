import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';

/** One bookmark of a PDF: a heading's text, its depth (1 = top) and the page it lands on (1-based). */
export interface OutlineEntry {
  title: string;
  level: number;
  page: number;
}

/**
 * The bookmarks Chromium writes for the document's headings (`outline: true`), in order. Each points
 * at its page by reference (`/Dest [page /XYZ x y z]`), which says on which page a heading landed.
 */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const pageNumbers = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const entries: OutlineEntry[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (item: PDFDict | undefined, level: number, seen: Set<PDFDict>) => {
    // A damaged outline could loop; each item is read once.
    for (let current = item; current && !seen.has(current); current = current.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(current);
      const title = current.lookup(PDFName.of('Title'));
      const dest = current.lookup(PDFName.of('Dest'));
      const target = dest instanceof PDFArray ? dest.get(0) : undefined;
      const page = target instanceof PDFRef ? pageNumbers.get(target.toString()) : undefined;
      if (page !== undefined) entries.push({ title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '', level, page });
      visit(current.lookupMaybe(PDFName.of('First'), PDFDict), level + 1, seen);
    }
  };
  visit(root?.lookupMaybe(PDFName.of('First'), PDFDict), 1, new Set());
  return entries;
}
