import { sql } from "drizzle-orm";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import { type Db, rowsOf } from "../db/client.js";

/**
 * An express-rate-limit store in PostgreSQL: one row per key and window, counted with a single
 * upsert, so every API process (and every instance) counts the same hits. A window that has
 * passed starts over on the next hit; old rows are swept now and then.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const [row] = rowsOf<{ hits: number; reset_at: Date | string }>(
      await this.db.execute(sql`
        insert into rate_limit_hits as r (key, hits, reset_at)
        values (${this.prefix + key}, 1, now() + ${this.windowMs} * interval '1 millisecond')
        on conflict (key) do update set
          hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
          reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
        returning hits, reset_at`),
    );
    if (Math.random() < 0.01) await this.sweep();
    return { totalHits: row!.hits, resetTime: new Date(row!.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.execute(
      sql`update rate_limit_hits set hits = greatest(hits - 1, 0) where key = ${this.prefix + key}`,
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.execute(sql`delete from rate_limit_hits where key = ${this.prefix + key}`);
  }

  private async sweep(): Promise<void> {
    await this.db.execute(sql`delete from rate_limit_hits where reset_at <= now()`);
  }
}
