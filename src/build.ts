import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { diagnostic } from './diagnostics/catalogue.js';
import { wrapStage } from './diagnostics/errors.js';
import { loadProject, newLoadCache, type LoadedBrief } from './load/load-project.js';
import { inShard, selectBriefs } from './load/select-briefs.js';
import { nodeFileSystem, type ReadFileSystem } from './load/file-system.js';
import { validateReferences } from './validate/validate-references.js';
import { validateMarkdown } from './validate/validate-markdown.js';
import { defaultLimits, type Limits } from './limits.js';
import { checkProjectLibrary } from './bib/check-project-library.js';
import { reconcileDocuments } from './reconcile/reconcile-documents.js';
import { createPandoc, type Pandoc } from './markdown/pandoc.js';
import { convertDocuments, FragmentCache } from './markdown/convert-fragments.js';
import { defaultCslDirs, type CslDirs } from './cite/csl-files.js';
import { compileCitationEngine, type PreparedStyle } from './cite/citation-engine.js';
import { prepareStyle } from './cite/prepare-style.js';
import { findingIndex } from './model/finding-index.js';
import { planFragments, type PlannedFragment } from './resolve/plan-fragments.js';
import { applyCitations, collectCitations, type ResolvedCitations } from './resolve/resolve-citations.js';
import { editionFragments } from './resolve/edition-citations.js';
import { startCitationThreads, type CitationThreads } from './cite/render-citation-batch.js';
import { createCitationMemo } from './cite/citation-memo.js';
import { loadTemplates, templateDirs } from './render/load-templates.js';
import { createRenderer } from './render/render-html.js';
import { editionCount, editionsOf } from './render/render-editions.js';
import { findChromium } from './print/find-chromium.js';
import { fontPackagesDir } from './print/fonts.js';
import { createAssetResolver, launchPrinter, type PdfPrinter } from './print/print-pdf.js';
import { publishEditions, type OutputFormat, type Progress, type WrittenOutput } from './publish/publish-documents.js';
import { inputHash } from './publish/input-hash.js';
import { mergeEditions, mergeManifest, readManifest, type ManifestEntry } from './publish/manifest.js';
import { onInterrupt } from './util/on-interrupt.js';
import { hasManifest, isUpToDate, updateManifest } from './publish/previous-build.js';
import { reclaimLeftovers } from './publish/leftovers.js';
import { publishAssets } from './publish/publish-assets.js';
import { sharedInputs } from './publish/shared-inputs.js';
import { findReferenceDocx } from './publish/reference-docx.js';
import { writeSite } from './publish/write-site.js';
import { version } from './version.js';
import { loadSources } from './verify/load-sources.js';
import { buildVerification } from './verify/verification-state.js';

export type { OutputFormat, Progress, WrittenOutput };
export { fontPackagesDir };
export const outputFormats: readonly OutputFormat[] = ['pdf', 'html', 'docx'];
/** What `brief build` writes unless --format says otherwise. */
export const defaultFormats: readonly OutputFormat[] = ['pdf', 'html'];

export interface BuildOptions {
  /** Project folder (briefs/, findings/, references.bib); defaults to the working directory. */
  root?: string;
  /** Documents to build; all when empty. */
  ids?: readonly string[];
  outDir?: string;
  formats?: readonly OutputFormat[];
  /** Validate and render HTML in memory, print and write nothing (`brief check`). */
  checkOnly?: boolean;
  /** Rebuild documents whose inputs have not changed since the last build. */
  force?: boolean;
  /** Build only the K-th of N deterministic parts of the selected documents (1-based). */
  shard?: { index: number; count: number };
  /** Documents printed at the same time (default: the number of cores). */
  concurrency?: number;
  onProgress?: (progress: Progress) => void;
  /** Told of each file as it is written; with a listener, HTML is written before its PDF is printed (preview). */
  onOutput?: (output: WrittenOutput) => void;
  /** Called as each stage of the build ends, with its name (`brief build --timings`). */
  onStage?: (stage: string) => void;
  limits?: Partial<Limits>;
  /**
   * Folder of the papers' text files (sources.yaml maps BibTeX keys to files there, as for `brief
   * verify`): each entry of a document's evidence list then says whether its phrase and figure were
   * found in the paper. Without it, entries say they were not checked in this build.
   */
  sourcesDir?: string;
}

