import { auditLogs } from "../db/schema/index.js";
import type { Actor, StaffContext } from "../http/context.js";

/**
 * Writes the audit row for a mutation inside the same transaction, so a change and its record
 * commit or vanish together. `before`/`after` are the API's JSON shapes of the record. A null
 * actor is the customer acting on a public page (the IP still says from where).
 */
export async function recordAudit(
  ctx: { tx: StaffContext["tx"]; actor: Actor | null; ip: string | undefined },
  entry: {
    entity: string;
    entityId: number | string;
    action: string;
    partnerId: number | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await ctx.tx.insert(auditLogs).values({
    partnerId: entry.partnerId,
    userId: ctx.actor?.userId ?? null,
    entity: entry.entity,
    entityId: String(entry.entityId),
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip ?? null,
  });
}
