import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { partners } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { fromZodError, notFound } from "../http/errors.js";
import { whereAll } from "../http/list-query.js";
import { partnerScope } from "../http/scope.js";
import { mergeSettings, settingsForDisplay } from "./partner-secrets.js";
import { settingsWithDefaults } from "./partner-settings.js";
import type { TPartnerCreateRequest, TPartnerUpdateRequest } from "./partners.schemas.js";
import { ZPartnerSettings } from "./partners.schemas.js";

export type PartnerRow = typeof partners.$inferSelect;
export const partnerTable = { table: partners, partnerColumn: partners.id };

/** What every role sees of a partner, and what audit rows record: secrets only as `…Set`. */
export const partnerJson = (r: PartnerRow) => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  // Filled in with defaults, so forms show (and save back) keys added after the row was written;
  // secrets only as "set or not".
  settings: settingsForDisplay(settingsWithDefaults(r.settings)),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The merged settings, checked as a whole; errors name the field under `settings.`. */
function settingsAfter(ctx: StaffContext, current: unknown, sent: TPartnerUpdateRequest["settings"]) {
  const { settings, secretsChanged } = mergeSettings({
    current: ZPartnerSettings.parse(current ?? {}),
    sent,
    box: ctx.config.secretBox,
  });
  const checked = ZPartnerSettings.safeParse(settings);
  if (!checked.success) throw fromZodError(checked.error, "settings");
  return { settings: checked.data, secretsChanged };
}

/** The platform operator onboards a partner; its owner user is created next, under users. */
export async function createPartner(ctx: StaffContext, input: TPartnerCreateRequest) {
  const { settings, secretsChanged } = settingsAfter(ctx, {}, input.settings);
  const [row] = await ctx.tx
    .insert(partners)
    .values({ name: input.name, slug: input.slug, settings })
    .returning();
  const after = partnerJson(row!);
  await recordAudit(ctx, {
    entity: "partners",
    entityId: row!.id,
    action: "create",
    partnerId: row!.id,
    after: { ...after, secretsChanged },
  });
  return after;
}

/** Changes what the request sent and nothing else; the row is locked so two edits both land. */
export async function editPartner(ctx: StaffContext, id: number, input: TPartnerUpdateRequest) {
  const [existing] = await ctx.tx
    .select()
    .from(partners)
    .where(whereAll(eq(partners.id, id), partnerScope(partners.id, ctx.scope)))
    .for("update");
  if (!existing) throw notFound("Partner");
  const { settings, secretsChanged } = settingsAfter(ctx, existing.settings, input.settings);
  const [row] = await ctx.tx
    .update(partners)
    .set({ name: input.name ?? existing.name, settings, updatedAt: ctx.clock.now() })
    .where(eq(partners.id, id))
    .returning();
  const [before, after] = [partnerJson(existing), partnerJson(row!)];
  await recordAudit(ctx, {
    entity: "partners",
    entityId: id,
    action: "update",
    partnerId: id,
    before,
    after: { ...after, secretsChanged },
  });
  return after;
}
