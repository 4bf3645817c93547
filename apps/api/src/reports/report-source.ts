import type { Readable } from "node:stream";
import { is, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { PgliteSession } from "drizzle-orm/pglite";
import { PostgresJsSession } from "drizzle-orm/postgres-js";
import type { Database, Db } from "../db/client.js";
import { type TenantScope, tenantSettings } from "../db/tenant.js";
import { oneBatchAhead } from "./one-batch-ahead.js";

const dialect = new PgDialect();

/** Rows per round trip: big enough to amortise it, small enough to keep memory flat. */
export const BATCH_ROWS = 2_000;

/**
 * One report read: a read-only REPEATABLE READ transaction as the tenant (row-level security as
 * for any staff request), so a long export sees one consistent snapshot from its first row to
 * its last however the data changes meanwhile. On PGlite the transaction holds the embedded
 * database for its length, as every request there does.
 */
export function inTenantSnapshot<T>(
  database: Database,
  scope: TenantScope,
  work: (source: ReportSource) => Promise<T>,
): Promise<T> {
  return database.db.transaction(
    async (tx) => {
      const { role, "app.partner_id": partnerId, "app.all_partners": all } = tenantSettings(scope);
      await tx.execute(
        sql`select set_config('role', ${role}, true), set_config('app.partner_id', ${partnerId}, true), set_config('app.all_partners', ${all}, true)`,
      );
      await tx.execute(REPORT_SETTINGS);
      return work(new ReportSource(tx as unknown as Db));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * For the report's transaction only: room for the aggregates and hashes of set-based reports in
 * the server's memory rather than temporary files; one parallel worker (a million-row register
 * joins, formats and sorts in two processes: over HTTP 7.9–9.2 s with none, 5.7–7.6 s with one,
 * 6.4–8.6 s with two on two cores shared with the API; requests run without workers, db/tenant.ts);
 * and ISO dates, so that `date::text` is YYYY-MM-DD whatever the server's DateStyle
 * (report-sql.ts). No JIT, as on every connection: its compile time was 1.5 s of a 2.6 s register
 * of 20,000 rows (db/session-settings.ts).
 */
export const REPORT_SETTINGS = sql`select set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '1', true), set_config('DateStyle', 'ISO, YMD', true)`;

/** The driver under drizzle's transaction: postgres.js's TransactionSql or PGlite's Transaction. */
type PostgresClient = {
  unsafe(
    text: string,
    params?: unknown[],
  ): {
    values(): { cursor(rows: number): AsyncIterable<unknown[][]> };
    readable(): Promise<Readable>;
  } & PromiseLike<unknown>;
};
type PgliteClient = {
  query(text: string, params?: unknown[], options?: { rowMode: "array" }): Promise<{ rows: unknown[][] }>;
};

let cursorCount = 0;

export class ReportSource {
  constructor(readonly tx: Db) {}

  private get session(): unknown {
    return (this.tx as unknown as { _: { session: unknown } })._.session;
  }

  /** Whether `copyCsv` is available: PostgreSQL's own CSV writer, not PGlite. */
  get canCopy(): boolean {
    return is(this.session, PostgresJsSession);
  }

  /**
   * The query's rows as arrays, `BATCH_ROWS` at a time, from a server-side cursor. On PostgreSQL
   * the next batch is asked for as soon as one is handed over (`oneBatchAhead`), so the server
   * makes it while the consumer works on this one; no more than that is fetched until the
   * consumer comes back, so a slow client slows the query down instead of filling memory.
   */
  async *rows(query: SQL): AsyncGenerator<unknown[][]> {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const session = this.session;
    if (is(session, PostgresJsSession)) {
      const client = session.client as unknown as PostgresClient;
      const cursor = client.unsafe(text, params).values().cursor(BATCH_ROWS);
      yield* oneBatchAhead(cursor[Symbol.asyncIterator]());
      return;
    }
    if (!is(session, PgliteSession)) throw new Error("reports need postgres.js or PGlite");
    const client = (session as unknown as { client: PgliteClient }).client;
    const cursor = `ssp_report_${++cursorCount}`;
    await client.query(`declare ${cursor} no scroll cursor for ${text}`, params);
    for (;;) {
      const { rows } = await client.query(`fetch ${BATCH_ROWS} from ${cursor}`, [], { rowMode: "array" });
      if (rows.length > 0) yield rows;
      if (rows.length < BATCH_ROWS) break;
    }
    await client.query(`close ${cursor}`);
  }

  /**
   * PostgreSQL writes the rows as CSV itself (`COPY … TO STDOUT`): the fastest way out, and a
   * stream with backpressure. COPY takes no bind parameters, so the server quotes each one
   * (`quote_literal`) and the quoted literal takes the parameter's place: an untyped literal is
   * typed from its context exactly as the parameter was, and nothing the client wrote is pasted
   * into the SQL unquoted.
   */
  async copyCsv(query: SQL): Promise<Readable> {
    const session = this.session;
    if (!is(session, PostgresJsSession)) throw new Error("COPY needs PostgreSQL");
    const client = session.client as unknown as PostgresClient;
    const { sql: text, params } = dialect.sqlToQuery(query);
    let literals: string[] = [];
    if (params.length > 0) {
      const quoted = (await client.unsafe(
        "select quote_literal(v) as q from unnest($1::text[]) with ordinality as x(v, n) order by n",
        [params.map(parameterText)],
      )) as { q: string }[];
      literals = quoted.map((r) => r.q);
    }
    const copyText = text.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1]!);
    return client.unsafe(`copy (${copyText}) to stdout with (format csv)`).readable();
  }
}

/** A parameter as literal text: arrays as PostgreSQL array literals. */
function parameterText(value: unknown): string {
  if (Array.isArray(value)) {
    // Only enum values (validated words) ever travel as arrays; quote them anyway.
    return `{${value.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
