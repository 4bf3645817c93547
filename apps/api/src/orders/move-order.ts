import { type OrderStatus, orderLifecycle } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import { orderEvents, orders } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { type Note, noteColumns } from "../shared/note-columns.js";
import type { OrderRow } from "./orders.repository.js";

/**
 * The one way an order changes status: the domain checks the step (409 if illegal), then the
 * row, its timeline event and the audit entry are written in the caller's transaction.
 * `actor` is null when the customer moves the order from a public page.
 */
export async function moveOrder(
  ctx: AuditContext & { clock: { now(): Date } },
  order: OrderRow,
  to: OrderStatus,
  extra: {
    note?: Note;
    detail?: Record<string, unknown>;
    values?: Partial<typeof orders.$inferInsert>;
  } = {},
): Promise<OrderRow> {
  orderLifecycle.assertCanTransition(order.status as OrderStatus, to);
  // Only from the status the caller read: if another request moved the order since (a caller
  // that did not load it with lockOrder), this step was decided on a stale row and is refused.
  const [row] = await ctx.tx
    .update(orders)
    .set({ ...extra.values, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
    .returning();
  if (!row) {
    throw new AppError(
      409,
      "illegal_transition",
      `The order is no longer ${order.status}; reload it and try again`,
    );
  }
  await ctx.tx.insert(orderEvents).values({
    partnerId: order.partnerId,
    orderId: order.id,
    kind: "status",
    fromStatus: order.status,
    toStatus: to,
    userId: ctx.actor?.userId ?? null,
    ...noteColumns(extra.note),
    detail: extra.detail ?? null,
  });
  // Every step is audited, whoever took it: staff, the customer on a public page, or a job.
  await recordAudit(
    { tx: ctx.tx, actor: ctx.actor, ip: ctx.ip, by: ctx.by },
    {
      entity: "orders",
      entityId: order.id,
      action: `status:${to}`,
      partnerId: order.partnerId,
      before: { status: order.status },
      after: { status: to },
    },
  );
  return row;
}
