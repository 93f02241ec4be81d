import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';

/**
 * How full each page of a PDF Chromium printed is: the share of the page's content area (the box
 * inside its margins, which Chromium sets as the clip of the page's content) from its top down to the
 * lowest text, rule, image or shape drawn in it. Read from the page's own drawing operators, which are
 * Chromium's layout exactly as printed: no second print and no script in the page. Running headers and
 * footers lie outside the content area and do not count.
 *
 * `pages` limits the pages measured (the last page of a document needs no measure).
 */
export function pageFills(doc: PDFDocument, pages = doc.getPageCount()): number[] {
  return doc.getPages().slice(0, pages).map((page) => pageFill(page, doc));
}

type Matrix = [number, number, number, number, number, number];

const identity: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const yOf = (m: Matrix, x: number, y: number) => m[1] * x + m[3] * y + m[5];

// A glyph run moved along its line ("7.76 0 Td <0032> Tj"): Chromium writes one per glyph, and it
// cannot reach lower than the line's first glyph, already counted.
const sameLineGlyph = / 0 Td <[0-9A-Fa-f]*> Tj$/;
// Lines that only set colours or the graphics state, or open or close marked content or text: they
// neither move nor draw anything (BT, which resets the text position, is read).
const inert = /^(?:(?:[-+.\d]+ )*(?:rg|RG|g|G|k|K|gs|ET|EMC)(?: |$))+$|^\/[^\s]+ (?:<<[^>]*>>)?BDC$|^\/[^\s]+ gs$/;
const token = /\((?:\\.|[^\\)])*\)|<<|>>|<[0-9A-Fa-f\s]*>|[[\]]|\/[^\s/[\]()<>{}%]+|[+-]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+/g;
const painting = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*']);

function pageFill(page: PDFPage, doc: PDFDocument): number {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  let ctm: Matrix = identity;
  const saved: Matrix[] = [];
  let textLine: Matrix = identity;
  let fontSize = 0;
  let path: number[] = [];
  let clipping = false;
  /** The content area, the largest clip rectangle set at the page's top level: [bottom, top] in PDF units. */
  let area: [number, number] | undefined;
  let lowest = Number.POSITIVE_INFINITY;
  const mark = (y: number) => {
    if (area && y < area[1] && y > area[0] - 1) lowest = Math.min(lowest, Math.max(y, area[0]));
  };
  const markText = () => {
    if (!area) return;
    // The baseline and the descenders below it (a quarter of the font size), in text space.
    const m = multiply(textLine, ctm);
    mark(Math.min(yOf(m, 0, 0), yOf(m, 0, -0.25 * fontSize), yOf(m, 0, fontSize)));
  };
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const text = decoded(stream);
    for (const line of text.split('\n')) {
      if (sameLineGlyph.test(line) || inert.test(line)) continue;
      const numbers: number[] = [];
      for (const [word] of line.matchAll(token)) {
        const value = Number(word);
        if (word !== '' && !Number.isNaN(value) && /^[+\-.\d]/.test(word)) {
          numbers.push(value);
          continue;
        }
        switch (word) {
          case 'q':
            saved.push(ctm);
            break;
          case 'Q':
            ctm = saved.pop() ?? identity;
            break;
          case 'cm':
            if (numbers.length >= 6) ctm = multiply(numbers.slice(-6) as Matrix, ctm);
            break;
          case 'BT':
            textLine = identity;
            break;
          case 'Tf':
            fontSize = numbers.at(-1) ?? fontSize;
            break;
          case 'Tm':
            if (numbers.length >= 6) textLine = numbers.slice(-6) as Matrix;
            markText();
            break;
          case 'Td':
          case 'TD':
            if (numbers.length >= 2) textLine = multiply([1, 0, 0, 1, numbers.at(-2)!, numbers.at(-1)!], textLine);
            markText();
            break;
          case 'm':
          case 'l':
            path.push(yOf(ctm, numbers.at(-2) ?? 0, numbers.at(-1) ?? 0));
            break;
          case 'c':
            path.push(yOf(ctm, numbers.at(-2) ?? 0, numbers.at(-1) ?? 0), yOf(ctm, numbers.at(-6) ?? 0, numbers.at(-5) ?? 0), yOf(ctm, numbers.at(-4) ?? 0, numbers.at(-3) ?? 0));
            break;
          case 're': {
            const [x = 0, y = 0, w = 0, h = 0] = numbers.slice(-4);
            path.push(yOf(ctm, x, y), yOf(ctm, x + w, y + h), yOf(ctm, x, y + h), yOf(ctm, x + w, y));
            break;
          }
          case 'W':
          case 'W*':
            clipping = true;
            break;
          case 'n':
            if (clipping && saved.length === 1 && path.length > 0) {
              const clip: [number, number] = [Math.min(...path), Math.max(...path)];
              if (!area || clip[1] - clip[0] > area[1] - area[0]) area = clip;
            }
            path = [];
            clipping = false;
            break;
          case 'Do':
            // An image or form: the unit square under the current matrix.
            for (const [x, y] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) mark(yOf(ctm, x, y));
            break;
          default:
            if (painting.has(word)) {
              for (const y of path) mark(y);
              path = [];
              clipping = false;
            }
        }
        numbers.length = 0;
      }
    }
  }
  if (!area || lowest === Number.POSITIVE_INFINITY) return 0;
  return Math.min(1, (area[1] - lowest) / (area[1] - area[0]));
}

/** A content stream's operators: Chromium compresses them with Flate, which zlib inflates natively (pdf-lib's decoder is JavaScript, ten times slower). */
function decoded(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const bytes = filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
