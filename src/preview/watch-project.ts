import { relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { diagnostic } from '../diagnostics/catalogue.js';
import { openBuildSession, type BuildDependencies, type BuildOptions, type BuildResult, type WrittenOutput } from '../build.js';

/** One finished build of a watch: what changed, what it gave, and when (clock milliseconds). */
export interface WatchBuild {
  /** Project-relative paths of the files whose change started it (none for the first build). */
  changed: string[];
  result: BuildResult;
  startedAt: number;
  finishedAt: number;
}

export interface WatchOptions extends Omit<BuildOptions, 'onOutput' | 'force' | 'checkOnly'> {
  root: string;
  /** Told of each output file as it is written (HTML before its PDF). */
  onOutput?: (output: WrittenOutput, at: number) => void;
  onBuildStart?: (changed: string[]) => void;
  onBuild?: (build: WatchBuild) => void;
  clock?: () => number;
}

export interface ProjectWatch {
  /** Settles when the first build is done and the watcher is ready. */
  ready: Promise<WatchBuild>;
  close(): Promise<void>;
}

/** Files whose change can change a document: specs, findings, the library, templates, styles, locales, images. */
const inputFile = /\.(ya?ml|bib|hbs|css|csl|xml|svg|png|jpe?g)$/i;
/** Folders no input is in (the output folder is added to these). */
const ignoredFolders = new Set(['node_modules', '.git', 'dist', 'lib']);

/**
 * Builds the documents, then rebuilds them whenever an input changes, in one warm build session
 * (Chromium, citation styles): `brief watch` and, with a server, `brief preview`. Changes that come
 * while a build runs are gathered into the next one; a build skips the documents none of whose inputs
 * changed. A failed build writes nothing, so the last good output stays.
 */
export function watchProject(options: WatchOptions, dependencies: Partial<BuildDependencies> = {}): ProjectWatch {
  const root = resolve(options.root);
  const outDir = resolve(root, options.outDir ?? 'out');
  const clock = options.clock ?? (() => performance.now());
  const session = openBuildSession({ ...options, root, outDir, onOutput: (output) => options.onOutput?.(output, clock()) }, dependencies);
  let pending: string[] = [];
  let running: Promise<void> | undefined;
  let closed = false;
  let resolveReady!: (build: WatchBuild) => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<WatchBuild>((yes, no) => ((resolveReady = yes), (rejectReady = no)));
  ready.catch(() => undefined);

  const runBuild = async (changed: string[]) => {
    const startedAt = clock();
    options.onBuildStart?.(changed);
    await session.invalidate(changed);
    const result = await session.build();
    const build = { changed, result, startedAt, finishedAt: clock() };
    options.onBuild?.(build);
    return build;
  };
  const drain = async () => {
    while (pending.length > 0 && !closed) {
      const changed = [...new Set(pending)].sort();
      pending = [];
      try {
        await runBuild(changed);
      } catch (error) {
        // An unexpected failure (Chromium gone, disk full) is reported as a failed build; watching goes on.
        options.onBuild?.({ changed, result: { diagnostics: [failure(error)], documents: [], skipped: [] }, startedAt: clock(), finishedAt: clock() });
      }
    }
    running = undefined;
  };
  const changedFile = (path: string) => {
    pending.push(relative(root, path).split(sep).join('/'));
    // Editors write a file in several steps: the changes of one tick make one build.
    running ??= new Promise((next) => setTimeout(next, 5)).then(drain);
  };

  const outside = (path: string) => {
    const rel = relative(root, path);
    return rel.startsWith('..') || path === outDir || path.startsWith(outDir + sep);
  };
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    ignored: (path, stats) => {
      if (path === root) return false;
      if (outside(path) || relative(root, path).split(sep).some((part) => ignoredFolders.has(part) || part.endsWith('.tmp'))) return true;
      return stats?.isFile() === true && !inputFile.test(path);
    },
  });
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, changedFile);
  watcher.on('error', () => undefined);

  // The first build runs before any rebuild: changes meanwhile wait for it.
  const first = runBuild([]);
  running = first.then(
    () => undefined,
    () => undefined,
  );
  void running.then(() => {
    running = undefined;
    if (pending.length > 0) running = drain();
  });
  Promise.all([first, new Promise<void>((ok) => watcher.once('ready', () => ok()))]).then(([build]) => resolveReady(build), rejectReady);

  return {
    ready,
    async close() {
      closed = true;
      await watcher.close();
      await running?.catch(() => undefined);
      await session.close();
    },
  };
}

function failure(error: unknown) {
  return diagnostic('render-failed', { file: '(build)', message: error instanceof Error ? error.message : String(error), hint: 'The watch goes on: save again to retry.' });
}
