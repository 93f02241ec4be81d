import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderRequest, type CitationRequest, type PreparedStyle, type RenderedCitations } from './citation-engine.js';
import type { WorkerReply, WorkerRequest } from './citation-worker.js';

/** Below this many documents per extra thread, starting one (its code, its compiled styles) costs more than it saves. */
const documentsPerWorker = 4;

export interface CitationThreads {
  /** Renders every request, in this thread and the workers, and gives the results in request order. */
  renderAll(requests: readonly CitationRequest[]): Promise<RenderedCitations[]>;
  /** How many documents the worker threads have rendered so far (the rest were rendered here). */
  renderedByWorkers(): number;
  close(): Promise<void>;
}

/**
 * Worker threads for a batch's citations, started as soon as the batch is known so that loading
 * citeproc and compiling the styles overlaps with pandoc's parsing. One document's clusters always
 * stay together in one engine; documents are handed out one by one to whichever thread is free.
 */
export function startCitationThreads(documents: number, styles: Iterable<PreparedStyle>, threads = availableParallelism()): CitationThreads {
  const count = Math.max(0, Math.min(threads - 1, Math.floor(documents / documentsPerWorker)));
  const styleIds = new Map([...styles].map((style, index) => [style, index]));
  const workers = Array.from({ length: count }, () => startWorker(styleIds));
  return {
    renderAll: (requests) => renderAll(requests, workers, styleIds),
    renderedByWorkers: () => workers.reduce((sum, w) => sum + w.rendered, 0),
    close: async () => {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

interface CitationWorker {
  worker: Worker;
  rendered: number;
  /** Stopped (failed to start, crashed, or terminated): it gets no more documents. */
  stopped: boolean;
  /** Where replies go while a batch is rendered. */
  onReply?: (reply: WorkerReply) => void;
  /** Called when the worker stops unexpectedly. */
  onExit?: () => void;
}

function startWorker(styleIds: ReadonlyMap<PreparedStyle, number>): CitationWorker {
  const entry: CitationWorker = { worker: new Worker(workerScript()), rendered: 0, stopped: false };
  const stop = () => {
    entry.stopped = true;
    entry.onExit?.();
  };
  entry.worker.on('message', (reply: WorkerReply) => entry.onReply?.(reply));
  entry.worker.on('error', stop);
  entry.worker.on('exit', stop);
  for (const [style, styleId] of styleIds) entry.worker.postMessage({ kind: 'compile', styleId, style } satisfies WorkerRequest);
  return entry;
}

/**
 * The built worker next to the built code (dist/citation-worker.cjs by the bundled CLI, lib/citation-worker.js
 * by the library), or the TypeScript source run through tsx (tests, a checkout being edited).
 */
function workerScript(): URL {
  const here = import.meta.url;
  const built = /\.(c?js)$/.exec(here)?.[1];
  return new URL(built ? `./citation-worker.${built}` : './citation-worker-from-source.mjs', here);
}

async function renderAll(requests: readonly CitationRequest[], workers: readonly CitationWorker[], styleIds: ReadonlyMap<PreparedStyle, number>): Promise<RenderedCitations[]> {
  const results: RenderedCitations[] = new Array(requests.length);
  let next = 0;
  let failure: Error | undefined;
  const take = () => (failure === undefined && next < requests.length ? next++ : undefined);
  // Requests a worker held when it stopped; this thread renders them at the end.
  const orphans: number[] = [];

  const inWorker = (entry: CitationWorker) =>
    new Promise<void>((resolve) => {
      if (entry.stopped) return resolve();
      const inFlight = new Set<number>();
      const send = () => {
        const id = take();
        if (id === undefined) {
          if (inFlight.size === 0) resolve();
          return;
        }
        const { style, ...request } = requests[id]!;
        const styleId = styleIds.get(style);
        // The workers were given the styles of the batch: any other is a mistake in the caller.
        if (styleId === undefined) {
          failure ??= new Error(`Document ${id} has a style the citation workers were not given`);
          if (inFlight.size === 0) resolve();
          return;
        }
        inFlight.add(id);
        entry.worker.postMessage({ kind: 'render', id, styleId, request } satisfies WorkerRequest);
      };
      entry.onReply = (reply) => {
        inFlight.delete(reply.id);
        if ('error' in reply) failure ??= new Error(reply.error);
        else (results[reply.id] = reply.rendered), entry.rendered++;
        send();
      };
      entry.onExit = () => {
        orphans.push(...inFlight);
        inFlight.clear();
        entry.onReply = entry.onExit = undefined;
        resolve();
      };
      // Two at a time, so a worker never waits for this thread to finish a document before its next.
      send();
      send();
    });

  const inThisThread = async () => {
    for (let id = take(); id !== undefined; id = take()) {
      try {
        results[id] = renderRequest(requests[id]!);
      } catch (error) {
        failure ??= error as Error;
      }
      // Lets the workers' replies in, so they get their next document without waiting.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  // The workers get their first documents before this thread starts on one.
  const inWorkers = workers.map(inWorker);
  await Promise.all([...inWorkers, inThisThread()]);
  for (const entry of workers) entry.onReply = entry.onExit = undefined;
  if (failure) throw failure;
  for (const id of orphans) results[id] = renderRequest(requests[id]!);
  return results;
}
