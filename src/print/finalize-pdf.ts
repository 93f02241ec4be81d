import { PDFDocument } from 'pdf-lib';

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
export async function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author.join('; '));
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.creator);
  doc.setLanguage(meta.language);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  return { pdf: await doc.save({ useObjectStreams: false, updateFieldAppearances: false }), pages: doc.getPageCount() };
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) when set, otherwise the document's own date at midnight UTC. */
export function documentDate(isoDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${isoDate}T00:00:00Z`);
}
