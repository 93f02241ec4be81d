import { escapeHtml } from '../util/html.js';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

// Briefwright's reference.docx (templates/reference.docx, made by scripts/make-reference-docx.ts from
// pandoc's own default): the brief's look in Word. Noto Serif text and Noto Sans headings in the
// stylesheet's colours and sizes (templates/brief.css), tables ruled like the PDF's, A4 with the PDF's
// margins, and the PDF's running header and "Page X of Y" footer on every page but the first. The
// header and footer hold placeholders that each document's own text replaces (fillPageFurniture).

/** Colours of templates/brief.css. */
const ink = '1B1F24';
const muted = '5A6370';
const accent = '0B4F6C';
const rule = 'C9D3DC';
const marking = '8A1C1C';

/** Placeholders in the header and footer, replaced per document. */
export const furniturePlaceholders = {
  header: 'BRIEFWRIGHT-RUNNING-HEADER',
  marking: 'BRIEFWRIGHT-MARKING',
  footer: 'BRIEFWRIGHT-RUNNING-FOOTER',
  page: 'BRIEFWRIGHT-PAGE-LABEL',
  of: 'BRIEFWRIGHT-OF-LABEL',
} as const;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const relationshipType = (kind: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}`;
const contentType = (kind: string) => `application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml`;

/** Paper sizes in twentieths of a point, and the PDF's margins (22 mm top and bottom, 20 mm at the sides). */
export const paperSizes = { a4: { width: 11906, height: 16838 }, letter: { width: 12240, height: 15840 } } as const;
const margins = { top: 1247, bottom: 1247, side: 1134, header: 567, footer: 567 };

const fonts = (name: string) => `<w:rFonts w:ascii="${name}" w:hAnsi="${name}" w:eastAsia="${name}" w:cs="${name}" />`;
const size = (points: number) => `<w:sz w:val="${points * 2}" /><w:szCs w:val="${points * 2}" />`;

const styles: Record<string, string> = {
  Normal: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:qFormat /><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto" /></w:pPr><w:rPr>${fonts('Noto Serif')}<w:color w:val="${ink}" />${size(10.5)}</w:rPr></w:style>`,
  Title: heading('Title', 'Title', { points: 22, before: 0, after: 120, level: undefined }),
  Subtitle: `<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle" /><w:basedOn w:val="Normal" /><w:next w:val="BodyText" /><w:qFormat /><w:pPr><w:keepNext /><w:spacing w:before="0" w:after="240" /></w:pPr><w:rPr>${fonts('Noto Sans')}<w:color w:val="${muted}" />${size(13)}</w:rPr></w:style>`,
  Heading1: heading('Heading1', 'heading 1', { points: 22, before: 0, after: 120, level: 0 }),
  Heading2: heading('Heading2', 'heading 2', { points: 13, before: 300, after: 120, level: 1, underline: true }),
  Heading3: heading('Heading3', 'heading 3', { points: 11, before: 240, after: 80, level: 2, color: ink }),
  Hyperlink: `<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink" /><w:basedOn w:val="BodyTextChar" /><w:rPr><w:color w:val="${accent}" /></w:rPr></w:style>`,
  Table: `<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Table" /><w:basedOn w:val="TableNormal" /><w:qFormat /><w:rPr>${size(9)}</w:rPr><w:tblPr><w:tblInd w:w="0" w:type="dxa" /><w:tblBorders><w:insideH w:val="single" w:sz="4" w:space="0" w:color="${rule}" /><w:bottom w:val="single" w:sz="4" w:space="0" w:color="${rule}" /></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa" /><w:left w:w="113" w:type="dxa" /><w:bottom w:w="57" w:type="dxa" /><w:right w:w="113" w:type="dxa" /></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr>${fonts('Noto Sans')}<w:b /><w:bCs /></w:rPr><w:tblPr><w:jc w:val="left" /><w:tblInd w:w="0" w:type="dxa" /></w:tblPr><w:trPr><w:tblHeader /><w:jc w:val="left" /></w:trPr><w:tcPr><w:vAlign w:val="bottom" /><w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="${accent}" /></w:tcBorders></w:tcPr></w:tblStylePr></w:style>`,
  Header: furnitureStyle('Header'),
  Footer: furnitureStyle('Footer'),
};

