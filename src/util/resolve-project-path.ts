import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type ProjectPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Resolves a path written in a spec against the project root, refusing absolute paths, `../`
 * escapes and symbolic links that lead out of the project.
 */
export async function resolveProjectPath(root: string, written: string): Promise<ProjectPath> {
  if (isAbsolute(written) || /^[a-z]+:/i.test(written)) return { ok: false, reason: `"${written}" is absolute` };
  const lexical = resolve(root, written);
  if (!inside(root, lexical)) return { ok: false, reason: `"${written}" leaves the project folder` };
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    return { ok: false, reason: `"${written}" does not exist` };
  }
  if (!inside(await realpath(root), real)) return { ok: false, reason: `"${written}" is a link to a file outside the project` };
  return { ok: true, path: real };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
