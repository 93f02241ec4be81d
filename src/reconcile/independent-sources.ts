/**
 * Sources counted as one: a paper and every paper whose text it repeats (sources.yaml `reuses:`),
 * transitively. Each group is named by its earliest key in sort order, so the naming is stable.
 */
export class IndependentSources {
  private readonly parent = new Map<string, string>();
  private readonly derived: ReadonlySet<string>;

  constructor(reuses: ReadonlyMap<string, readonly string[]>) {
    for (const [key, others] of reuses) for (const other of others) this.union(key, other);
    this.derived = new Set([...reuses].filter(([, others]) => others.length > 0).map(([key]) => key));
  }

  /** Whether a source repeats another's text (so the other is the one to show and cite). */
  isDerived(key: string): boolean {
    return this.derived.has(key);
  }

  /** The group a source belongs to (the source itself when it repeats nothing and nothing repeats it). */
  groupOf(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  /** How many independent sources a list of source keys amounts to. */
  count(keys: Iterable<string>): number {
    return new Set([...keys].map((k) => this.groupOf(k))).size;
  }

  /** Whether two different sources are one by reuse. */
  same(a: string, b: string): boolean {
    return a !== b && this.groupOf(a) === this.groupOf(b);
  }

  private union(a: string, b: string): void {
    const [ra, rb] = [this.groupOf(a), this.groupOf(b)];
    if (ra === rb) return;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    if (!this.parent.has(root)) this.parent.set(root, root);
  }
}
