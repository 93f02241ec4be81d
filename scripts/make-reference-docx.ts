// Makes templates/reference.docx, the styles of every DOCX Briefwright writes, from pandoc's own
// default reference document (`pandoc --print-default-data-file reference.docx`) with the brief's
// fonts, headings, tables, margins, header and footer (src/publish/reference-docx.ts). Run it after
// changing those styles or pandoc: `npx tsx scripts/make-reference-docx.ts [OUTPUT]`. The same pandoc
// gives the same bytes (the zip is dated 2020-01-01).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { builtinTemplatesDir } from '../src/render/load-templates.js';
import { makeReferenceDocx } from '../src/publish/reference-docx.js';

const output = process.argv[2] ?? `${builtinTemplatesDir}reference.docx`;
const pandoc = process.env.BRIEFWRIGHT_PANDOC ?? 'pandoc';
const pandocDefault = execFileSync(pandoc, ['--print-default-data-file', 'reference.docx'], { maxBuffer: 64 * 1024 * 1024 });
writeFileSync(output, makeReferenceDocx(pandocDefault, new Date(Date.UTC(2020, 0, 1))));
console.log(`wrote ${output} from the reference.docx of ${execFileSync(pandoc, ['--version'], { encoding: 'utf8' }).split('\n')[0]}`);
