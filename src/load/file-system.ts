import { readdir, readFile } from 'node:fs/promises';

/** The file reads the load stage needs; passed in so tests can use an in-memory project. */
export interface ReadFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** File names in a folder, or [] when it does not exist. */
  list(path: string): Promise<string[]>;
}

export const nodeFileSystem: ReadFileSystem = {
  readFile: (path) => readFile(path),
  list: async (path) => {
    try {
      return (await readdir(path)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
};
