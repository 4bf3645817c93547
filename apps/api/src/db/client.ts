import { join } from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { REPO_ROOT } from "../env.js";
import * as schema from "./schema/index.js";
import { SESSION_SETTINGS } from "./session-settings.js";
import type { TenantScope } from "./tenant.js";
import { TenantReaders } from "./tenant-readers.js";

/** Any drizzle handle: the database itself or a transaction inside it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * Connections that belong to the tenant, for requests that only read (tenant-readers.ts);
   * undefined when there are none to be had (PGlite, or too many tenants active at once).
   */
  readerFor(scope: TenantScope): Db | undefined;
  /** Drops the tenant's read connections (one left a read unanswered); the next read opens new ones. */
  discardReader(scope: TenantScope): void;
  /** LISTEN on a channel (its own connection); resolves to a function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Advisory locks held by this process across instances (a job run's "one at a time"): session
   * locks on a connection of their own, so that holding one never takes a connection from the
   * pool. They go when the process dies, which is how a dead run is told from a live one. A key
   * this process holds is not taken again by it. PGlite is one process: always granted.
   */
  tryLock(key: string): Promise<boolean>;
  unlock(key: string): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_SECONDS = 3;

export const MIGRATIONS_FOLDER = join(REPO_ROOT, "migrations");

/**
 * PostgreSQL through the `postgres` driver when a URL is given, else embedded PGlite in
 * `dataDir` (or in memory when dataDir is omitted). Both run the same migrations and queries.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** Bound on each statement of a read on the tenant's connections (requests only). */
  statementTimeoutMs?: number;
}): Promise<Database> {
  if (options.databaseUrl) {
    // A connection attempt gives up after 3 s: during an outage requests answer 503 in seconds,
    // not after the driver's default 30 (issue 14 finding 7).
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      connection: SESSION_SETTINGS,
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client, schema });
    const lockClient = postgres(options.databaseUrl, {
      max: 1,
      idle_timeout: 0,
      connection: SESSION_SETTINGS,
      onnotice: () => {},
    });
    const held = new Set<string>();
    const readers = new TenantReaders({
      url: options.databaseUrl,
      maxTenants: 8,
      connectionsPerTenant: 3,
      idleSeconds: 60,
      connectTimeoutSeconds: CONNECT_TIMEOUT_SECONDS,
      statementTimeoutMs: options.statementTimeoutMs,
    });
    return {
      db,
      kind: "postgres",
      readerFor: (scope) => readers.readerFor(scope),
      discardReader: (scope) => readers.discard(scope),
      listen: async (channel, onMessage) => {
        const { unlisten } = await client.listen(channel, onMessage);
        return unlisten;
      },
      tryLock: async (key) => {
        if (held.has(key)) return false;
        held.add(key);
        const [row] = await lockClient`select pg_try_advisory_lock(hashtext(${key})) as ok`.catch((error) => {
          held.delete(key);
          throw error;
        });
        if (!row?.ok) held.delete(key);
        return Boolean(row?.ok);
      },
      unlock: async (key) => {
        if (!held.delete(key)) return;
        await lockClient`select pg_advisory_unlock(hashtext(${key}))`;
      },
      migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: async () => {
        await readers.close();
        await lockClient.end({ timeout: 5 });
        await client.end({ timeout: 5 });
      },
    };
  }
  // Loaded only when used: the embedded database's WASM build is ~30 MB of memory that a
  // PostgreSQL deployment never needs.
  const { openPglite } = await import("./pglite-database.js");
  return openPglite(options.dataDir);
}

/** Raw `execute` answers differ per driver (an array vs `{ rows }`); this gives the rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** How many rows a raw write changed, whichever driver answered (postgres.js or PGlite). */
export function countOf(result: unknown): number {
  const r = result as { count?: number; rowCount?: number; affectedRows?: number };
  return Number(r.count ?? r.rowCount ?? r.affectedRows ?? 0);
}
