import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { products } from "../db/schema/index.js";
import { findScoped, ownerPartner } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import type { TProductInput } from "./products.schemas.js";

export type ProductRow = typeof products.$inferSelect;
export const productTable = { table: products, partnerColumn: products.partnerId };

export const productJson = (r: ProductRow) => ({
  id: r.id,
  partnerId: r.partnerId,
  name: r.name,
  model: r.model,
  category: r.category,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function saveProduct(ctx: StaffContext, id: number | null, input: TProductInput) {
  const now = ctx.clock.now();
  if (id === null) {
    const [row] = await ctx.tx
      .insert(products)
      .values({ ...input, partnerId: ownerPartner(ctx.scope) })
      .returning();
    const after = productJson(row!);
    await recordAudit(ctx, {
      entity: "products",
      entityId: row!.id,
      action: "create",
      partnerId: row!.partnerId,
      after,
    });
    return after;
  }
  const existing = await findScoped<ProductRow>(ctx.tx, ctx.scope, productTable, id);
  if (!existing) throw notFound("Product");
  const [row] = await ctx.tx
    .update(products)
    .set({ ...input, updatedAt: now })
    .where(eq(products.id, id))
    .returning();
  const [before, after] = [productJson(existing), productJson(row!)];
  await recordAudit(ctx, {
    entity: "products",
    entityId: id,
    action: "update",
    partnerId: row!.partnerId,
    before,
    after,
  });
  return after;
}

/** A product with plans or assets cannot go; the foreign keys answer 409 `in_use`. */
export async function deleteProduct(ctx: StaffContext, id: number) {
  const existing = await findScoped<ProductRow>(ctx.tx, ctx.scope, productTable, id);
  if (!existing) throw notFound("Product");
  await ctx.tx.delete(products).where(eq(products.id, id));
  const before = productJson(existing);
  await recordAudit(ctx, {
    entity: "products",
    entityId: id,
    action: "delete",
    partnerId: existing.partnerId,
    before,
  });
  return before;
}
