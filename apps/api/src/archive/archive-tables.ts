import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";

/**
 * What a partner's take-out archive holds: every table with a `partner_id` (found in the schema,
 * so a table added later is taken along without anyone remembering to), plus the partner's own
 * row. Left out: short-lived sign-up and redirect state, the dashboard's cache and the open-ticket counts (recomputed).
 */
export const SKIPPED_TABLES = new Set([
  "applicant_sessions",
  "phone_verifications",
  "payment_redirects",
  "metric_months",
  "rate_limit_hits",
  "ticket_open_counts",
]);

/** Columns never handed out: staff password hashes (restored users get a new password). */
export const WITHHELD_COLUMNS: Record<string, readonly string[]> = { users: ["password_hash"] };

/** Stored as files of their own in the archive, not as CSV text. */
export const FILE_COLUMNS: Record<string, string> = { documents: "bytes" };

export interface ArchiveTable {
  name: string;
  columns: { name: string; type: string }[];
}

/** The archived tables in a restorable order (partners first), with their columns. */
export async function archiveTables(tx: Db): Promise<ArchiveTable[]> {
  const rows = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await tx.execute(sql`
      select c.table_name, c.column_name, c.data_type
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
        and (c.table_name = 'partners' or c.table_name in (
          select table_name from information_schema.columns where table_schema = 'public' and column_name = 'partner_id'))
      order by c.table_name = 'partners' desc, c.table_name, c.ordinal_position`),
  );
  const tables = new Map<string, ArchiveTable>();
  for (const r of rows) {
    if (SKIPPED_TABLES.has(r.table_name)) continue;
    if (WITHHELD_COLUMNS[r.table_name]?.includes(r.column_name)) continue;
    if (FILE_COLUMNS[r.table_name] === r.column_name) continue;
    const table = tables.get(r.table_name) ?? { name: r.table_name, columns: [] };
    table.columns.push({ name: r.column_name, type: r.data_type });
    tables.set(r.table_name, table);
  }
  return [...tables.values()];
}
