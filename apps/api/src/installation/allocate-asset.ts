import { assertCanAllocateAsset, type OrderStatus, text } from "@ssp/domain";
import { and, asc, eq } from "drizzle-orm";
import { moveAsset } from "../assets/move-asset.js";
import { recordAudit } from "../audit/record-audit.js";
import { contractJson, findContract } from "../contracts/contracts.repository.js";
import { assets, contracts, orderEvents, plans, planVersions } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { findOrder } from "../orders/orders.repository.js";
import { noteColumns } from "../shared/note-columns.js";
import { advanceWhenReady } from "./ready-to-install.js";

/**
 * Reserves a unit of the contract's product for the order: the one asked for, or the oldest in
 * stock (claimed with SKIP LOCKED so two allocations never pick the same unit). The database
 * has the last word: a partial unique index lets only one open contract hold an asset, so a
 * race that slips past these checks ends in 409 `asset_already_held`, not a double booking.
 */
export async function allocateAsset(ctx: StaffContext, input: { orderId: number; assetId?: number }) {
  const order = await findOrder(ctx.tx, ctx.scope, input.orderId);
  if (!order) throw notFound("Order");
  assertCanAllocateAsset(order.status as OrderStatus);
  if (order.contractId === null) throw new AppError(409, "illegal_transition", "The order has no contract");
  const contract = (await findContract(ctx.tx, ctx.scope, order.contractId))!;
  if (contract.assetId !== null)
    throw new AppError(409, "asset_already_allocated", "This order already has an asset");
  const [plan] = await ctx.tx
    .select({ productId: plans.productId })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .where(eq(planVersions.id, contract.planVersionId));

  const candidates = ctx.tx
    .select()
    .from(assets)
    .where(
      and(
        eq(assets.partnerId, contract.partnerId),
        eq(assets.productId, plan!.productId),
        input.assetId ? eq(assets.id, input.assetId) : eq(assets.status, "in_stock"),
      ),
    )
    .orderBy(asc(assets.id))
    .limit(1);
  const [asset] = input.assetId
    ? await candidates.for("update")
    : await candidates.for("update", { skipLocked: true });
  if (!asset) {
    throw input.assetId
      ? new AppError(400, "validation_failed", "No such asset of this product", {
          assetId: "Not a unit of the contracted product",
        })
      : new AppError(422, "out_of_stock", "No unit of this product is in stock");
  }
  if (asset.status !== "in_stock")
    throw new AppError(409, "asset_already_held", `This asset is ${asset.status}, not in stock`);

  const [held] = await ctx.tx
    .update(contracts)
    .set({ assetId: asset.id, updatedAt: ctx.clock.now() })
    .where(eq(contracts.id, contract.id))
    .returning();
  await moveAsset(ctx, asset, "reserved", {
    by: "system",
    contractId: contract.id,
    note: text("asset.allocated", { contract: contract.number }),
    values: { contractId: contract.id, customerId: contract.customerId },
  });
  await ctx.tx.insert(orderEvents).values({
    partnerId: order.partnerId,
    orderId: order.id,
    kind: "asset_allocated",
    userId: ctx.actor.userId,
    ...noteColumns(text("order.asset_allocated", { serial: asset.serialNumber })),
    detail: { assetId: asset.id },
  });
  await recordAudit(ctx, {
    entity: "contracts",
    entityId: contract.id,
    action: "allocate_asset",
    partnerId: contract.partnerId,
    after: { assetId: asset.id },
  });
  await advanceWhenReady(ctx, order.id);
  return { contract: contractJson(held!), asset: { id: asset.id, serialNumber: asset.serialNumber } };
}
