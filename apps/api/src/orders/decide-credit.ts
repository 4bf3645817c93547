import { assertCanDecideCredit, type OrderStatus, text } from "@ssp/domain";
import { and, desc, eq, isNull } from "drizzle-orm";
import { creditChecks } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { moveOrder } from "./move-order.js";
import { lockOrder } from "./orders.repository.js";

/** A manager's decision on an order the policy sent to review, with the reason kept on the check. */
export async function decideCredit(
  ctx: StaffContext,
  input: { orderId: number; decision: "approved" | "declined"; reason: string },
) {
  const order = await lockOrder(ctx.tx, ctx.scope, input.orderId);
  if (!order) throw notFound("Order");
  assertCanDecideCredit(order.status as OrderStatus);
  const [check] = await ctx.tx
    .select()
    .from(creditChecks)
    .where(and(eq(creditChecks.orderId, order.id), isNull(creditChecks.decision)))
    .orderBy(desc(creditChecks.id))
    .limit(1);
  if (check) {
    await ctx.tx
      .update(creditChecks)
      .set({
        decision: input.decision,
        decidedBy: ctx.actor.userId,
        decidedAt: ctx.clock.now(),
        decisionReason: input.reason,
      })
      .where(eq(creditChecks.id, check.id));
  }
  return moveOrder(ctx, order, input.decision === "approved" ? "credit_approved" : "credit_declined", {
    note: text(input.decision === "approved" ? "order.credit_approved" : "order.credit_declined", {
      reason: input.reason,
    }),
    detail: { creditCheckId: check?.id ?? null },
  });
}
