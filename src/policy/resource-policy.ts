/**
 * The one rule for what a document may load or link to, whatever its output format. Markdown
 * fields are checked against it in pandoc's syntax tree (validate-markdown.ts), the rendered HTML of
 * every edition before any writer runs (check-rendered-html.ts), and BibTeX links where the library
 * is checked; Chromium's request interception and pandoc's --sandbox stay behind it as second lines.
 *
 * - Links (`<a href>`): anything but script, file and data URLs; they are never loaded.
 * - Images in Markdown: only data: URLs of raster images (PNG, JPEG, GIF, WebP). A remote URL
 *   (http:, //host), an absolute path, a path climbing out with ../, a file: URL or a file of the
 *   project are refused: HTML would fetch the first, pandoc would embed the others in a Word file.
 * - Templates: besides those, the stylesheet, fonts and images of the templates folder (`../assets/…`).
 */
import { describeCharacter, forbiddenCharacter } from './input-text.js';

export type ResourceUse = 'link' | 'image' | 'template-asset';

export type ResourceVerdict =
  | { allowed: true }
  | { allowed: false; ruleId: 'unsafe-url' | 'remote-image' | 'unsafe-path' | 'unembedded-image'; reason: string };

const scriptOrFile = /^(javascript|vbscript|data|file):/i;
const embeddedImage = /^data:image\/(png|jpeg|gif|webp)[;,]/i;
const withScheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * What a browser would make of the URL: tabs and line breaks inside dropped, surrounding spaces and
 * control characters trimmed, backslashes read as slashes ("java\nscript:" is a script URL and
 * "\\host" a remote one).
 */
export function normalizeUrl(url: string): string {
  return url
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/\\/g, '/');
}

/** May a document use `url` this way? The reason completes "Image URL "…" …". */
export function resourceVerdict(url: string, use: ResourceUse): ResourceVerdict {
  const normalized = normalizeUrl(url);
  if (use === 'link') {
    return scriptOrFile.test(normalized) ? { allowed: false, ruleId: 'unsafe-url', reason: 'is not allowed' } : { allowed: true };
  }
  if (embeddedImage.test(normalized)) return { allowed: true };
  // The cover logo may be SVG: the template embeds it, checked, as a data: URL (load-logo.ts).
  // `data:,` (empty) is the templates' favicon, which keeps a browser from asking the server for one.
  if (use === 'template-asset' && (/^data:image\/svg\+xml[;,]/i.test(normalized) || normalized === 'data:,')) return { allowed: true };
  if (scriptOrFile.test(normalized)) return { allowed: false, ruleId: 'unsafe-url', reason: 'is not allowed' };
  if (withScheme.test(normalized) || normalized.startsWith('//')) return { allowed: false, ruleId: 'remote-image', reason: 'is outside the project' };
  if (normalized.startsWith('/')) return { allowed: false, ruleId: 'unsafe-path', reason: 'is absolute' };
  const segments = normalized.split(/[?#]/)[0]!.split('/');
  if (use === 'template-asset') {
    // The HTML edition sits in out/<id>/, its assets in out/assets/: one step up, then into assets/.
    let depth = 0;
    for (const [i, segment] of segments.entries()) {
      if (segment === '..') depth--;
      else if (segment !== '.' && segment !== '') depth++;
      if (depth < 0 && !(i === 0 && segments[1] === 'assets')) return { allowed: false, ruleId: 'unsafe-path', reason: 'leaves the output folder' };
    }
    return { allowed: true };
  }
  if (segments.includes('..')) return { allowed: false, ruleId: 'unsafe-path', reason: 'leaves the project folder' };
  return { allowed: false, ruleId: 'unembedded-image', reason: 'is a file: Markdown images must be embedded as data: URLs' };
}

/** The URLs a srcset attribute names ("a.png 1x, //host/b.png 2x"). */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((u) => u !== '');
}

/**
 * Characters that could end a link's quoted href or hide what it says: quotes, backslashes and
 * control characters (line breaks and tabs are only spacing, which the DOI check warns about).
 */
const unsafeInLink = /["\\\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A BibTeX value as the link it becomes: LaTeX's escaped specials (\%, \&, \_ …) unescaped. */
function unescapeLatex(value: string): string {
  return value.trim().replace(/\\([%&#_$~{}])/g, '$1');
}

/** What is wrong with a DOI that will become a link (https://doi.org/…), or undefined. */
export function unsafeDoi(doi: string): string | undefined {
  const found = unsafeInLink.exec(unescapeLatex(doi));
  return found ? `it holds ${describe(found[0])}, which cannot stand in a link` : undefined;
}

/** What is wrong with a URL of a reference (printed as a link), or undefined. */
export function unsafeReferenceUrl(url: string): string | undefined {
  const text = unescapeLatex(url);
  const found = unsafeInLink.exec(text) ?? /[<>\s]/.exec(text);
  if (found) return `it holds ${describe(found[0])}, which cannot stand in a link`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'it is not an absolute URL';
  }
  return /^(https?|ftp):$/.test(parsed.protocol) ? undefined : `links to ${parsed.protocol} URLs are not allowed`;
}

function describe(character: string): string {
  const named: Record<string, string> = { ' ': 'a space', '"': 'a double quote', '\\': 'a backslash', '<': 'an angle bracket', '>': 'an angle bracket' };
  if (named[character]) return named[character];
  return forbiddenCharacter.test(character) || /\s/.test(character) ? `the character ${describeCharacter(character)}` : `"${character}"`;
}
