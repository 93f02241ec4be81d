import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';

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
