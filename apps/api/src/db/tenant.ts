import { is, sql } from "drizzle-orm";
import { PostgresJsSession } from "drizzle-orm/postgres-js";
import type { Db } from "./client.js";

/** Whose rows a request may touch: one partner, or every partner for the platform operator. */
export type TenantScope = { kind: "partner"; partnerId: number } | { kind: "platform" };

/**
 * The settings row-level security reads: the unprivileged role, and whose rows it may see
 * (migration 0001). Set per transaction below, or once per connection by tenant-readers.ts.
 */
export function tenantSettings(scope: TenantScope): {
  role: string;
  "app.partner_id": string;
  "app.all_partners": string;
} {
  return scope.kind === "platform"
    ? { role: "ssp_platform", "app.partner_id": "", "app.all_partners": "on" }
    : { role: "ssp_app", "app.partner_id": String(scope.partnerId), "app.all_partners": "off" };
}

/**
 * Staff requests run without parallel workers, as they always have: `app_partner_id()` was
 * PARALLEL UNSAFE until migration 0054, and a request's plan should not start processes on a
 * two-core server busy with other requests. A report asks for workers in its own transaction
 * (reports/report-source.ts).
 */
export const REQUEST_PARALLEL_SETTINGS = { max_parallel_workers_per_gather: "0" } as const;

const SET_TENANT = `select set_config('role', $1, true), set_config('app.partner_id', $2, true), set_config('app.all_partners', $3, true), set_config('max_parallel_workers_per_gather', '${REQUEST_PARALLEL_SETTINGS.max_parallel_workers_per_gather}', true)`;
// Requests also bound each statement: a slow one is stopped (57014 → 503) rather than holding
// a pool connection for everyone else (issue 14 finding 7). Jobs run without the bound.
const SET_TENANT_BOUNDED = `${SET_TENANT}, set_config('statement_timeout', $4, true)`;

/**
 * Runs `work` in one transaction as an unprivileged role with the tenant set (`ssp_app` for a
 * partner's staff, `ssp_platform` for the operator), so row-level security applies even to a
 * query that forgets its partner filter. Everything the request writes commits or rolls back
 * together.
 */
export function inTenantTransaction<T>(
  db: Db,
  scope: TenantScope,
  work: (tx: Db) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    const { role, "app.partner_id": partnerId, "app.all_partners": allPartners } = tenantSettings(scope);
    const bounded = options.statementTimeoutMs !== undefined;
    const settings = [role, partnerId, allPartners, ...(bounded ? [String(options.statementTimeoutMs)] : [])];
    const session = tx._.session;
    if (is(session, PostgresJsSession)) {
      // Handed to the transaction's connection now (`execute()`), not awaited: the work's
      // statements queue behind it and leave in the same round trip. PostgreSQL runs them in
      // order, so they run as the role with the tenant set; if this one failed, the transaction
      // is aborted and every later statement fails with it. Prepared, so after the first
      // request on a connection it is a Bind/Execute, nothing to parse or describe.
      const tenantSet = session.client
        .unsafe(bounded ? SET_TENANT_BOUNDED : SET_TENANT, settings, { prepare: true })
        .execute();
      tenantSet.catch(() => {}); // observed below, after the work
      const result = await work(tx as unknown as Db);
      await tenantSet;
      return result;
    }
    await tx.execute(
      sql`select set_config('role', ${role}, true), set_config('app.partner_id', ${partnerId}, true), set_config('app.all_partners', ${allPartners}, true)`,
    );
    if (bounded)
      await tx.execute(
        sql`select set_config('statement_timeout', ${String(options.statementTimeoutMs)}, true)`,
      );
    return work(tx as unknown as Db);
  });
}