/** Parts a build talks to, passed in so tests can swap a slow or absent one. */
export interface BuildDependencies {
  fs: ReadFileSystem;
  cslDirs: CslDirs;
  createPandoc: () => Promise<Pandoc>;
  findChromium: () => Promise<string>;
}

export interface BuiltDocument {
  id: string;
  recipient?: string;
  /** Absolute paths of the files written. */
  files: string[];
  /** Pages of the PDF, when one was printed. */
  pages?: number;
  citedKeys: string[];
  findings: string[];
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  documents: BuiltDocument[];
  /** Documents left as they were because none of their inputs changed. */
  skipped: string[];
}

export const defaultDependencies: BuildDependencies = {
  fs: nodeFileSystem,
  cslDirs: defaultCslDirs,
  createPandoc: () => createPandoc(),
  findChromium: () => findChromium(),
};

interface DocumentJob {
  brief: LoadedBrief;
  style: PreparedStyle;
  fragments: PlannedFragment[];
  inputHash: string;
}

/** The one build function behind `brief build`, `brief check` and the programmatic API: a session of one build. */
export async function build(options: BuildOptions = {}, dependencies: Partial<BuildDependencies> = {}): Promise<BuildResult> {
  const session = openBuildSession(options, dependencies, { keepWarm: false });
  try {
    return await session.build();
  } finally {
    await session.close();
  }
}

/**
 * A build pipeline kept open between builds (`brief preview`, `brief watch`): Chromium with its pages
 * and the prepared citation styles (with their compiled citeproc engines) stay warm, and each build
 * redoes only the documents whose inputs changed. `build()` is a session of one build.
 */
