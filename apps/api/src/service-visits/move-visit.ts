import { type VisitStatus, visitLifecycle } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { serviceVisits } from "../db/schema/index.js";
import { partnerScope } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";

export type VisitRow = typeof serviceVisits.$inferSelect;

/** Which of the tenant's visits the actor may see at all: a technician, their own. */
export function visibleVisits(ctx: Pick<StaffContext, "actor">) {
  return ctx.actor.role === "technician" ? eq(serviceVisits.technicianId, ctx.actor.userId) : undefined;
}

/** Loads a visit in the caller's scope and locks it for the rest of the transaction (404 if not theirs). */
export async function lockVisit(
  ctx: { tx: Db; scope: TenantScope; actor: StaffContext["actor"] },
  id: number,
): Promise<VisitRow> {
  const [row] = await ctx.tx
    .select()
    .from(serviceVisits)
    .where(
      and(eq(serviceVisits.id, id), partnerScope(serviceVisits.partnerId, ctx.scope), visibleVisits(ctx)),
    )
    .for("update");
  if (!row) throw notFound("Service visit");
  return row;
}

/**
 * The one way a service visit changes: the domain checks the step (409 if illegal), then the row
 * is written only from the status the caller read (409 if another request moved it since) and
 * the change is audited, in the caller's transaction. Rescheduling passes the visit's own status.
 */
export async function moveVisit(
  ctx: AuditContext & { clock: { now(): Date } },
  visit: VisitRow,
  to: VisitStatus,
  action: string,
  values: Partial<typeof serviceVisits.$inferInsert> = {},
): Promise<VisitRow> {
  const from = visit.status as VisitStatus;
  if (to === from && action === "reschedule") {
    if (visitLifecycle.isTerminal(from))
      throw new AppError(409, "illegal_transition", `A ${from} visit cannot be rescheduled`, { from, to });
  } else {
    visitLifecycle.assertCanTransition(from, to);
  }
  const [row] = await ctx.tx
    .update(serviceVisits)
    .set({ ...values, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(serviceVisits.id, visit.id), eq(serviceVisits.status, visit.status)))
    .returning();
  if (!row) {
    throw new AppError(409, "illegal_transition", `The visit is no longer ${from}; reload it and try again`);
  }
  await recordAudit(ctx, {
    entity: "service-visits",
    entityId: visit.id,
    action: action === "reschedule" ? "reschedule" : `status:${to}`,
    partnerId: visit.partnerId,
    before: auditView(visit),
    after: auditView(row),
  });
  return row;
}

/** What the audit keeps of a visit (no signature bytes, no customer data). */
function auditView(v: VisitRow) {
  return {
    status: v.status,
    scheduledOn: v.scheduledOn,
    technicianId: v.technicianId,
    reason: v.reason,
    notes: v.notes,
    partsUsed: v.partsUsed,
  };
}