function heading(id: string, name: string, o: { points: number; before: number; after: number; level: number | undefined; underline?: boolean; color?: string }): string {
  const border = o.underline ? `<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" w:color="${rule}" /></w:pBdr>` : '';
  const level = o.level === undefined ? '' : `<w:outlineLvl w:val="${o.level}" />`;
  return `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}" /><w:basedOn w:val="Normal" /><w:next w:val="BodyText" /><w:uiPriority w:val="9" /><w:qFormat /><w:pPr><w:keepNext /><w:keepLines />${border}<w:spacing w:before="${o.before}" w:after="${o.after}" />${level}</w:pPr><w:rPr>${fonts('Noto Sans')}<w:b /><w:bCs /><w:color w:val="${o.color ?? accent}" />${size(o.points)}</w:rPr></w:style>`;
}

function furnitureStyle(id: 'Header' | 'Footer'): string {
  return `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id.toLowerCase()}" /><w:basedOn w:val="Normal" /><w:pPr><w:tabs><w:tab w:val="right" w:pos="${paperSizes.a4.width - 2 * margins.side}" /></w:tabs><w:spacing w:after="0" /></w:pPr><w:rPr>${fonts('Noto Sans')}<w:color w:val="${muted}" />${size(7.5)}</w:rPr></w:style>`;
}

