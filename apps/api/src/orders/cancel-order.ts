import { type ContractStatus, contractLifecycle, text } from "@ssp/domain";
import { and, eq, isNull } from "drizzle-orm";
import { retirePaymentMethods } from "../billing/payment-method-retirement.js";
import { moveContract } from "../contracts/contracts.repository.js";
import { contracts, signingLinks } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { moveOrder } from "./move-order.js";
import { lockOrder } from "./orders.repository.js";

/**
 * Cancels an open order with a reason. A contract not yet active is cancelled with it and its
 * signing links revoked, so an e-mailed link stops working at once.
 */
export async function cancelOrder(ctx: StaffContext, input: { orderId: number; reason: string }) {
  const order = await lockOrder(ctx.tx, ctx.scope, input.orderId);
  if (!order) throw notFound("Order");
  const moved = await moveOrder(ctx, order, "cancelled", {
    note: text("order.cancelled", { reason: input.reason }),
    values: { cancelReason: input.reason },
  });
  if (order.contractId !== null) {
    const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.id, order.contractId));
    if (
      contract &&
      contractLifecycle.canTransition(contract.status as ContractStatus, "cancelled") &&
      contract.status !== "active"
    ) {
      await moveContract(ctx, contract, "cancelled", { endReason: input.reason, endedOn: ctx.clock.today() });
      await retirePaymentMethods(ctx.tx, contract.id);
      await ctx.tx
        .update(signingLinks)
        .set({ revokedAt: ctx.clock.now() })
        .where(and(eq(signingLinks.contractId, contract.id), isNull(signingLinks.revokedAt)));
    }
  }
  return moved;
}
