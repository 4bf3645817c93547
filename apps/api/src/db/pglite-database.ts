import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { type Database, MIGRATIONS_FOLDER } from "./client.js";
import { lockDataDir } from "./data-dir-lock.js";
import { EmbeddedDatabaseUnreadable } from "./embedded-database-problems.js";
import * as schema from "./schema/index.js";

/** Embedded PGlite in `dataDir` (in memory without one): the zero-set-up database. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const releaseFolder = dataDir ? folderHeldUntilExit(dataDir) : () => {};
  const client = new PGlite({ dataDir: dataDir, extensions: { pg_trgm } });
  try {
    await client.waitReady;
  } catch (error) {
    releaseFolder();
    throw new EmbeddedDatabaseUnreadable(dataDir, error);
  }
  const held = new Set<string>();
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: "pglite",
    readerFor: () => undefined,
    discardReader: () => {},
    tryLock: async (key) => {
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    unlock: async (key) => {
      held.delete(key);
    },
    listen: async (channel, onMessage) => {
      const stop = await client.listen(channel, onMessage);
      return async () => stop();
    },
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      try {
        await client.close();
      } finally {
        releaseFolder();
      }
    },
  };
}

/**
 * The folder taken for this process (data-dir-lock.ts) until the answered release, or until the
 * process exits without closing the database.
 */
function folderHeldUntilExit(dataDir: string): () => void {
  const release = lockDataDir(dataDir);
  process.once("exit", release);
  return () => {
    process.off("exit", release);
    release();
  };
}
