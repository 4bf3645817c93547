import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "./client.js";
import * as schema from "./schema/index.js";
import { SESSION_SETTINGS } from "./session-settings.js";
import { REQUEST_PARALLEL_SETTINGS, type TenantScope, tenantSettings } from "./tenant.js";

/**
 * Connections opened for one tenant, for requests that only read (lists and records by id).
 * The tenant's role and partner are startup parameters of each connection, so PostgreSQL holds
 * them as the session's own settings from the first statement to the last, and nothing ever
 * changes them: row-level security applies to every statement on them exactly as it does inside
 * `inTenantTransaction`. Such a read needs no BEGIN, set_config or COMMIT, and statements of
 * concurrent requests of the same tenant share the connections' pipeline
 * (docs/decisions/0006-tenant-read-connections.md).
 *
 * At most `maxTenants` tenants hold connections at a time; a tenant idle for `idleSeconds` gives
 * its place up. When all places are taken by active tenants, `readerFor` answers undefined and
 * the caller reads in a transaction as before.
 */
export class TenantReaders {
  private readonly readers = new Map<string, { db: Db; client: postgres.Sql; usedAt: number }>();
  private readonly now: () => number;

  constructor(
    private readonly options: {
      url: string;
      maxTenants: number;
      connectionsPerTenant: number;
      idleSeconds: number;
      connectTimeoutSeconds?: number;
      /** Each statement on these connections is stopped past this (they serve requests only). */
      statementTimeoutMs?: number;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  readerFor(scope: TenantScope): Db | undefined {
    const key = keyOf(scope);
    const now = this.now();
    let reader = this.readers.get(key);
    if (!reader) {
      if (this.readers.size >= this.options.maxTenants && !this.evictIdle(now)) return undefined;
      const client = postgres(this.options.url, {
        max: this.options.connectionsPerTenant,
        idle_timeout: this.options.idleSeconds,
        onnotice: () => {},
        connect_timeout: this.options.connectTimeoutSeconds ?? 30,
        connection: {
          ...SESSION_SETTINGS,
          ...tenantSettings(scope),
          ...REQUEST_PARALLEL_SETTINGS,
          ...(this.options.statementTimeoutMs ? { statement_timeout: this.options.statementTimeoutMs } : {}),
        },
      });
      reader = { db: drizzle({ client, schema }), client, usedAt: now };
      this.readers.set(key, reader);
    }
    reader.usedAt = now;
    return reader.db;
  }

  /**
   * Forgets the tenant's connections so that the next read opens fresh ones. They are closed in
   * the background and not awaited: a connection that left a query pending may never finish.
   */
  discard(scope: TenantScope): void {
    const reader = this.readers.get(keyOf(scope));
    if (!reader) return;
    this.readers.delete(keyOf(scope));
    reader.client.end({ timeout: 1 }).catch(() => {}); // closing: nothing left to report to
  }

  /** Closes the longest-idle tenant's connections if it has been idle long enough. */
  private evictIdle(now: number): boolean {
    let idlest: [string, { client: postgres.Sql; usedAt: number }] | undefined;
    for (const entry of this.readers) if (!idlest || entry[1].usedAt < idlest[1].usedAt) idlest = entry;
    if (!idlest || now - idlest[1].usedAt < this.options.idleSeconds * 1000) return false;
    this.readers.delete(idlest[0]);
    idlest[1].client.end({ timeout: 5 }).catch(() => {}); // closing: nothing left to report to
    return true;
  }

  async close(): Promise<void> {
    const clients = [...this.readers.values()].map((r) => r.client);
    this.readers.clear();
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  }
}

function keyOf(scope: TenantScope): string {
  return scope.kind === "partner" ? `partner ${scope.partnerId}` : "platform";
}
