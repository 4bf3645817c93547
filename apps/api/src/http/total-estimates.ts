/**
 * The planner's estimate of a list's total, remembered for a few seconds per tenant and filter,
 * so that paging through a list does not plan an EXPLAIN on every request
 * (docs/decisions/0002-list-totals.md). A large estimate is the total; a small one only says
 * "count": exact counts are never remembered, so small totals stay exact.
 */
export class TotalEstimates {
  private readonly entries = new Map<string, { estimate: number; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? (() => Date.now());
  }

  get(key: string): number | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.estimate;
  }

  set(key: string, estimate: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { estimate, expiresAt: this.now() + this.ttlMs });
  }
}
