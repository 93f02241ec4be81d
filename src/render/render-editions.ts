import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { wrapStage } from '../diagnostics/errors.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import type { Limits } from '../limits.js';
import type { ResolvedCitations } from '../resolve/resolve-citations.js';
import type { Edition } from '../publish/publish-documents.js';
import { recipientSlug } from '../publish/recipient-slug.js';
import { documentDate, type PdfMetadata } from '../print/finalize-pdf.js';
import { languagePack } from '../languages/index.js';
import { renderDocumentCharts } from './charts/render-chart.js';
import { documentModel, type DocumentNode } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';
import { documentView } from './document-view.js';
import { label, MissingLabel } from './labels.js';
import type { LabelKey } from '../languages/index.js';
import { loadLogo } from './load-logo.js';
import type { Renderer } from './render-html.js';
import { version } from '../version.js';
import { refusedResources } from '../policy/check-rendered-html.js';
import type { Library } from '../cite/load-library.js';
import type { LocaleTerms } from '../cite/locale-terms.js';
import { actionInEdition, shownFigures } from '../model/editions.js';
import { conflictsOf } from '../model/finding-index.js';
import { evidenceEntries, linkFigures, type VerificationState } from './evidence-view.js';

/** A document whose citations are resolved, ready to be rendered. */
export interface ResolvedDocument {
  brief: LoadedBrief;
  citations: ResolvedCitations;
  /** A memo whose editions cite differently: each edition's own citations, in the order of `editions`. */
  editionCitations?: readonly ResolvedCitations[];
  numericStyle: boolean;
  /** The style's locale terms ("and", "et al."), for the sources in the evidence list. */
  terms: LocaleTerms;
  inputHash: string;
}

export interface EditionsContext {
  root: string;
  findings: ReadonlyMap<string, LoadedFinding>;
  library: Library;
  /** Whether each finding's evidence was found in its paper in this build (`unchecked` without the papers). */
  verification?: (finding: LoadedFinding) => VerificationState;
  render: Renderer;
  limits: Pick<Limits, 'findingsPerDocument' | 'logoBytes'>;
  /** Where a document that cannot be rendered is reported. */
  diagnostics: Diagnostic[];
  /** `brief check`: also renders the contents version, which only a print would otherwise render. */
  checkOnly: boolean;
}

/** How many editions the documents make: one per memo recipient, one per other document. */
export function editionCount(documents: readonly { brief: LoadedBrief }[], findings: ReadonlyMap<string, LoadedFinding>): number {
  return documents.reduce((n, { brief }) => n + documentModel(brief, findings).editions.length, 0);
}

/**
 * Renders each document's editions (one per memo recipient) to HTML, as the printer asks for them, so
 * that one document renders while Chromium prints another. A document that cannot be rendered is
 * reported in `diagnostics` and stands as `undefined` for each of its editions.
 */
