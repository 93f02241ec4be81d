/** Work an interrupted run must still finish before it exits: recording what it has written. */
const hooks = new Set<() => Promise<unknown>>();

/** Registers `hook` for an interrupt (SIGINT, SIGTERM) while the returned function has not been called. */
export function onInterrupt(hook: () => Promise<unknown>): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Runs the registered hooks (for the signal handlers), for at most `ms` in all: an interrupt must not hang. */
export async function runInterruptHooks(ms = 5000): Promise<void> {
  const running = [...hooks].map((hook) => hook());
  hooks.clear();
  await Promise.race([Promise.allSettled(running), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}
