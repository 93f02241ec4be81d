// The one place that loads citation-js and its plugins, so every stage shares one registry.
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** citeproc-js engine as citation-js creates it (typed to the parts we use). */
export interface CiteprocEngine {
  opt: { development_extensions: Record<string, boolean> };
  sys: { wrapCitationEntry?: (text: string, id: string) => string };
  rebuildProcessorState(
    citations: CiteprocCitation[],
    mode: 'html' | 'text',
    uncited?: string[],
  ): [citationId: string, noteIndex: number, text: string][];
  makeBibliography(): [{ entry_ids: string[][]; bibstart: string; bibend: string }, string[]] | false;
}

export interface CiteprocCitation {
  citationID: string;
  citationItems: CiteprocItem[];
  properties: { noteIndex: number; mode?: 'composite' | 'author-only' | 'suppress-author' };
}

export interface CiteprocItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
}

interface CslPluginConfig {
  templates: { add(name: string, xml: string): void; has(name: string): boolean };
  locales: { add(name: string, xml: string): void; has(name: string): boolean };
  engine(items: CslItem[], style: string, locale: string, format: string): CiteprocEngine;
}

export const cslConfig = plugins.config.get('@csl') as CslPluginConfig;

/** Parses BibTeX/biblatex text into CSL-JSON items. Throws on syntax errors. */
export function parseBibtex(text: string): CslItem[] {
  return plugins.input.chain(text, { forceType: '@biblatex/text', generateGraph: false }) as CslItem[];
}