export interface BuildSession {
  /** Builds with the session's options, overridden by `options`. */
  build(options?: BuildOptions): Promise<BuildResult>;
  /** Forgets what changed files (project-relative paths) make stale: prepared styles and locales, the stylesheet and images Chromium holds. */
  invalidate(changed: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export function openBuildSession(base: BuildOptions = {}, dependencies: Partial<BuildDependencies> = {}, { keepWarm = true } = {}): BuildSession {
  const deps = { ...defaultDependencies, ...dependencies };
  const root = resolve(base.root ?? process.cwd());
  const templateFolders = templateDirs(join(root, 'templates'));
  const assets = createAssetResolver(templateFolders, fontPackagesDir());
  // Most documents share a style and language: each pair is read and prepared once per session.
  const cslCache = new Map<string, Promise<unknown>>();
  // A file that has not changed since the last build of the session is not parsed again.
  const loadCache = newLoadCache();
  // Nor is a field whose Markdown did not change converted again, nor a document whose citations did not change cited again.
  const fragmentCache = keepWarm ? new FragmentCache() : undefined;
  const citationMemo = keepWarm ? createCitationMemo() : undefined;
  let printerStarting: Promise<PdfPrinter> | undefined;
  const startPrinter = (options: BuildOptions) => {
    const limits = { ...defaultLimits, ...options.limits };
    const printerOptions = {
      timeoutMs: limits.renderTimeoutMs,
      pages: options.concurrency ?? availableParallelism(),
      // One or two named documents print sooner from one Chromium process; a batch prints faster from several.
      singleProcess: (options.ids?.length ?? 0) > 0 && options.ids!.length <= 2,
    };
    printerStarting ??= deps.findChromium().then((path) => launchPrinter(path, assets, printerOptions));
    printerStarting.catch(() => undefined);
  };
  let closing: Promise<void> = Promise.resolve();
  const closePrinter = () => {
    const starting = printerStarting;
    printerStarting = undefined;
    if (starting) closing = Promise.all([closing, starting.then((printer) => printer.close(), () => undefined)]).then(() => undefined);
    return closing;
  };
  return {
    build: (overrides = {}) => buildOnce({ ...base, ...overrides }),
    async invalidate(changed) {
      if (changed.some((file) => /\.(csl|xml)$/.test(file))) cslCache.clear();
      // Chromium keeps the stylesheet, fonts and images of the templates for the printer's life.
      if (changed.some((file) => file.startsWith('templates/'))) await closePrinter();
    },
    close: closePrinter,
  };

  async function buildOnce(options: BuildOptions): Promise<BuildResult> {
    const outDir = resolve(root, options.outDir ?? 'out');
    const formats = options.formats ?? defaultFormats;
    const limits = { ...defaultLimits, ...options.limits };
    const stage = options.onStage ?? (() => undefined);
    // Read while the project loads; every document needs them, and their identity is part of each input hash.
    const templatesLoading = loadTemplates(templateFolders, limits.templateBytes);
    templatesLoading.catch(() => undefined);

    // Chromium starts while the project is loaded and checked. A first build into this folder, or
    // --force, builds every document it selects, so it starts at once; otherwise only once some
    // document turns out to be out of date (a fully cached run starts none).
    const printing = formats.includes('pdf') && !options.checkOnly;
    const everythingToBuild = options.force || !(await hasManifest(outDir));
    if (printing && everythingToBuild) startPrinter(options);
    // Chromium profiles and temporary files of earlier runs that were killed outright.
    const reclaiming = options.checkOnly ? Promise.resolve() : reclaimLeftovers(outDir).then(() => undefined, () => undefined);
    let citationThreads: CitationThreads | undefined;
    try {
      const result = await buildDocuments();
      // The documents site (index.html, SHA256SUMS) follows the manifest, whatever this run built.
      if (!options.checkOnly) await writeSite(outDir, templateFolders);
      return result;
    } finally {
      await Promise.all([keepWarm ? undefined : closePrinter(), citationThreads?.close(), reclaiming]);
      stage('close');
    }

    async function buildDocuments(): Promise<BuildResult> {
      const { project, diagnostics } = await loadProject(root, deps.fs, limits, loadCache);
      // The papers' texts, when given: the evidence lists say which findings were found in them.
      let verification: ReturnType<typeof buildVerification> | undefined;
      if (options.sourcesDir) {
        const loaded = await loadSources(root, resolve(root, options.sourcesDir), deps.fs, limits);
        diagnostics.push(...loaded.diagnostics);
        verification = buildVerification(loaded.sources);
      }
      stage('load');
      diagnostics.push(...validateReferences(project));
      diagnostics.push(...checkProjectLibrary(project));
      stage('check');
      const selected = selectBriefs(project, options.ids ?? [], diagnostics);
      // Conflicting findings used one-sidedly, figures typed without a citation (warnings).
      diagnostics.push(...reconcileDocuments(project, selected));
      // Problems in shared inputs (findings, references) affect every document: stop before rendering.
      if (hasErrors(diagnostics.filter((d) => !d.file.startsWith('briefs/')))) return { diagnostics, documents: [], skipped: [] };
      const valid = selected.filter((b) => !hasErrors(diagnostics.filter((d) => d.file === b.source.file)));

      stage('reconcile');
      const findings = findingIndex(project);
      const templates = await templatesLoading;
      // A template the file policy refuses affects every document: stop before rendering.
      diagnostics.push(...templates.diagnostics);
      if (hasErrors(templates.diagnostics)) return { diagnostics, documents: [], skipped: [] };
      const referenceDocx = formats.includes('docx') ? await findReferenceDocx(templates.assetDirs) : undefined;
      const sharedText = await sharedInputs(templates, formats, referenceDocx);
      const shared = { shared: verification ? `${sharedText}\0sources ${verification.digest}` : sharedText, findings, library: project.library };
      const previous = await readManifest(outDir, `Briefwright ${version}`);
      const jobs: DocumentJob[] = [];
      const skipped: string[] = [];
      const planned: { brief: LoadedBrief; style: PreparedStyle; hash: string }[] = [];
      for (const brief of inShard(valid, options.shard)) {
        const style = await prepareStyle(brief, root, deps.cslDirs, diagnostics, cslCache, limits);
        if (style) planned.push({ brief, style, hash: inputHash(brief, style.style.xml, shared) });
      }
      // The outputs of every document are looked at side by side: a cached run is mostly this.
      const upToDate = options.force || options.checkOnly ? [] : await Promise.all(planned.map(({ brief, hash }) => isUpToDate(previous, brief.id, hash, outDir)));
      for (const [i, { brief, style, hash }] of planned.entries()) {
        if (upToDate[i]) skipped.push(brief.id);
        else jobs.push({ brief, style, fragments: planFragments(brief, findings), inputHash: hash });
      }
      stage('plan');
      if (jobs.length === 0) return { diagnostics, documents: [], skipped };

      if (printing) startPrinter(options);
      const styles = new Set(jobs.map((job) => job.style));
      citationThreads = startCitationThreads(jobs.length, styles);
      const pandoc = await deps.createPandoc();
      const parsing = wrapStage('markdown', () => convertDocuments(pandoc, jobs.map((j) => j.fragments), availableParallelism(), { cache: fragmentCache }));
      parsing.catch(() => undefined);
      // Compiling a style takes citeproc a few hundred milliseconds: do it while pandoc parses, once
      // pandoc has been handed its input, or it would wait for the compiler.
      await pandocHasInput();
      for (const style of styles) compileCitationEngine(style);
      const parsed = await parsing;
      for (const warning of parsed.warnings) {
        const origin = (warning.fragment as PlannedFragment | undefined)?.origin;
        diagnostics.push(
          diagnostic('pandoc-warning', {
            file: origin?.source.file ?? 'markdown',
            ...(origin ? origin.source.positionOf(origin.path) : {}),
            message: `pandoc: ${warning.message.replace(/\s+/g, ' ').replace(/ at line \d+ column \d+$/, '')}`,
          }),
        );
      }
      stage('markdown');
      const collected = jobs
        .filter((job) => {
          const problems = [...validateMarkdown(job.fragments, parsed.blocks, limits), ...lostFragments(job.fragments, parsed.lost)];
          diagnostics.push(...problems);
          return !hasErrors(problems);
        })
        .map((job) => {
          const collect = (fragments: readonly PlannedFragment[]) =>
            collectCitations({
              fragments,
              parsed: parsed.blocks,
              findings,
              library: project.library,
              style: job.style,
              lang: job.brief.spec.lang,
              nocite: job.brief.spec.nocite,
              figureCitations: job.brief.spec.figure_citations,
            });
          const citations = collect(job.fragments);
          diagnostics.push(...citations.diagnostics);
          // A memo whose editions cite differently gets each edition's citations rendered on its own.
          const perEdition = hasErrors(citations.diagnostics) ? undefined : editionFragments(job.brief, findings, citations);
          return { job, citations, editions: perEdition?.map(collect) };
        })
        .filter(({ citations }) => !hasErrors(citations.diagnostics));
      // The syntax trees have been read: let them go, for a large batch's memory.
      parsed.blocks.clear();
      const requests = collected.flatMap(({ citations, editions }) => (editions ?? [citations]).map((c) => c.request));
      const threads = citationThreads;
      const rendered = await (citationMemo ? citationMemo.renderAll(requests, threads.renderAll) : threads.renderAll(requests));
      void citationThreads.close();
      stage('citations');
      let next = 0;
      const resolved = collected.map(({ job, citations, editions }) => {
        if (!editions) return { job, result: applyCitations(citations, rendered[next++]!, parsed.html) };
        const perEdition: ResolvedCitations[] = editions.map((edition) => applyCitations(edition, rendered[next++]!, parsed.html));
        // The document as a whole: the findings and works of all its editions.
        const result = { ...perEdition[0]!, usedFindings: citations.usedFindings, citedKeys: citations.citedKeys };
        return { job, result, editionCitations: perEdition };
      });
      parsed.html.clear();
      stage('html fragments');
      const render = createRenderer(templates);
      const plannedEditions = editionCount(resolved.map(({ job }) => job), findings);
      const renderEditions = () =>
        editionsOf(
          resolved.map(({ job, result, editionCitations }) => ({ brief: job.brief, citations: result, editionCitations, numericStyle: job.style.style.numeric, terms: job.style.terms, inputHash: job.inputHash })),
          { root, findings, library: project.library, verification: verification?.state, render, limits, diagnostics, checkOnly: options.checkOnly ?? false },
        );
      if (options.checkOnly) {
        for await (const _ of renderEditions());
        return { diagnostics, documents: [], skipped };
      }

      stage('render');
      const printer = printing && plannedEditions > 0 ? await printerStarting : undefined;
      stage('chromium');
      await reclaiming;
      // Interrupted (Ctrl-C), the build records the editions it finished, so every entry matches its file.
      const written: ManifestEntry[] = [];
      const forgetInterrupt = onInterrupt(async () => {
        if (written.length > 0) await updateManifest(outDir, previous.generator, (current) => mergeEditions(current, written));
      });
      const published = await publishEditions(renderEditions(), {
        root,
        outDir,
        formats,
        printer,
        pandoc,
        referenceDocx,
        total: plannedEditions,
        concurrency: options.concurrency,
        onProgress: options.onProgress,
        onOutput: options.onOutput,
        onWritten: (entry) => written.push(entry),
      }).finally(forgetInterrupt);
      stage('print');
      // Chromium shuts down while the manifest and assets are written.
      if (!keepWarm) void closePrinter();
      diagnostics.push(...published.diagnostics);
      // A document with a failed edition keeps its previous manifest entries, like its previous files.
      const failed = new Set(published.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
      const complete = published.entries.filter((e) => !failed.has(project.briefs.find((b) => b.id === e.id)!.source.file));
      // Nothing written means nothing to record: a failed build leaves the folder as it was.
      if (complete.length > 0) {
        const ids = new Set(project.briefs.map((b) => b.id));
        await updateManifest(outDir, previous.generator, (current) => mergeManifest(current, complete, ids));
      }
      // The HTML outputs need the stylesheet and fonts next to them: those Chromium used, when it printed.
      // The documents site (index.html) uses them too, whatever the formats.
      if (published.entries.length > 0) await publishAssets(assets, outDir, printer?.servedAssets());
      stage('manifest');
      const documents = published.entries.map((e) => ({
        id: e.id,
        ...(e.recipient ? { recipient: e.recipient } : {}),
        files: e.files.map((f) => join(outDir, f.path)),
        ...(e.pages !== undefined ? { pages: e.pages } : {}),
        citedKeys: e.citationKeys,
        findings: e.findings,
      }));
      return { diagnostics, documents, skipped };
    }
  }
}

/** Pandoc is handed its input a timer tick after it starts: work that blocks this thread waits for it. */
const pandocHasInput = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A fragment pandoc did not return exactly once and intact fails its document, at the field it came from. */
function lostFragments(fragments: readonly PlannedFragment[], lost: readonly unknown[]): Diagnostic[] {
  return fragments
    .filter((fragment) => lost.includes(fragment))
    .map(({ origin }) =>
      diagnostic('fragment-lost', { file: origin.source.file, ...origin.source.positionOf(origin.path), message: 'This Markdown field did not come back from pandoc exactly once and intact' }),
    );
}
