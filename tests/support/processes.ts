import { readdir, readFile } from 'node:fs/promises';

/** Pids of a process's descendants, from /proc. */
export async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parents) if (ppid === parent && !found.includes(child)) found.push(child), visit(child);
  };
  visit(pid);
  return found;
}

/** Running, not merely a zombie waiting for an init that does not reap (as in some sandboxes). */
export async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** The Chromium profile folders (--user-data-dir) among these processes. */
export async function profilesOf(pids: readonly number[]): Promise<string[]> {
  const found = new Set<string>();
  for (const pid of pids) {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const profile = args.find((arg) => arg.startsWith('--user-data-dir='));
    if (profile) found.add(profile.slice('--user-data-dir='.length));
  }
  return [...found];
}
