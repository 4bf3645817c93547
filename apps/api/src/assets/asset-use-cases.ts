import { bookValue, text } from "@ssp/domain";
import { count, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { assetEvents, assets } from "../db/schema/index.js";
import { findScoped, ownerPartner } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { conflict, notFound, validationFailed } from "../http/errors.js";
import { productTable } from "../products/product-use-cases.js";
import { noteColumns } from "../shared/note-columns.js";
import type { TAssetInput, TAssetTransitionRequest } from "./assets.schemas.js";
import { lockAsset, moveAsset } from "./move-asset.js";

export type AssetRow = typeof assets.$inferSelect;
export const assetTable = { table: assets, partnerColumn: assets.partnerId };

export function assetJson(r: AssetRow, today: string) {
  return {
    id: r.id,
    partnerId: r.partnerId,
    productId: r.productId,
    serialNumber: r.serialNumber,
    status: r.status,
    acquiredOn: r.acquiredOn,
    acquisitionCost: r.acquisitionCost,
    usefulLifeMonths: r.usefulLifeMonths,
    bookValue: bookValue({ ...r, asOf: today }),
    contractId: r.contractId,
    customerId: r.customerId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function loadAsset(ctx: StaffContext, id: number): Promise<AssetRow> {
  const row = await findScoped<AssetRow>(ctx.tx, ctx.scope, assetTable, id);
  if (!row) throw notFound("Asset");
  return row;
}

async function assertOwnProduct(ctx: StaffContext, productId: number): Promise<void> {
  if (!(await findScoped(ctx.tx, ctx.scope, productTable, productId)))
    throw validationFailed({ productId: "No such product" });
}

/** A new asset enters stock; its first event records that. Serials are unique per partner (409). */
export async function registerAsset(ctx: StaffContext, input: TAssetInput) {
  await assertOwnProduct(ctx, input.productId);
  const partnerId = ownerPartner(ctx.scope);
  const [row] = await ctx.tx
    .insert(assets)
    .values({ ...input, partnerId, status: "in_stock" })
    .returning();
  await ctx.tx.insert(assetEvents).values({
    partnerId,
    assetId: row!.id,
    fromStatus: null,
    toStatus: "in_stock",
    userId: ctx.actor.userId,
    ...noteColumns(text("asset.received")),
  });
  const after = assetJson(row!, ctx.clock.today());
  await recordAudit(ctx, { entity: "assets", entityId: row!.id, action: "create", partnerId, after });
  return after;
}

export async function editAsset(ctx: StaffContext, id: number, input: TAssetInput) {
  const existing = await loadAsset(ctx, id);
  await assertOwnProduct(ctx, input.productId);
  const [row] = await ctx.tx
    .update(assets)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(assets.id, id))
    .returning();
  const today = ctx.clock.today();
  const [before, after] = [assetJson(existing, today), assetJson(row!, today)];
  await recordAudit(ctx, {
    entity: "assets",
    entityId: id,
    action: "update",
    partnerId: existing.partnerId,
    before,
    after,
  });
  return after;
}

/** A staff status change (return, refurbish, restock, retire, lost): through the asset gate. */
export async function transitionAsset(ctx: StaffContext, id: number, request: TAssetTransitionRequest) {
  await loadAsset(ctx, id);
  const existing = (await lockAsset(ctx.tx, id))!;
  const today = ctx.clock.today();
  const row = await moveAsset(ctx, existing, request.to, {
    by: "staff",
    note: request.note ?? null,
    json: (r) => assetJson(r, today),
  });
  return assetJson(row, today);
}

/** Only an asset registered by mistake (still in stock, no history beyond its intake) can be deleted. */
export async function removeAsset(ctx: StaffContext, id: number) {
  const existing = await loadAsset(ctx, id);
  const [events] = await ctx.tx.select({ n: count() }).from(assetEvents).where(eq(assetEvents.assetId, id));
  if (existing.status !== "in_stock" || existing.contractId !== null || (events?.n ?? 0) > 1) {
    throw conflict("asset_has_history", "This asset has a history; retire it instead of deleting it");
  }
  await ctx.tx.delete(assetEvents).where(eq(assetEvents.assetId, id));
  await ctx.tx.delete(assets).where(eq(assets.id, id));
  const before = assetJson(existing, ctx.clock.today());
  await recordAudit(ctx, {
    entity: "assets",
    entityId: id,
    action: "delete",
    partnerId: existing.partnerId,
    before,
  });
  return before;
}
