import { resourceVerdict, srcsetUrls, type ResourceVerdict } from './resource-policy.js';

export interface RefusedResource {
  url: string;
  reason: string;
}

const tagPattern = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const attributePattern = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const cssUrlPattern = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;
/** Attributes that make a browser (or pandoc's HTML reader) load something. */
const loading = new Set(['src', 'href', 'poster', 'data', 'background', 'action', 'formaction', 'xlink:href', 'lowsrc', 'dynsrc', 'longdesc', 'manifest', 'icon', 'codebase', 'archive', 'cite']);

/**
 * Every address the rendered HTML of an edition names, judged by the resource policy before any
 * writer (Chromium, pandoc, the HTML file) sees it: template output is held to the same rule as
 * Markdown, whose images were already checked in the syntax tree with their positions. One pass of
 * regular expressions over generated HTML (attribute values are quoted by the writers), a fraction
 * of a millisecond per document.
 */
export function refusedResources(html: string): RefusedResource[] {
  const refused: RefusedResource[] = [];
  const judge = (url: string, verdict: ResourceVerdict) => {
    if (!verdict.allowed) refused.push({ url, reason: verdict.reason });
  };
  for (const tag of html.matchAll(tagPattern)) {
    const element = tag[1]!.toLowerCase();
    for (const attribute of tag[2]!.matchAll(attributePattern)) {
      const name = attribute[1]!.toLowerCase();
      const value = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
      if (name === 'srcset' || name === 'imagesrcset') for (const url of srcsetUrls(value)) judge(url, resourceVerdict(url, 'template-asset'));
      else if (name === 'style') for (const url of cssUrls(value)) judge(url, resourceVerdict(url, 'template-asset'));
      else if (loading.has(name)) judge(value, resourceVerdict(value, element === 'a' && name === 'href' ? 'link' : 'template-asset'));
    }
  }
  // Stylesheets in <style> elements: url() and @import.
  for (const style of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const url of cssUrls(style[1]!)) judge(url, resourceVerdict(url, 'template-asset'));
  }
  return refused;
}

function cssUrls(css: string): string[] {
  return [...css.matchAll(cssUrlPattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
}

/** The entities the HTML writers use in attribute values, enough to see the URL a browser sees. */
function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt|colon|sol|tab|newline);?/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', colon: ':', sol: '/', tab: '\t', newline: '\n' } as Record<string, string>)[lower]!;
  });
}
