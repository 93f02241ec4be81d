import { relative, resolve, sep } from 'node:path';
import type { BuildDependencies, OutputFormat } from '../build.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/report.js';
import type { Limits } from '../limits.js';
import { readManifest } from '../publish/manifest.js';
import { version } from '../version.js';
import { previewPage } from './preview-page.js';
import { serveOutput } from './serve-output.js';
import { watchProject, type WatchBuild } from './watch-project.js';

export interface PreviewOptions {
  root: string;
  /** The document shown. */
  id: string;
  outDir?: string;
  /** 0 or absent: a free port. */
  port?: number;
  limits?: Partial<Limits>;
  /** Lines for the terminal: each build's problems and what it rebuilt. */
  log?: (text: string, failed: boolean) => void;
  clock?: () => number;
}

export interface PreviewEdition {
  name: string;
  html?: string;
  pdf?: string;
  version: number;
}

export interface Preview {
  url: string;
  port: number;
  /** The first build (its problems are on the page and in the log). */
  ready: Promise<WatchBuild>;
  close(): Promise<void>;
}

const formats: OutputFormat[] = ['html', 'pdf'];

/**
 * `brief preview ID`: a watch of the project (one warm build session) and a local server showing the
 * document's HTML edition and PDF, which reload as each is rewritten; the problems of a failed build
 * appear above the last good output, and in the log with their file:line:column.
 */
export async function startPreview(options: PreviewOptions, dependencies: Partial<BuildDependencies> = {}): Promise<Preview> {
  const root = resolve(options.root);
  const outDir = resolve(root, options.outDir ?? 'out');
  const clock = options.clock ?? (() => performance.now());
  const log = options.log ?? (() => undefined);
  let buildNumber = 0;
  let lastBuild: { event: string; data: unknown } | undefined;
  const server = await serveOutput({ outDir, port: options.port, page: () => previewPage(options.id), current: () => lastBuild });
  const urlPath = (file: string) => `/${relative(outDir, file).split(sep).map(encodeURIComponent).join('/')}`;

  const watch = watchProject(
    {
      root,
      ids: [options.id],
      outDir,
      formats,
      limits: options.limits,
      clock,
      onBuildStart: () => {
        buildNumber++;
      },
      onOutput: (output) => {
        if (output.id === options.id) server.broadcast('output', { name: output.name, format: output.format, path: urlPath(output.path), version: buildNumber });
      },
      onBuild: (build) => {
        void announce(build);
      },
    },
    dependencies,
  );

  const announce = async (build: WatchBuild) => {
    const { diagnostics } = build.result;
    const ok = !hasErrors(diagnostics);
    const took = `${Math.round(build.finishedAt - build.startedAt)} ms`;
    const built = build.result.documents.length > 0;
    const status = ok ? (built ? `built in ${took}` : 'up to date') : `${errorCount(diagnostics)}; showing the last good output`;
    const changed = build.changed.length > 0 ? ` after a change of ${build.changed.join(', ')}` : '';
    log(`${ok ? (built ? 'rebuilt' : 'checked') : 'failed'} ${options.id}${changed} in ${took}${diagnostics.length > 0 ? `\n${formatReport(diagnostics)}` : ''}`, !ok);
    lastBuild = { event: 'build', data: { ok, status, problems: diagnostics.length > 0 ? formatReport(diagnostics) : '', editions: await editionsOf(options.id, outDir, urlPath, buildNumber) } };
    server.broadcast(lastBuild.event, lastBuild.data);
  };

  return {
    url: server.url,
    port: server.port,
    ready: watch.ready,
    async close() {
      await watch.close();
      await server.close();
    },
  };
}

/** The document's editions as the last good build left them (from the manifest). */
async function editionsOf(id: string, outDir: string, urlPath: (file: string) => string, versionNumber: number): Promise<PreviewEdition[]> {
  const manifest = await readManifest(outDir, `Briefwright ${version}`);
  return manifest.documents
    .filter((entry) => entry.id === id)
    .map((entry) => {
      const file = (format: string) => entry.files.find((f) => f.format === format)?.path;
      const [html, pdf] = [file('html'), file('pdf')];
      const name = (html ?? pdf ?? id).split('/').at(-1)!.replace(/\.(html|pdf)$/, '');
      return { name, ...(html ? { html: urlPath(resolve(outDir, html)) } : {}), ...(pdf ? { pdf: urlPath(resolve(outDir, pdf)) } : {}), version: versionNumber };
    });
}

function errorCount(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} error${errors === 1 ? '' : 's'}`;
}
