// citation-js ships no type declarations; these cover the parts Briefwright uses.
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(name: string): unknown };
    input: { chain(data: unknown, options?: { forceType?: string; generateGraph?: boolean; /** Stop at this format (`@biblatex/entries+list`) instead of CSL-JSON. */ target?: string }): unknown[] };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
