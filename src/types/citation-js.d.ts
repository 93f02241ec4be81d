// citation-js ships no type declarations; these cover the parts Briefwright uses.
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(name: string): unknown };
    input: {
      chain(data: unknown, options?: { forceType?: string; generateGraph?: boolean }): unknown[];
      /** One parsing step only (BibTeX text to biblatex entries, for one). */
      chainLink(data: unknown, options?: { forceType?: string }): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
// Typed where it is used (CiteprocModule in src/cite/citation-js.ts).
declare module 'citeproc' {
  const citeproc: unknown;
  export default citeproc;
}
