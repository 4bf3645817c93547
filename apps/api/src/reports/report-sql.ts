import { VAT_FREE_LINE_KINDS } from "@ssp/domain";
import { type SQL, sql } from "drizzle-orm";

/**
 * SQL pieces every report shares. Every parameter carries an explicit cast, so the query means
 * the same with bind parameters (cursor) and with quoted literals (COPY).
 */

/**
 * A date column as YYYY-MM-DD: its text under the ISO DateStyle every report's transaction sets
 * (REPORT_SETTINGS). Cheaper than `to_char`: the million-row register's COPY took 6.4–6.9 s
 * against 7.5–7.9 s with it (BENCHMARKS.md, session 8).
 */
export const dayText = (column: SQL | SQL.Aliased | unknown) => sql`(${column})::text`;

/** An instant as the Seoul wall-clock time, to the second (ISO DateStyle, as `dayText`). */
export const seoulTimeText = (column: unknown) =>
  sql`date_trunc('second', ${column} at time zone 'Asia/Seoul')::text`;

/** The Seoul calendar day of an instant. */
export const seoulDay = (column: unknown) => sql`(${column} at time zone 'Asia/Seoul')::date`;

/** The instant a Seoul calendar day starts. */
export const seoulStart = (date: string) => sql`(${date}::date::timestamp at time zone 'Asia/Seoul')`;

/** The instant the Seoul calendar day after `date` starts: "up to the end of `date`". */
export const seoulEnd = (date: string) => sql`((${date}::date + 1)::timestamp at time zone 'Asia/Seoul')`;

/** Free text on one line: CSV rows stay one line each (and Excel shows them whole). */
export const oneLine = (column: unknown) => sql`regexp_replace(${column}, '[\\r\\n]+', ' ', 'g')`;

/** A won sum, exact: 32-bit amounts summed as bigint (int8 arrives as text, never a rounded double). */
export const wonSum = (expression: SQL) => sql`coalesce(sum(${expression}), 0)::bigint`;

export const partnerIs = (column: unknown, partnerId: number) => sql`${column} = ${partnerId}::int`;

export const and = (parts: (SQL | undefined)[]) => {
  const present = parts.filter((p): p is SQL => p !== undefined);
  return present.length === 0 ? sql`true` : sql.join(present, sql` and `);
};

/**
 * The line kinds outside VAT (the domain's `VAT_FREE_LINE_KINDS`, docs/decisions/0005) as an SQL
 * list: `kind in (${TAX_FREE_KINDS})`. Constants of the domain, never input.
 */
export const TAX_FREE_KINDS = sql.raw(
  [...VAT_FREE_LINE_KINDS].map((k) => `'${k.replace(/'/g, "''")}'`).join(", "),
);
