/**
 * Splits a pandoc citation suffix (", p. 12 and passim") into CSL locator, label and suffix,
 * following pandoc's rules: a locator starts with a known term, or with a digit (a page).
 */
export interface ParsedSuffix {
  locator?: string;
  label?: string;
  suffix?: string;
}

// Abbreviations and names pandoc accepts for CSL locator types (English terms).
const labelTerms: Record<string, string> = {
  bk: 'book', bks: 'book', book: 'book', books: 'book',
  ch: 'chapter', chap: 'chapter', chaps: 'chapter', chapter: 'chapter', chapters: 'chapter',
  col: 'column', cols: 'column', column: 'column', columns: 'column',
  fig: 'figure', figs: 'figure', figure: 'figure', figures: 'figure',
  fol: 'folio', fols: 'folio', folio: 'folio', folios: 'folio',
  no: 'issue', nos: 'issue', number: 'issue', numbers: 'issue', issue: 'issue',
  l: 'line', ll: 'line', line: 'line', lines: 'line',
  n: 'note', nn: 'note', note: 'note', notes: 'note',
  op: 'opus', opp: 'opus', opus: 'opus',
  p: 'page', pp: 'page', pg: 'page', pgs: 'page', page: 'page', pages: 'page',
  para: 'paragraph', paras: 'paragraph', paragraph: 'paragraph', paragraphs: 'paragraph', '¶': 'paragraph', '¶¶': 'paragraph',
  pt: 'part', pts: 'part', part: 'part', parts: 'part',
  sec: 'section', secs: 'section', section: 'section', sections: 'section', '§': 'section', '§§': 'section',
  'sub verbo': 'sub verbo', 'sub verbis': 'sub verbo', 's.v': 'sub verbo', 's.vv': 'sub verbo',
  v: 'verse', vv: 'verse', verse: 'verse', verses: 'verse',
  vol: 'volume', vols: 'volume', volume: 'volume', volumes: 'volume',
};

export function parseSuffix(raw: string): ParsedSuffix {
  const text = raw.replace(/^\s*,?\s*/, '');
  if (text === '') return {};
  const labelled = /^(sub verbo|sub verbis|s\.vv?\.?|§§?|¶¶?|[A-Za-z]+)\.?\s*(?=\S)/.exec(text);
  const label = labelled ? labelTerms[labelled[1]!.toLowerCase().replace(/\.$/, '')] : undefined;
  if (label) return { label, ...splitLocator(text.slice(labelled![0].length)) };
  if (/^\d/.test(text)) return { label: 'page', ...splitLocator(text) };
  return { suffix: raw.replace(/^\s*/, '') };
}

/** A locator runs to the end, or to the first comma/space after its value; `{...}` delimits it exactly. */
function splitLocator(text: string): { locator?: string; suffix?: string } {
  if (text.startsWith('{')) {
    const end = text.indexOf('}');
    if (end > 0) return withSuffix(text.slice(1, end), text.slice(end + 1));
  }
  const value = /^[^\s,;]+(?:\s*[-–—,&]\s*\d[^\s,;]*)*/.exec(text);
  if (!value) return { suffix: text };
  return withSuffix(value[0], text.slice(value[0].length));
}

function withSuffix(locator: string, rest: string): { locator?: string; suffix?: string } {
  const suffix = rest.trim();
  return suffix ? { locator, suffix: /^[,;.:]/.test(suffix) ? suffix : ` ${suffix}` } : { locator };
}
