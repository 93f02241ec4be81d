import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';

const run = promisify(execFile);

export async function pdfText(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', ['-layout', ...range, file, '-'])).stdout;
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at), line.slice(at + 1).trim()];
  }));
}

/** Titles of the PDF's bookmark outline, depth-first, indented by level. */
export async function pdfOutline(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(file));
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const walk = (item: PDFDict | undefined, depth: number) => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = node.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) titles.push(`${'  '.repeat(depth)}${title.decodeText()}`);
      walk(node.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return titles;
}

export interface LinkArea {
  page: number;
  target: string;
  rect: number[];
}

/** Every link annotation of the PDF, page by page, in the order Chromium wrote them. */
export async function pdfLinkAreas(file: string): Promise<LinkArea[]> {
  const doc = await PDFDocument.load(await readFile(file));
  return doc.getPages().flatMap((page, index) =>
    page.node.Annots()?.asArray().flatMap((ref) => {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) return [];
      const target = String(annot.get(PDFName.of('Dest')) ?? annot.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('URI')) ?? '');
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)!.asArray().map((n) => (n as PDFNumber).asNumber());
      return [{ page: index + 1, target, rect }];
    }) ?? [],
  );
}

export interface StructureElement {
  /** The structure type without its slash: Document, H1, P, Table, TH, Figure… */
  type: string;
  /** Alternative text (/Alt), if any. */
  alt?: string;
  /** A table header cell's /Scope (Row, Column, Both), from its attributes. */
  scope?: string;
  children: StructureElement[];
}

/** What a PDF tells assistive technology: language, title display, tagging and the structure tree. */
export async function pdfAccessibility(file: string): Promise<{ lang?: string; displayDocTitle: boolean; marked: boolean; title?: string; tree: StructureElement[] }> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const catalog = doc.catalog;
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
  const seen = new Set<PDFDict>();
  const walk = (value: unknown): StructureElement[] => {
    const object = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (object instanceof PDFArray) return object.asArray().flatMap(walk);
    if (!(object instanceof PDFDict) || seen.has(object)) return [];
    seen.add(object);
    const type = object.get(PDFName.of('S'));
    const children = walk(object.get(PDFName.of('K')));
    if (!(type instanceof PDFName)) return children;
    const attributes = object.lookup(PDFName.of('A'));
    const attributeList = attributes instanceof PDFArray ? attributes.asArray().map((a) => doc.context.lookup(a)) : [attributes];
    const scope = attributeList.map((a) => (a instanceof PDFDict ? a.get(PDFName.of('Scope')) : undefined)).find((s) => s instanceof PDFName);
    return [{ type: type.decodeText(), alt: text(object.lookup(PDFName.of('Alt'))), ...(scope ? { scope: (scope as PDFName).decodeText() } : {}), children }];
  };
  const viewer = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  return {
    lang: text(catalog.lookup(PDFName.of('Lang'))),
    displayDocTitle: String(viewer?.get(PDFName.of('DisplayDocTitle'))) === 'true',
    marked: String(markInfo?.get(PDFName.of('Marked'))) === 'true',
    title: doc.getTitle(),
    tree: walk(catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)?.get(PDFName.of('K'))),
  };
}

/** Every element of a structure tree, depth first. */
export function structureElements(tree: readonly StructureElement[]): StructureElement[] {
  return tree.flatMap((element) => [element, ...structureElements(element.children)]);
}
