import { text } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { contracts, orders, paymentMethods } from "../db/schema/index.js";
import type { Actor } from "../http/context.js";
import { moveOrder } from "../orders/move-order.js";

/**
 * An order is ready to install once its contract is signed, auto-pay is registered and an asset
 * is allocated (SPEC §3), in whichever order those happened. Called after each of them.
 */
export async function advanceWhenReady(
  ctx: { tx: Db; actor: Actor | null; ip: string | undefined; clock: { now(): Date } },
  orderId: number,
): Promise<void> {
  const [order] = await ctx.tx.select().from(orders).where(eq(orders.id, orderId));
  if (order?.status !== "contract_signed" || order.contractId === null) return;
  const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.id, order.contractId));
  if (!contract?.assetId) return;
  const [method] = await ctx.tx
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.contractId, contract.id), eq(paymentMethods.status, "active")))
    .limit(1);
  if (!method) return;
  await moveOrder(ctx, order, "ready_to_install", { note: text("order.ready_to_install") });
}
