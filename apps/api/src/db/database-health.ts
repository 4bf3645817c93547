import { dbUnavailable } from "../observability/metrics.js";

/**
 * Whether the database is worth asking. When a request fails because the database cannot be
 * reached (refused, reset, connect timeout), the breaker opens for a moment: requests arriving
 * meanwhile answer 503 with Retry-After at once, instead of each one waiting out its own
 * connection attempt (issue 14 finding 7: during an 8-second outage requests hung for 15 s).
 * When the moment has passed, the next request tries for real; if that fails too, it opens again.
 */
export class DatabaseHealth {
  private downUntil = 0;

  constructor(private readonly openMs = 2_000) {}

  isDown(now = Date.now()): boolean {
    const down = now < this.downUntil;
    if (!down) dbUnavailable.set(0);
    return down;
  }

  reportUnreachable(now = Date.now()): void {
    this.downUntil = now + this.openMs;
    dbUnavailable.set(1);
  }
}
