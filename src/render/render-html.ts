import Handlebars from 'handlebars';
import { label } from './labels.js';
import type { TemplateSet } from './load-templates.js';

export interface Renderer {
  (layout: string, view: Record<string, unknown>): string;
  has(layout: string): boolean;
}

// Helpers registered explicitly; templates get data and these, nothing else.
const helpers: Record<string, Handlebars.HelperDelegate> = {
  t(this: unknown, key: string, options: Handlebars.HelperOptions) {
    return label(String(options.data.root.lang), key);
  },
  concat: (...parts: unknown[]) => parts.slice(0, -1).join(''),
  // A CSS string literal, for content: in @page margin boxes (HTML escaping does not apply inside <style>).
  cssString: (value: unknown) =>
    new Handlebars.SafeString(`"${cssStringBody(String(value ?? ''))}"`),
  eq: (a: unknown, b: unknown) => a === b,
};

/**
 * Text as the inside of a CSS string: backslash and quote escaped, `<` too (no `</style>` can end the
 * element), a line break as a space, and any other control character as a CSS hex escape, which
 * cannot end the string or the declaration.
 */
export function cssStringBody(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/</g, '\\3c ')
    .replace(/\r?\n/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
}

/** One Handlebars instance per build, templates compiled once and reused for every document. */
export function createRenderer(templates: TemplateSet): Renderer {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);
  for (const [name, source] of templates.partials) handlebars.registerPartial(name, source);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, source] of templates.layouts) compiled.set(name, handlebars.compile(source, { strict: false, preventIndent: true }));
  const render = (layout: string, view: Record<string, unknown>) => {
    const template = compiled.get(layout);
    if (!template) throw new Error(`No template "${layout}" in ${templates.assetDirs.join(' or ')}`);
    return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  };
  return Object.assign(render, { has: (layout: string) => compiled.has(layout) });
}
