/** The few terms of a CSL locale that Briefwright reads itself (the engine reads the rest). */
export interface LocaleTerms {
  /** Locator words of the locale, lower case and without a final full stop, to CSL locator types. */
  locators: Map<string, string>;
  /** Each locator type's short label in the locale, singular and plural ("разд.", "сс."). */
  locatorLabels: Map<string, { single: string; multiple: string }>;
  /** "and", "и". */
  and: string;
  /** "et al.", "и др.". */
  etAl: string;
}

// CSL 1.0.1 locator types; the locale term name differs only for "sub verbo".
const locatorTypes: Record<string, string> = Object.fromEntries(
  ['book', 'chapter', 'column', 'figure', 'folio', 'issue', 'line', 'note', 'opus', 'page', 'paragraph', 'part', 'section', 'verse', 'volume']
    .map((t) => [t, t])
    .concat([['sub-verbo', 'sub verbo'], ['sub verbo', 'sub verbo']]),
);

/** Reads the locator terms (every form, singular and plural) and "and"/"et al." of a CSL locale file. */
export function readLocaleTerms(localeXml: string): LocaleTerms {
  const locators = new Map<string, string>();
  const longLabels = new Map<string, { single: string; multiple: string }>();
  const shortLabels = new Map<string, { single: string; multiple: string }>();
  let and: string | undefined;
  let etAl: string | undefined;
  for (const match of localeXml.matchAll(/<term\s([^>]*?)(?:\/>|>([\s\S]*?)<\/term>)/g)) {
    const attributes = match[1]!;
    const name = /\bname="([^"]+)"/.exec(attributes)?.[1];
    const form = /\bform="([^"]+)"/.exec(attributes)?.[1] ?? 'long';
    const body = match[2] ?? '';
    const values = /<single>|<multiple>/.test(body)
      ? [...body.matchAll(/<(?:single|multiple)>([^<]*)<\/(?:single|multiple)>/g)].map((m) => m[1]!)
      : [body];
    const texts = values.map((v) => decodeXml(v).trim()).filter((v) => v !== '');
    if (!name) continue;
    if (name === 'and' && form === 'long') and ??= texts[0];
    if (name === 'et-al' && form === 'long') etAl ??= texts[0];
    const type = locatorTypes[name];
    if (!type) continue;
    const labels = form === 'short' ? shortLabels : form === 'long' ? longLabels : undefined;
    if (labels && texts.length > 0 && !labels.has(type)) labels.set(type, { single: texts[0]!, multiple: texts[1] ?? texts[0]! });
    for (const text of texts) {
      const key = normalizeLocatorTerm(text);
      if (key && !locators.has(key)) locators.set(key, type);
    }
  }
  const locatorLabels = new Map([...longLabels, ...shortLabels]);
  return { locators, locatorLabels, and: and ?? 'and', etAl: etAl ?? 'et al.' };
}

/** How a label is looked up: lower case, without a final full stop. */
export const normalizeLocatorTerm = (text: string) => text.toLowerCase().replace(/\.$/, '');

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (entity, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? entity;
  });
}