const run = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const field = (instruction: string) => `<w:fldSimple w:instr=" ${instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>`;
const part = (root: 'hdr' | 'ftr', paragraph: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:${root} xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:pStyle w:val="${root === 'hdr' ? 'Header' : 'Footer'}" /></w:pPr>${paragraph}</w:p></w:${root}>`;

const { header, marking: markingText, footer, page, of } = furniturePlaceholders;
const parts = {
  'word/header1.xml': part('hdr', `${run(header)}<w:r><w:tab /></w:r>${run(markingText, `<w:b /><w:caps /><w:color w:val="${marking}" />`)}`),
  'word/footer1.xml': part('ftr', `${run(footer)}<w:r><w:tab /></w:r>${run(`${page} `)}${field('PAGE')}${run(` ${of} `)}${field('NUMPAGES')}`),
  // The first page, like the PDF's, has neither.
  'word/header2.xml': part('hdr', ''),
  'word/footer2.xml': part('ftr', ''),
};

/** pandoc's default reference.docx with Briefwright's styles, page and header and footer. */
export function makeReferenceDocx(pandocDefault: Uint8Array, mtime: Date): Uint8Array {
  const files = unzipSync(pandocDefault);
  const text = (name: string) => {
    const data = files[name];
    if (!data) throw new Error(`pandoc's reference.docx has no ${name}`);
    return strFromU8(data);
  };
  let stylesXml = text('word/styles.xml');
  for (const [id, xml] of Object.entries(styles)) {
    const existing = new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`);
    stylesXml = existing.test(stylesXml) ? stylesXml.replace(existing, xml) : stylesXml.replace('</w:styles>', `${xml}</w:styles>`);
  }
  // The other styles take the fonts by theme: headings Noto Sans, the rest Noto Serif.
  stylesXml = stylesXml
    .replace(/<w:rFonts [^>]*majorHAnsi[^>]*\/>/g, fonts('Noto Sans'))
    .replace(/<w:rFonts [^>]*minorHAnsi[^>]*\/>/g, fonts('Noto Serif'))
    .replace(/<w:color w:val="[0-9A-F]{6}" w:themeColor="accent1"[^>]*\/>/g, `<w:color w:val="${accent}" />`);

  const ids = { header1: 'rIdBriefwrightHeader', footer1: 'rIdBriefwrightFooter', header2: 'rIdBriefwrightFirstHeader', footer2: 'rIdBriefwrightFirstFooter' };
  const sectPr =
    `<w:sectPr><w:headerReference w:type="default" r:id="${ids.header1}" /><w:footerReference w:type="default" r:id="${ids.footer1}" />` +
    `<w:headerReference w:type="first" r:id="${ids.header2}" /><w:footerReference w:type="first" r:id="${ids.footer2}" />` +
    `<w:pgSz w:w="${paperSizes.a4.width}" w:h="${paperSizes.a4.height}" />` +
    `<w:pgMar w:top="${margins.top}" w:right="${margins.side}" w:bottom="${margins.bottom}" w:left="${margins.side}" w:header="${margins.header}" w:footer="${margins.footer}" w:gutter="0" /><w:titlePg /></w:sectPr>`;
  const documentXml = text('word/document.xml').replace(/<w:sectPr\s*\/>|<w:sectPr>[\s\S]*?<\/w:sectPr>/, sectPr);
  if (!documentXml.includes(sectPr)) throw new Error("pandoc's reference.docx has no section properties to replace");

  const relationships = Object.entries(ids)
    .map(([name, id]) => `<Relationship Type="${relationshipType(name.startsWith('header') ? 'header' : 'footer')}" Id="${id}" Target="${name}.xml" />`)
    .join('');
  const rels = text('word/_rels/document.xml.rels').replace('</Relationships>', `${relationships}</Relationships>`);
  const overrides = Object.keys(parts)
    .map((name) => `<Override PartName="/${name}" ContentType="${contentType(name.includes('header') ? 'header' : 'footer')}" />`)
    .join('');
  const types = text('[Content_Types].xml').replace('</Types>', `${overrides}</Types>`);

  const changed: Record<string, string> = { 'word/styles.xml': stylesXml, 'word/document.xml': documentXml, 'word/_rels/document.xml.rels': rels, '[Content_Types].xml': types, ...parts };
  const out: Zippable = {};
  const time = zipTime(mtime);
  for (const name of [...Object.keys(files), ...Object.keys(parts)]) out[name] = [changed[name] !== undefined ? strToU8(changed[name]!) : files[name]!, { mtime: time }];
  return zipSync(out, { level: 9, mtime: time });
}

/**
 * A zip entry's time is a local time: fflate takes it from a Date's local fields. The Date whose local
 * fields are `date`'s UTC ones gives the same bytes in every time zone.
 */
export function zipTime(date: Date): Date {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

export interface PageFurniture {
  header: string;
  marking?: string;
  footer?: string;
  /** The language's words for "Page" and "of". */
  page: string;
  of: string;
  paper: keyof typeof paperSizes;
}

/**
 * Puts a document's running header, marking, footer and page labels in place of the placeholders of
 * a DOCX made with the reference document, and its paper size. The zip is written again with the
 * entries in the same order, dated `mtime` (the document's date), so the same inputs give the same bytes.
 */
export function fillPageFurniture(docx: Uint8Array, furniture: PageFurniture, mtime: Date): Uint8Array {
  const files = unzipSync(docx);
  const values: Record<string, string> = {
    [furniturePlaceholders.header]: furniture.header,
    [furniturePlaceholders.marking]: furniture.marking ?? '',
    [furniturePlaceholders.footer]: furniture.footer ?? '',
    [furniturePlaceholders.page]: furniture.page,
    [furniturePlaceholders.of]: furniture.of,
  };
  const placeholders = new RegExp(Object.keys(values).join('|'), 'g');
  const out: Zippable = {};
  const time = zipTime(mtime);
  for (const [name, data] of Object.entries(files)) {
    let contents: Uint8Array = data;
    if (/^word\/(header|footer)\d+\.xml$/.test(name)) contents = strToU8(strFromU8(data).replace(placeholders, (p) => escapeHtml(values[p]!)));
    else if (name === 'word/document.xml' && furniture.paper !== 'a4') {
      const { width, height } = paperSizes[furniture.paper];
      contents = strToU8(strFromU8(data).replace(/<w:pgSz\b[^>]*\/>/, `<w:pgSz w:w="${width}" w:h="${height}" />`));
    }
    out[name] = [contents, { mtime: time }];
  }
  return zipSync(out, { level: 6, mtime: time });
}

/** templates/reference.docx: the project's own when it has one, else Briefwright's. */
export async function findReferenceDocx(templateDirs: readonly string[]): Promise<string | undefined> {
  for (const dir of templateDirs) {
    const path = join(dir, 'reference.docx');
    if (await access(path).then(() => true, () => false)) return path;
  }
  return undefined;
}
