import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const manifestFileSchema = z.object({ path: z.string(), format: z.string(), size: z.number(), sha256: z.string() });

export const manifestEntrySchema = z.object({
  id: z.string(),
  recipient: z.string().optional(),
  lang: z.string(),
  kind: z.string(),
  /** For the documents site (out/index.html): the spec's title, ISO date and country codes. */
  title: z.string().optional(),
  date: z.string().optional(),
  countries: z.array(z.string()).optional(),
  pages: z.number().optional(),
  files: z.array(manifestFileSchema),
  citationKeys: z.array(z.string()),
  findings: z.array(z.string()),
  inputHash: z.string(),
});

export const manifestSchema = z.object({
  generator: z.string(),
  documents: z.array(manifestEntrySchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const manifestName = 'manifest.json';

/** The manifest of an earlier build, or an empty one when there is none or it cannot be read. */
export async function readManifest(outDir: string, generator: string): Promise<Manifest> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(outDir, manifestName), 'utf8')));
    if (parsed.success && parsed.data.generator === generator) return parsed.data;
  } catch {
    // No manifest yet, or a damaged one: everything is rebuilt.
  }
  return { generator, documents: [] };
}

/** Entries of this build replace those of the same document and recipient; the rest are kept. */
export function mergeManifest(previous: Manifest, built: readonly ManifestEntry[], existingIds: ReadonlySet<string>): Manifest {
  const replaced = new Set(built.map((e) => e.id));
  const kept = previous.documents.filter((e) => !replaced.has(e.id) && existingIds.has(e.id));
  const documents = [...kept, ...built].sort(manifestOrder);
  return { generator: previous.generator, documents };
}

/**
 * The manifest with the entries of the editions an interrupted build finished: each replaces the
 * entry of the same edition, and every other entry stays (its files were not touched).
 */
export function mergeEditions(previous: Manifest, written: readonly ManifestEntry[]): Manifest {
  const replaced = new Set(written.map(editionKey));
  return { generator: previous.generator, documents: [...previous.documents.filter((e) => !replaced.has(editionKey(e))), ...written].sort(manifestOrder) };
}

/** One edition's entry: its document id and recipient. */
const editionKey = (e: ManifestEntry) => `${e.id}\0${e.recipient ?? ''}`;

/** The manifest's order: by document id, then recipient. */
export function manifestOrder(a: ManifestEntry, b: ManifestEntry): number {
  return editionKey(a).localeCompare(editionKey(b));
}
