import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { languagePack } from '../languages/index.js';
import type { Manifest, ManifestEntry } from './manifest.js';

/** The documents site's page and the checksum list, written next to manifest.json. */
export const catalogueName = 'index.html';
export const checksumsName = 'SHA256SUMS';

const mediaTypes: Record<string, string> = {
  pdf: 'application/pdf',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The catalogue template's file: the project's templates/site/index.hbs, else the built-in one. */
export async function findCatalogueTemplate(templateDirs: readonly string[]): Promise<{ path: string; mtimeMs: number }> {
  for (const dir of templateDirs) {
    const path = join(dir, 'site', 'index.hbs');
    const found = await stat(path).catch(() => undefined);
    if (found?.isFile()) return { path, mtimeMs: found.mtimeMs };
  }
  throw new Error(`No site/index.hbs in ${templateDirs.join(' or ')}`);
}

/** The catalogue template's source. */
export async function readCatalogueTemplate(templateDirs: readonly string[]): Promise<string> {
  return readFile((await findCatalogueTemplate(templateDirs)).path, 'utf8');
}

/**
 * out/index.html: every document of the manifest with its title, kind, countries, language,
 * recipient, pages, date and files (with sizes and SHA-256). Plain HTML, no script; text is escaped
 * by Handlebars, and links are relative, each path segment URL-encoded.
 */
export function renderCatalogue(manifest: Manifest, template: string): string {
  // The site is in English: country names from the English pack.
  const countryNames = languagePack('en').countries;
  const handlebars = Handlebars.create();
  const render = handlebars.compile(template, { strict: false, preventIndent: true });
  const documents = [...manifest.documents].sort(byDateThenTitle).map((entry) => ({
    name: entry.recipient ? `${entry.title ?? entry.id} (${entry.recipient})` : (entry.title ?? entry.id),
    title: entry.title ?? entry.id,
    kind: entry.kind,
    countries: (entry.countries ?? []).map((code) => countryNames[code as keyof typeof countryNames] ?? code).join(', ') || '—',
    lang: entry.lang,
    language: languageName(entry.lang),
    recipient: entry.recipient,
    pages: entry.pages,
    date: entry.date,
    displayDate: entry.date ? displayDate(entry.date) : undefined,
    files: [...entry.files].sort((a, b) => formatOrder(a.format) - formatOrder(b.format)).map((file) => ({
      href: file.path.split('/').map(encodeURIComponent).join('/'),
      format: file.format.toUpperCase(),
      mediaType: mediaTypes[file.format] ?? 'application/octet-stream',
      size: displaySize(file.size),
      sha256: file.sha256,
    })),
  }));
  const count = documents.length;
  return render(
    {
      title: 'Documents',
      generator: manifest.generator,
      summary: `${count} ${count === 1 ? 'document' : 'documents'}, each as PDF${manifest.documents.some((e) => e.files.some((f) => f.format !== 'pdf')) ? ' and in the other formats built' : ''}, newest first.`,
      caption: 'Every document built, newest first, with its files and their SHA-256 checksums',
      documents,
    },
    { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false },
  );
}

/** SHA256SUMS in the format `sha256sum -c` reads: every file of the manifest, by path. */
export function renderChecksums(manifest: Manifest): string {
  const lines = manifest.documents.flatMap((entry) => entry.files.map((file) => `${file.sha256}  ${file.path}`));
  return lines.sort((a, b) => a.slice(66).localeCompare(b.slice(66))).map((line) => `${line}\n`).join('');
}

const byDateThenTitle = (a: ManifestEntry, b: ManifestEntry) =>
  (b.date ?? '').localeCompare(a.date ?? '') || (a.title ?? a.id).localeCompare(b.title ?? b.id) || (a.recipient ?? '').localeCompare(b.recipient ?? '');

const formatOrder = (format: string) => {
  const i = ['pdf', 'html', 'docx'].indexOf(format);
  return i < 0 ? 99 : i;
};

// Made once: a formatter costs more to make than a whole catalogue row to render.
let languageNames: Intl.DisplayNames | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;

function languageName(lang: string): string {
  try {
    return (languageNames ??= new Intl.DisplayNames('en', { type: 'language' })).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

function displayDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : (dateFormat ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })).format(date);
}

function displaySize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
