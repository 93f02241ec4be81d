// A worker thread that renders documents' citations (render-citation-batch.ts): citeproc is the
// largest share of preparing a document, and nothing else runs while a batch's citations are
// rendered, so a second thread uses the other core.
import { parentPort } from 'node:worker_threads';
import { compileCitationEngine, renderRequest, type CitationRequest, type PreparedStyle, type RenderedCitations } from './citation-engine.js';

/**
 * A style comes once, with `compile`; a request for a document names it by number instead of carrying
 * the style, its locales and terms (70-200 KB to copy between threads for every document).
 */
export type WorkerRequest =
  | { kind: 'compile'; styleId: number; style: PreparedStyle }
  | { kind: 'render'; id: number; styleId: number; request: Omit<CitationRequest, 'style'> };
export type WorkerReply = { id: number; rendered: RenderedCitations } | { id: number; error: string };

const styles = new Map<number, PreparedStyle>();

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.kind === 'compile') {
    styles.set(message.styleId, message.style);
    return compileCitationEngine(message.style);
  }
  try {
    const style = styles.get(message.styleId);
    if (!style) throw new Error(`Style ${message.styleId} was not sent to this worker`);
    parentPort!.postMessage({ id: message.id, rendered: renderRequest({ ...message.request, style }) } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
});
