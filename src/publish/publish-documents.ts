import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { EnvironmentError } from '../diagnostics/errors.js';
import type { Pandoc } from '../markdown/pandoc.js';
import type { PdfPrinter } from '../print/print-pdf.js';
import { finalizePdf, type PdfMetadata } from '../print/finalize-pdf.js';
import { writeFilesAtomically } from './write-atomic.js';
import { fillPageFurniture, type PageFurniture } from './reference-docx.js';
import { packageRoot } from '../util/package-root.js';
import { sha256 } from './input-hash.js';
import type { ManifestEntry } from './manifest.js';
import { checkPageBudget, type PageBudget } from './page-budget.js';
import { underfilledPages } from './underfilled-pages.js';

export type OutputFormat = 'pdf' | 'html' | 'docx';

/** One output document: a brief, or a memo for one of its recipients. */
export interface Edition {
  id: string;
  /** File name without extension: `<id>` or `<id>--<recipient-slug>`. */
  name: string;
  recipient?: string;
  specFile: string;
  lang: string;
  kind: string;
  /** The spec's title, ISO date and country codes, listed in the manifest and the documents site. */
  title: string;
  date: string;
  countries: string[];
  /** The HTML edition. */
  html: string;
  /** A note style's document: printed with its notes at the foot of their pages (src/print/page-notes.ts). */
  pageNotes?: boolean;
  /** What the PDF and DOCX are made from: the HTML edition, or the same without its evidence list and links (no `evidence_annex`). */
  print: string;
  /** The same document with a table of contents, printed instead when the first print reaches `tocMinPages`. */
  renderWithToc?: () => { html: string; print: string };
  tocMinPages?: number;
  /** The table of contents' heading, as the outline names it. */
  contentsHeading?: string;
  /** The spec's `max_pages`: a longer PDF is an error and is not written. */
  pageBudget?: PageBudget;
  /** Where each section heading is written in the spec (an underfilled page points at the section that follows it). */
  sectionsAt?: ReadonlyMap<string, { line: number; column: number }>;
  metadata: PdfMetadata;
  /** The running header and footer, page labels and paper, for the DOCX version. */
  docxPage: PageFurniture;
  citationKeys: string[];
  findings: string[];
  inputHash: string;
}

export interface Progress {
  done: number;
  total: number;
  current: string;
}

export interface PublishContext {
  root: string;
  outDir: string;
  formats: readonly OutputFormat[];
  printer?: PdfPrinter;
  pandoc: Pandoc;
  /** The reference document for DOCX output (templates/reference.docx, the project's own first). */
  referenceDocx?: string;
  /** How many editions `editions` holds, for progress. */
  total: number;
  concurrency?: number;
  onProgress?: (progress: Progress) => void;
  /**
   * Told of each file as it is written. With a listener, an edition's HTML is written before its
   * PDF is printed (a preview shows it sooner); without one, an edition's files are written together.
   */
  onOutput?: (output: WrittenOutput) => void;
  /** Told of each edition once all its files are written. */
  onWritten?: (entry: ManifestEntry) => void;
}

export interface WrittenOutput {
  id: string;
  /** The edition's file name without extension. */
  name: string;
  format: OutputFormat;
  /** Absolute path. */
  path: string;
}

/**
 * Prints and writes every edition, several at a time, taking each from `editions` as a printer page
 * comes free (so the next is made while Chromium prints). `undefined` stands for an edition that
 * could not be made (already reported): it only counts towards progress. A failing edition becomes a
 * diagnostic and leaves its old outputs untouched; the others are still written.
 */
export async function publishEditions(
  editions: AsyncIterable<Edition | undefined> | Iterable<Edition | undefined>,
  context: PublishContext,
): Promise<{ entries: ManifestEntry[]; diagnostics: Diagnostic[] }> {
  const entries: ManifestEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const source = Symbol.asyncIterator in editions ? editions[Symbol.asyncIterator]() : editions[Symbol.iterator]();
  // An edition that cannot even be made stops the batch, once the editions being printed are written.
  let stopped: { error: unknown } | undefined;
  const take = async (): Promise<IteratorResult<Edition | undefined>> => {
    if (stopped) return { done: true, value: undefined };
    try {
      return await source.next();
    } catch (error) {
      stopped ??= { error };
      return { done: true, value: undefined };
    }
  };
  let done = 0;
  const worker = async () => {
    for (let next = await take(); !next.done; next = await take()) {
      const edition = next.value;
      if (!edition) {
        context.onProgress?.({ done: ++done, total: context.total, current: '' });
        continue;
      }
      try {
        const result = await publishEdition(edition, context);
        if ('blocked' in result) {
          diagnostics.push(
            ...result.blocked.map((url) => diagnostic('blocked-request', { file: edition.specFile, message: `The document tried to load ${url}` })),
          );
        } else if ('overBudget' in result) {
          diagnostics.push(result.overBudget);
        } else {
          entries.push(result.entry);
          context.onWritten?.(result.entry);
          diagnostics.push(...result.warnings);
        }
      } catch (error) {
        // A full disk or an unwritable folder stops the whole batch: every document would fail the same way.
        if (error instanceof EnvironmentError) throw error;
        diagnostics.push(
          diagnostic('render-failed', {
            file: edition.specFile,
            message: `${edition.name} could not be rendered: ${(error as Error).message.split('\n')[0]}`,
          }),
        );
      }
      context.onProgress?.({ done: ++done, total: context.total, current: edition.name });
    }
  };
  // Twice as many editions in hand as the printer has pages: while some print, the others are made,
  // post-processed and written, so Chromium never waits for this thread.
  const workers = Math.max(1, Math.min(2 * (context.concurrency ?? availableParallelism()), context.total));
  await Promise.all(Array.from({ length: workers }, worker));
  if (stopped) throw stopped.error;
  return { entries, diagnostics };
}

