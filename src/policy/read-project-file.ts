import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a file was not read. */
export type RefusalKind = 'missing' | 'outside' | 'not-a-file' | 'too-large';

/**
 * A file the read policy refused. `reason` completes a sentence about the file ("is a named pipe, not
 * a regular file"); neither it nor `message` ever quotes the file's contents.
 */
export class RefusedFile extends Error {
  override readonly name = 'RefusedFile';
  constructor(
    readonly kind: RefusalKind,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
  }
}

/** True when `path` is `folder` itself or below it (both absolute). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const chunkBytes = 64 * 1024;

/**
 * Reads a file of a trusted folder (the project, or a CSL folder) under one rule for every input:
 * its real path (after every link) must stay inside the folder, it must be a regular file (not a
 * folder, FIFO, socket or device: a FIFO would hang the build, /dev/zero would fill memory), and it
 * may be at most `maxBytes` long: checked on the opened handle before reading, and again while
 * reading, so a file that grows meanwhile is not read past the limit.
 */
export async function readContainedFile(folder: string, path: string, maxBytes: number, folderName = 'the project'): Promise<Buffer> {
  const absolute = resolve(folder, path);
  const shown = relative(folder, absolute) || absolute;
  const outside = () => new RefusedFile('outside', shown, `is a link to a file outside ${folderName}`);
  const realFolder = await realpath(folder).catch(() => folder);
  if (!isInside(folder, absolute) && !isInside(realFolder, absolute)) throw new RefusedFile('outside', shown, `leaves ${folderName}`);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RefusedFile('missing', shown, 'does not exist');
    throw error;
  }
  if (!isInside(realFolder, real)) throw outside();
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  // O_NOFOLLOW: the path is already real; a link swapped in since then is refused, not followed.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ELOOP' ? outside() : error;
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new RefusedFile('not-a-file', shown, `is ${kindOf(stats)}, not a regular file`);
    const tooLarge = (size: string) => new RefusedFile('too-large', shown, `is ${size}; the limit is ${formatBytes(maxBytes)}`);
    if (stats.size > maxBytes) throw tooLarge(formatBytes(stats.size));
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(1, stats.size - length + 1)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(`more than ${formatBytes(maxBytes)}`);
      // A regular file reads short only at its end: no need to ask once more to hear it.
      if (bytesRead < chunk.length) break;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}

export function formatBytes(bytes: number): string {
  return bytes < 10 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KiB`;
}
