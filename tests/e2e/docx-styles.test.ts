import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { makeReferenceDocx } from '../../src/publish/reference-docx.ts';
import { builtinTemplatesDir } from '../../src/render/load-templates.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { russianMemo } from '../support/specs.ts';

const run = promisify(execFile);

// python-docx (Debian's python3-docx), a real consumer of the format, reads what Word would: the
// styles' fonts and colours, the page, the header and footer of each section.
const readDocx = `
import json, sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
st = d.styles
def font(name):
    f = st[name].font
    return {"name": f.name, "size": f.size.pt if f.size else None, "color": str(f.color.rgb) if f.color and f.color.type else None, "bold": f.bold}
print(json.dumps({
    "page": [round(s.page_width.mm), round(s.page_height.mm)],
    "margins": [round(s.top_margin.mm), round(s.right_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm)],
    "firstPageDifferent": s.different_first_page_header_footer,
    "header": [p.text for p in s.header.paragraphs],
    "footer": [p.text for p in s.footer.paragraphs],
    "firstHeader": [p.text for p in s.first_page_header.paragraphs],
    "firstFooter": [p.text for p in s.first_page_footer.paragraphs],
    "styles": {n: font(n) for n in ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3"]},
    "tableStyles": [t.style.name if t.style else None for t in d.tables],
    "headerCells": [[c.text for c in t.rows[0].cells] for t in d.tables],
    "used": sorted({p.style.name for p in d.paragraphs}),
    "language": d.core_properties.language,
}))
`;

async function openDocx(file: string) {
  return JSON.parse((await run('/usr/bin/python3', ['-c', readDocx, file])).stdout);
}

const memo = russianMemo({ head: 'short_title: Connectivity & <figures>\npaper: letter\nmarking: Для служебного пользования\n' });

describe("DOCX in the brief's styles (reference.docx), read by python-docx", () => {
  let root: string;
  beforeAll(async () => {
    root = await makeProject({ 'briefs/memo.yaml': memo });
    const result = await build({ root, formats: ['docx'] });
    expect(result.diagnostics).toEqual([]);
  }, 120_000);
  afterAll(() => removeProject(root));

  it("sets text in Noto Serif and headings in Noto Sans, in the stylesheet's colours, on A4 with the PDF's margins", async () => {
    const docx = await openDocx(join(root, 'out/sample/sample.docx'));
    expect(docx.styles).toEqual({
      Normal: { name: 'Noto Serif', size: 10.5, color: '1B1F24', bold: null },
      Title: { name: 'Noto Sans', size: 22, color: '0B4F6C', bold: true },
      'Heading 1': { name: 'Noto Sans', size: 22, color: '0B4F6C', bold: true },
      'Heading 2': { name: 'Noto Sans', size: 13, color: '0B4F6C', bold: true },
      'Heading 3': { name: 'Noto Sans', size: 11, color: '1B1F24', bold: true },
    });
    expect(docx.page).toEqual([210, 297]);
    expect(docx.margins).toEqual([22, 20, 22, 20]);
    expect(docx.used).toEqual(expect.arrayContaining(['Heading 1', 'Heading 2', 'Body Text']));
    expect(docx.language).toBe('en');
  });

  it('repeats the running header and "Page X of Y" on every page but the first, like the PDF', async () => {
    const docx = await openDocx(join(root, 'out/sample/sample.docx'));
    expect(docx.firstPageDifferent).toBe(true);
    expect(docx.header).toEqual(['Digital Diplomacy in Uzbekistan\t']);
    // The page numbers are Word fields, which python-docx does not read as text.
    expect(docx.footer).toEqual(['1 March 2025\tPage  of ']);
    expect(docx.firstHeader).toEqual(['']);
    expect(docx.firstFooter).toEqual(['']);
    const footer = strFromU8(unzipSync(await readFile(join(root, 'out/sample/sample.docx')))['word/footer1.xml']!);
    expect(footer).toMatch(/Page <\/w:t><\/w:r><w:fldSimple w:instr=" PAGE ">.*<w:t xml:space="preserve"> of <\/w:t><\/w:r><w:fldSimple w:instr=" NUMPAGES ">/);
  });

  it("uses the document's language, marking, short title (escaped) and paper", async () => {
    const docx = await openDocx(join(root, 'out/memo/memo--ministry-of-foreign-affairs.docx'));
    expect(docx.header).toEqual(['Connectivity & <figures>\tДля служебного пользования']);
    expect(docx.footer).toEqual(['2 мая 2025 г.\tСтраница  из ']);
    expect(docx.page).toEqual([216, 279]);
    expect(docx.tableStyles.every((s: string) => s === 'Table')).toBe(true);
    expect(docx.language).toBe('ru');
  });

  it('ships the reference.docx that scripts/make-reference-docx.ts makes from this pandoc', async () => {
    const shipped = await readFile(join(builtinTemplatesDir, 'reference.docx'));
    const pandocVersion = (await run('pandoc', ['--version'])).stdout.split('\n')[0];
    const made = makeReferenceDocx((await run('pandoc', ['--print-default-data-file', 'reference.docx'], { encoding: 'buffer' })).stdout, new Date(Date.UTC(2020, 0, 1)));
    // Another pandoc has another default reference document: the styles Briefwright sets are the same.
    const styles = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/styles.xml']!).match(/<w:style\b[^>]*w:styleId="(Normal|Heading[123]|Title|Table|Header|Footer)"[\s\S]*?<\/w:style>/g);
    expect(styles(made)).toEqual(styles(shipped));
    if (pandocVersion === 'pandoc 2.17.1.1') expect(Buffer.from(made).equals(shipped)).toBe(true);
  });
});