const docxGuard = join(packageRoot, 'src', 'publish', 'docx-guard.lua');
const docxNotes = join(packageRoot, 'src', 'publish', 'docx-notes.lua');

/**
 * pandoc's arguments for a Word edition. The resource policy has refused every address outside the
 * document before this; docx-guard.lua is the second line (pandoc 2.17's --sandbox cannot write docx
 * from Debian's build).
 */
export function docxArgs(lang: string, { pageNotes = false } = {}): string[] {
  // A note style's notes become Word footnotes (docx-notes.lua), as they are page-foot notes in the PDF.
  return [`--lua-filter=${docxGuard}`, ...(pageNotes ? [`--lua-filter=${docxNotes}`] : []), '--metadata', `lang=${lang}`];
}

async function publishEdition(
  edition: Edition,
  context: PublishContext,
): Promise<{ entry: ManifestEntry; warnings: Diagnostic[] } | { blocked: string[] } | { overBudget: Diagnostic }> {
  const dir = join(context.outDir, edition.id);
  const files: { path: string; format: OutputFormat; data: string | Uint8Array }[] = [];
  let pages: number | undefined;
  const warnings: Diagnostic[] = [];
  if (context.formats.includes('html')) files.push({ path: join(dir, `${edition.name}.html`), format: 'html', data: edition.html });
  const told = (file: (typeof files)[number]) => context.onOutput?.({ id: edition.id, name: edition.name, format: file.format, path: file.path });
  let writtenHtml: string | undefined;
  if (context.onOutput && files[0]) {
    await writeFilesAtomically([files[0]]);
    writtenHtml = edition.html;
    told(files[0]);
  }
  if (context.printer && context.formats.includes('pdf')) {
    let { html, print } = edition;
    let printed = await context.printer.print({ id: edition.name, html: print, pageNotes: edition.pageNotes });
    if (printed.blocked.length > 0) return { blocked: printed.blocked };
    let finalized = await finalizePdf(printed.pdf, edition.metadata);
    let contentsHeading: string | undefined;
    // Page counts are known only after printing: a long document is printed again with its contents.
    if (edition.renderWithToc && edition.tocMinPages && finalized.pages >= edition.tocMinPages) {
      contentsHeading = edition.contentsHeading;
      ({ html, print } = edition.renderWithToc());
      printed = await context.printer.print({ id: edition.name, html: print, pageNotes: edition.pageNotes });
      finalized = await finalizePdf(printed.pdf, edition.metadata);
    }
    if (context.formats.includes('html') && html !== edition.html) files[0] = { ...files[0]!, data: html };
    pages = finalized.pages;
    const overBudget = edition.pageBudget && checkPageBudget(edition.name, pages, finalized.outline, edition.pageBudget);
    if (overBudget) return { overBudget };
    warnings.push(...underfilledPages(finalized.fills, pages, finalized.outline, { name: edition.name, specFile: edition.specFile, sections: edition.sectionsAt ?? new Map(), contentsHeading }));
    files.push({ path: join(dir, `${edition.name}.pdf`), format: 'pdf', data: finalized.pdf });
  }
  if (context.formats.includes('docx')) {
    // An editable Word version of the same document, for ministries that edit before sending. Its
    // creation date and the times in its zip are the PDF's date, so the same inputs give the same bytes.
    // Its styles, page and header and footer come from the reference document, the header and
    // footer text from the document (fillPageFurniture).
    const docx = await context.pandoc.runBinary(edition.print, {
      from: 'html',
      to: 'docx',
      args: [...docxArgs(edition.lang, { pageNotes: edition.pageNotes }), ...(context.referenceDocx ? ['--reference-doc', context.referenceDocx] : [])],
      env: { SOURCE_DATE_EPOCH: String(Math.floor(edition.metadata.date.getTime() / 1000)) },
    });
    const data = context.referenceDocx ? fillPageFurniture(docx, edition.docxPage, edition.metadata.date) : docx;
    files.push({ path: join(dir, `${edition.name}.docx`), format: 'docx', data });
  }
  const rest = files.filter((file) => !(file.format === 'html' && file.data === writtenHtml));
  await writeFilesAtomically(rest);
  rest.forEach(told);
  return {
    warnings,
    entry: {
      id: edition.id,
      ...(edition.recipient ? { recipient: edition.recipient } : {}),
      lang: edition.lang,
      kind: edition.kind,
      title: edition.title,
      date: edition.date,
      countries: edition.countries,
      ...(pages !== undefined ? { pages } : {}),
      files: files.map((f) => ({
        path: relative(context.outDir, f.path),
        format: f.format,
        size: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength,
        sha256: sha256(f.data),
      })),
      citationKeys: edition.citationKeys,
      findings: edition.findings,
      inputHash: edition.inputHash,
    },
  };
}
