import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { realpath } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import sirv from 'sirv';

export interface OutputServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** Sends a server-sent event to every open preview page. */
  broadcast(event: string, data: unknown): void;
  close(): Promise<void>;
}

export interface OutputServerOptions {
  /** The only folder files are served from. */
  outDir: string;
  /** 0 (the default): a free port. */
  port?: number;
  /** The preview page, at `/`. */
  page: () => string;
  /** The event a page gets when it connects (the state it has missed), if any. */
  current?: () => { event: string; data: unknown } | undefined;
}

const host = '127.0.0.1';
const eventsPath = '/_preview/events';

/**
 * A local server for a preview: the preview page at `/`, server-sent events at /_preview/events, and
 * the files of the output folder (through sirv, without caching). It listens on 127.0.0.1 only, and
 * answers only requests addressed to it by that name (a web page elsewhere cannot reach it through
 * DNS rebinding); no path leads out of the output folder, through `..`, its encoded forms or symbolic links.
 */
export async function serveOutput(options: OutputServerOptions): Promise<OutputServer> {
  const outDir = resolve(options.outDir);
  const files = sirv(outDir, { dev: true, dotfiles: false, etag: true });
  const clients = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const hostHeader = request.headers.host ?? '';
    if (hostHeader !== `${host}:${port}` && hostHeader !== `localhost:${port}`) return refuse(response, 403, 'Forbidden');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    const url = new URL(request.url ?? '/', `http://${host}:${port}`);
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...pageSecurityHeaders });
      return response.end(options.page());
    }
    if (url.pathname === eventsPath) return subscribe(request, response);
    const file = await insideOutput(outDir, url.pathname);
    if (!file) return refuse(response, 404, 'Not found');
    // sirv reads the path it is given; it gets the one checked here.
    request.url = url.pathname;
    files(request, response, () => refuse(response, 404, 'Not found'));
  };

  const subscribe = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 500\n\n');
    clients.add(response);
    request.on('close', () => clients.delete(response));
    const current = options.current?.();
    if (current) response.write(eventText(current.event, current.data));
  };

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/`,
    port,
    broadcast(event, data) {
      const text = eventText(event, data);
      for (const client of clients) client.write(text);
    },
    async close() {
      for (const client of clients) client.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The preview page runs only its own inline script and shows only what the server serves. */
const pageSecurityHeaders = {
  'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

function eventText(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/**
 * The file a URL path names inside the output folder, or undefined when it names none there: a path
 * that does not decode, holds a NUL, or leads out of the folder, by itself or through a symbolic link.
 * (The URL parser has already resolved `.` and `..` segments, encoded or not.)
 */
export async function insideOutput(outDir: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const candidate = resolve(outDir, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (!candidate.startsWith(outDir + sep)) return undefined;
  try {
    const [real, realOut] = await Promise.all([realpath(candidate), realpath(outDir)]);
    return real.startsWith(realOut + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}
