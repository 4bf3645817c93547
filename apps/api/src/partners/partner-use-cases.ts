import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { partners } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { findScoped } from "../http/resource-reads.js";
import { settingsWithDefaults } from "./partner-settings.js";
import type { TPartnerCreateRequest, TPartnerUpdateRequest } from "./partners.schemas.js";

export type PartnerRow = typeof partners.$inferSelect;
export const partnerTable = { table: partners, partnerColumn: partners.id };

export const partnerJson = (r: PartnerRow) => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  // Filled in with defaults, so forms show (and save back) keys added after the row was written.
  settings: settingsWithDefaults(r.settings),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The platform operator onboards a partner; its owner user is created next, under users. */
export async function createPartner(ctx: StaffContext, input: TPartnerCreateRequest) {
  const [row] = await ctx.tx.insert(partners).values(input).returning();
  const after = partnerJson(row!);
  await recordAudit(ctx, {
    entity: "partners",
    entityId: row!.id,
    action: "create",
    partnerId: row!.id,
    after,
  });
  return after;
}

export async function editPartner(ctx: StaffContext, id: number, input: TPartnerUpdateRequest) {
  const existing = await findScoped<PartnerRow>(ctx.tx, ctx.scope, partnerTable, id);
  if (!existing) throw notFound("Partner");
  const [row] = await ctx.tx
    .update(partners)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(partners.id, id))
    .returning();
  const [before, after] = [partnerJson(existing), partnerJson(row!)];
  await recordAudit(ctx, {
    entity: "partners",
    entityId: id,
    action: "update",
    partnerId: id,
    before,
    after,
  });
  return after;
}
