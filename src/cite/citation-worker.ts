// A worker thread that renders documents' citations (render-citation-batch.ts): citeproc is the
// largest share of preparing a document, and nothing else runs while a batch's citations are
// rendered, so a second thread uses the other core.
import { parentPort } from 'node:worker_threads';
import { compileCitationEngine, renderRequest, type CitationRequest, type PreparedStyle, type RenderedCitations } from './citation-engine.js';

export type WorkerRequest = { kind: 'compile'; style: PreparedStyle } | { kind: 'render'; id: number; request: CitationRequest };
export type WorkerReply = { id: number; rendered: RenderedCitations } | { id: number; error: string };

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.kind === 'compile') return compileCitationEngine(message.style);
  try {
    parentPort!.postMessage({ id: message.id, rendered: renderRequest(message.request) } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
});