export async function* editionsOf(documents: readonly ResolvedDocument[], context: EditionsContext): AsyncGenerator<Edition | undefined> {
  const { root, findings, render, limits, diagnostics } = context;
  for (const { brief, citations, editionCitations, numericStyle, terms, inputHash } of documents) {
    const { spec } = brief;
    const document = documentModel(brief, findings);
    const recipients = document.editions;
    // A kind without a layout of its own (comparison) uses the brief layout.
    const layout = render.has(`${spec.kind}.hbs`) ? `${spec.kind}.hbs` : 'brief.hbs';
    const used = usedFindings(document, citations.usedFindings);
    if (used.length > limits.findingsPerDocument) {
      diagnostics.push(
        diagnostic('limit-exceeded', {
          file: brief.source.file,
          line: 1,
          column: 1,
          message: `The document uses ${used.length} findings; the limit is ${limits.findingsPerDocument}`,
        }),
      );
      yield* recipients.map(() => undefined);
      continue;
    }
    const logo = await loadLogo(brief, root, limits.logoBytes);
    diagnostics.push(...logo.diagnostics);
    if (hasErrors(logo.diagnostics)) {
      yield* recipients.map(() => undefined);
      continue;
    }
    const charts = await wrapStage(`charts ${brief.id}`, () => renderDocumentCharts(document));
    const viewOf = (cited: ResolvedCitations) =>
      documentView({
        brief,
        html: cited.html,
        findings,
        charts,
        logo: logo.logo,
        bibliography: cited.bibliography,
        notes: cited.notes,
        numericStyle,
        version,
        assetBase: '../assets/',
      });
    const shared = editionCitations ? undefined : viewOf(citations);
    for (const [index, edition] of recipients.entries()) {
      // Each edition's citations: its own when the editions cite differently, else the document's.
      const cited = editionCitations?.[index] ?? citations;
      const { html } = cited;
      const base = shared ?? viewOf(cited);
      const recipient = edition?.recipient;
      const paragraphs = edition?.children[0];
      // Each recipient gets the actions in its remit: those addressed to it, or to every recipient.
      const actions = document.children.filter((b) => b.kind === 'recommendation');
      const printView = recipient
        ? {
            ...base,
            recommendations: base.recommendations.filter((_, i) => actionInEdition(actions[i]!, edition)),
            recipient: { name: recipient.name, address: recipient.address, paragraphs: paragraphs && html.get(paragraphs.key) },
          }
        : base;
      // The HTML edition links every figure to its entry in an evidence list; the PDF has the list as an
      // annex when the spec asks for one (`evidence_annex: true`), and is otherwise printed without it.
      const evidence = evidenceEntries(shownFigures(document, edition, findings), {
        lang: spec.lang,
        library: context.library,
        terms,
        bibliography: cited.bibliography,
        conflicts: conflictsOf(findings),
        findings,
        verification: context.verification ?? (() => 'unchecked'),
      });
      const listed = new Set(evidence.map((entry) => entry.id));
      const view = { ...printView, evidence };
      const renderEdition = (toc?: typeof base.tocEntries) => {
        const withToc = toc ? { toc } : {};
        const html = linkFigures(render(layout, { ...view, ...withToc }), listed);
        return { html, print: spec.evidence_annex ? html : render(layout, { ...printView, ...withToc }) };
      };
      let output: Edition | undefined;
      try {
        output = {
          id: brief.id,
          name: recipient ? `${brief.id}--${recipientSlug(recipient)}` : brief.id,
          recipient: recipient?.name,
          specFile: brief.source.file,
          lang: spec.lang,
          kind: spec.kind,
          title: spec.title,
          date: spec.date,
          countries: [...spec.countries],
          ...renderEdition(),
          ...(cited.notes.length > 0 ? { pageNotes: true } : {}),
          // Only a document that turns out long enough is printed again, with its table of contents.
          ...(spec.kind === 'memo' ? {} : { renderWithToc: () => renderEdition(base.tocEntries), tocMinPages: spec.toc_min_pages, contentsHeading: label(spec.lang, 'contents') }),
          sectionsAt: headingPositions(document),
          ...(spec.max_pages ? { pageBudget: { maxPages: spec.max_pages, file: brief.source.file, at: brief.source.positionOf(['max_pages']) } } : {}),
          metadata: pdfMetadata(brief, used, findings),
          docxPage: {
            header: base.page.header,
            marking: base.page.marking,
            footer: base.page.footer,
            page: label(spec.lang, 'page'),
            of: label(spec.lang, 'of'),
            paper: spec.paper === 'letter' ? 'letter' : 'a4',
          },
          citationKeys: cited.citedKeys,
          findings: used,
          inputHash,
        };
        if (context.checkOnly) output.renderWithToc?.();
        // The resource policy, on what the templates made of the document, before any writer sees it.
        // The printed version is the HTML edition less its evidence list: an address both name is reported once.
        const refused = [...new Map([...refusedResources(output.html), ...(output.print === output.html ? [] : refusedResources(output.print))].map((r) => [r.url, r])).values()];
        if (refused.length > 0) {
          const name = output.name;
          diagnostics.push(
            ...refused.map(({ url, reason }) =>
              diagnostic('unsafe-resource', { file: brief.source.file, message: `The rendered document ${name} loads ${JSON.stringify(url.slice(0, 80))}, which ${reason}` }),
            ),
          );
          output = undefined;
        }
      } catch (error) {
        output = undefined;
        diagnostics.push(templateDiagnostic(brief, error));
      }
      yield output;
    }
  }
}

function pdfMetadata(brief: LoadedBrief, used: readonly string[], findings: ReadonlyMap<string, LoadedFinding>): PdfMetadata {
  const { spec } = brief;
  const topics = used.map((id) => findings.get(id)?.finding.topic).filter((t) => t !== undefined);
  return {
    title: spec.title,
    author: spec.authors.length > 0 ? spec.authors.map((a) => a.name) : spec.from ? [spec.from] : [],
    subject: spec.subtitle ?? `${label(spec.lang, `kind.${spec.kind}`)}: ${spec.countries.map((c) => languagePack(spec.lang).countries[c]).join(', ')}`,
    keywords: spec.keywords ?? [...new Set([...spec.countries.map((c) => languagePack(spec.lang).countries[c]), ...topics.map((t) => languagePack(spec.lang).topics[t])])],
    language: spec.lang,
    creator: `Briefwright ${version}`,
    date: documentDate(spec.date),
  };
}

/** The findings a document uses: those its spec names, then those its prose cites. */
function usedFindings(document: DocumentNode, inProse: readonly string[]): string[] {
  return [...new Set([...[...nodesOf(document, 'finding')].map((node) => node.id), ...inProse])];
}

function templateDiagnostic(brief: LoadedBrief, error: unknown): Diagnostic {
  if (error instanceof MissingLabel) {
    return diagnostic('missing-label', { file: brief.source.file, ...brief.source.positionOf(['lang']), message: error.message });
  }
  return diagnostic('template-error', { file: 'templates', message: `Rendering ${brief.id} failed: ${(error as Error).message.split('\n')[0]}` });
}

/** Where the block under each heading of the document is written in its spec: its sections, and the blocks the templates head with a label. */
function headingPositions(document: DocumentNode): Map<string, { line: number; column: number }> {
  const { brief } = document;
  const { lang } = brief.spec;
  const headings = new Map<string, { line: number; column: number }>();
  const blocks: [string, LabelKey[]][] = [
    ['summary', ['summary', 'background']],
    ['key_findings', ['keyFindings', 'keyPoints']],
    ['comparison', ['comparison']],
    ['recommendations', ['recommendations', 'actions']],
  ];
  for (const [field, labels] of blocks) {
    if (brief.spec[field as keyof typeof brief.spec] === undefined) continue;
    for (const key of labels) headings.set(label(lang, key), brief.source.positionOf([field]));
  }
  for (const section of nodesOf(document, 'section')) headings.set(section.heading, brief.source.positionOf(['sections', section.index, 'heading']));
  return headings;
}
