import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../src/db/client.js";
import type { TcpProxy } from "../test/support/tcp-proxy.js";
import type { StaffClient } from "./client.js";
import type { ApiProcess } from "./server.js";

/** What every section gets: the running API, its database, signed-in staff, the budget. */
export interface SuiteContext {
  api: ApiProcess;
  proxy: TcpProxy;
  /** The suite's own connection to the API's database (fixtures and checks, as the owner). */
  db: Database;
  adminUrl: string;
  databaseName: string;
  /** The database's URL as the API reaches it (through the proxy). */
  apiDatabaseUrl: string;
  dataDir: string;
  staff: Record<string, StaffClient>;
  smoke: boolean;
  today: string;
}

export interface SectionResult {
  name: string;
  /** Markdown for RELIABILITY.md. */
  report: string;
  figures: Record<string, number | string>;
  failures: string[];
}

/**
 * A fingerprint of every table (rows and their contents), read as the owner: equal before and
 * after a request means it changed no row anywhere. Sessions and rate-limit counters are the
 * request's own bookkeeping and are left out.
 */
export async function fingerprint(db: Database): Promise<string> {
  // The outbox delivers on its own schedule (a status and attempts change): its rows are counted.
  // Its delivery attempts are written only by the deliverer, never by a request: left out.
  const tables = rowsOf<{ name: string }>(
    await db.db.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public'
          and tablename not in ('sessions', 'rate_limit_hits', 'notification_attempts') order by 1`,
    ),
  ).map((r) => r.name);
  const parts = tables.map((t) =>
    VOLATILE.has(t)
      ? `select '${t}' as t, count(*) as n, 0::bigint as h from "${t}" x`
      : `select '${t}' as t, count(*) as n, coalesce(sum(hashtext(x::text)::bigint), 0) as h from "${t}" x`,
  );
  const rows = rowsOf<{ t: string; n: string; h: string }>(
    await db.db.execute(sql.raw(parts.join(" union all "))),
  );
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join("|");
}

/** The tables whose part of two fingerprints differ. */
export function changedTables(before: string, after: string): string[] {
  const a = new Set(before.split("|"));
  return after
    .split("|")
    .filter((part) => !a.has(part))
    .map((part) => part.split(":")[0]!);
}

/** Tables background work updates by itself (the outbox's delivery): compared by row count only. */
const VOLATILE = new Set(["notifications", "notification_attempts", "job_runs"]);

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)]!;
}

export const round = (n: number) => Math.round(n * 10) / 10;

export function mdTable(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** The first row id of `table` that belongs to partner 1 (데모렌탈), for routes with `{id}`. */
export async function demoIdOf(db: Database, table: string): Promise<number | undefined> {
  try {
    const column = table === "partners" ? "id" : "partner_id";
    const [row] = rowsOf<{ id: number }>(
      await db.db.execute(sql.raw(`select id from "${table}" where ${column} = 1 order by id limit 1`)),
    );
    return row?.id;
  } catch {
    return undefined;
  }
}

/** Route path segment → table, for the ids the matrix and the fuzzing put into paths. */
export const TABLE_OF: Record<string, string> = {
  customers: "customers",
  products: "products",
  plans: "plans",
  assets: "assets",
  "asset-events": "asset_events",
  orders: "orders",
  "credit-checks": "credit_checks",
  contracts: "contracts",
  "payment-methods": "payment_methods",
  deliveries: "deliveries",
  notifications: "notifications",
  invoices: "invoices",
  payments: "payments",
  users: "users",
  partners: "partners",
  "audit-logs": "audit_logs",
  jobs: "job_runs",
  "billing-runs": "job_runs",
};

export async function openApiRoutes(baseUrl: string) {
  const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { requestBody?: { content: { "application/json": { schema: unknown } } }; security?: unknown }
      >
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      bodySchema: op.requestBody?.content["application/json"].schema,
      needsLogin: op.security !== undefined,
    })),
  );
}
