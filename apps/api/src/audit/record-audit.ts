import { auditLogs } from "../db/schema/index.js";
import type { Actor, StaffContext } from "../http/context.js";

/**
 * Who acted when nobody is logged in: the customer on a public page (signing, applying,
 * registering a card) or the system running a job. Staff are named by the request's actor.
 */
export type AuditSubject =
  | { kind: "customer"; customerId: number | null }
  | { kind: "system"; jobRunId: number | null };

export interface AuditContext {
  tx: StaffContext["tx"];
  actor: Actor | null;
  ip: string | undefined;
  /** Who acted when `actor` is null; a job when neither says. */
  by?: AuditSubject;
}

/**
 * Writes the audit row for a mutation inside the same transaction, so a change and its record
 * commit or vanish together. `before`/`after` are the API's JSON shapes of the record. Every row
 * names its actor: a staff user, the customer (with the IP it came from), or the system's job run.
 */
export async function recordAudit(
  ctx: AuditContext,
  entry: {
    entity: string;
    entityId: number | string;
    action: string;
    partnerId: number | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  const by = ctx.by ?? { kind: "system", jobRunId: null };
  await ctx.tx.insert(auditLogs).values({
    partnerId: entry.partnerId,
    userId: ctx.actor?.userId ?? null,
    actorKind: ctx.actor ? "user" : by.kind,
    actorId: ctx.actor ? ctx.actor.userId : by.kind === "customer" ? by.customerId : by.jobRunId,
    entity: entry.entity,
    entityId: String(entry.entityId),
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip ?? null,
  });
}
