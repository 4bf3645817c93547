import { sql } from "drizzle-orm";
import type { Db } from "./client.js";

/** Whose rows a request may touch: one partner, or every partner for the platform operator. */
export type TenantScope = { kind: "partner"; partnerId: number } | { kind: "platform" };

/**
 * Runs `work` in one transaction as an unprivileged role with the tenant set (`ssp_app` for a
 * partner's staff, `ssp_platform` for the operator), so row-level security applies even to a
 * query that forgets its partner filter. Everything the request writes commits or rolls back
 * together.
 */
export function inTenantTransaction<T>(db: Db, scope: TenantScope, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const partnerId = scope.kind === "partner" ? String(scope.partnerId) : "";
    const allPartners = scope.kind === "platform" ? "on" : "off";
    const role = scope.kind === "platform" ? "ssp_platform" : "ssp_app";
    await tx.execute(
      sql`select set_config('role', ${role}, true), set_config('app.partner_id', ${partnerId}, true), set_config('app.all_partners', ${allPartners}, true)`,
    );
    return work(tx as unknown as Db);
  });
}
