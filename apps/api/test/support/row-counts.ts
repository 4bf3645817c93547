import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../src/db/client.js";

/** Tables a refused request may still touch: logins make sessions, limits count hits. */
const BOOKKEEPING = new Set(["sessions", "rate_limit_hits"]);

/**
 * Row count of every table, read as the owner (outside RLS), to prove that refused requests
 * changed nothing anywhere: compare one call's answer with another's.
 */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await database.db.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    ),
  )
    .map((r) => r.name)
    .filter((name) => !BOOKKEEPING.has(name));
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const [row] = rowsOf<{ n: number }>(
      await database.db.execute(sql.raw(`select count(*)::int as n from "${name}"`)),
    );
    counts[name] = Number(row?.n);
  }
  return counts;
}
