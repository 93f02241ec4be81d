import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { abandonPendingWrites, commitsSettled, writeFilesAtomically } from '../../src/publish/write-atomic.ts';

// abandonPendingWrites marks the whole process as interrupted: these tests run last in their own file.
describe('an interrupt while an edition is put in place', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lets the set being renamed into place finish whole, and puts no later set in place', async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefwright-atomic-'));
    const files = Array.from({ length: 300 }, (_, i) => ({ path: join(dir, `file-${i}.txt`), data: `new ${i}` }));
    for (const file of files) await writeFile(file.path, 'old');
    const writing = writeFilesAtomically(files);
    // The interrupt comes once the first file is in place, the others still to be renamed.
    while (!(await readFile(files[0]!.path, 'utf8').catch(() => '')).startsWith('new')) await new Promise((resolve) => setImmediate(resolve));
    abandonPendingWrites();
    await commitsSettled();
    await writing;
    const contents = await Promise.all(files.map((file) => readFile(file.path, 'utf8')));
    expect(contents.filter((text) => text === 'old')).toEqual([]);
    expect((await readdir(dir)).filter((name) => !name.startsWith('file-'))).toEqual([]);

    const later = join(dir, 'later.txt');
    await expect(writeFilesAtomically([{ path: later, data: 'x' }])).rejects.toThrow('The build was interrupted');
    expect(existsSync(later)).toBe(false);
  });
});
