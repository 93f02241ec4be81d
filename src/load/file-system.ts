import { readdir, readFile } from 'node:fs/promises';
import { readContainedFile } from '../policy/read-project-file.js';

/** Where a read must stay and how much it may read (the file policy, src/policy/read-project-file.ts). */
export interface ReadBounds {
  /** The folder the file's real path must stay inside. */
  within: string;
  maxBytes: number;
  /** How messages name that folder (default: "the project"). */
  folderName?: string;
}

/** The file reads the load stage needs; passed in so tests can use an in-memory project. */
export interface ReadFileSystem {
  /** Throws `RefusedFile` when `bounds` are given and the file breaks them. */
  readFile(path: string, bounds?: ReadBounds): Promise<Uint8Array>;
  /** File names in a folder, or [] when it does not exist. */
  list(path: string): Promise<string[]>;
}

export const nodeFileSystem: ReadFileSystem = {
  readFile: (path, bounds) => (bounds ? readContainedFile(bounds.within, path, bounds.maxBytes, bounds.folderName) : readFile(path)),
  list: async (path) => {
    try {
      return (await readdir(path)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
};
