import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { partnerLogos, partners } from "../db/schema/index.js";
import { partnerScope, whereAll } from "../db/scoped.js";
import { pngSize } from "../documents/partner-block.js";
import type { StaffContext } from "../http/context.js";
import { fromZodError, notFound, validationFailed } from "../http/errors.js";
import { mergeSettings, settingsForDisplay } from "./partner-secrets.js";
import { settingsWithDefaults } from "./partner-settings.js";
import type {
  TPartnerCreateRequest,
  TPartnerIdentity,
  TPartnerLogoRequest,
  TPartnerUpdateRequest,
} from "./partners.schemas.js";
import { MAX_LOGO_BYTES, ZPartnerSettings } from "./partners.schemas.js";

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
  ...partnerIdentity(r),
  hasLogo: r.logoUpdatedAt !== null,
  logoUpdatedAt: r.logoUpdatedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The lessor's identity as contracts, PDFs and public pages print it. */
export function partnerIdentity(r: PartnerRow) {
  return {
    businessNumber: r.businessNumber,
    representative: r.representative,
    postcode: r.postcode,
    address: r.address,
    addressDetail: r.addressDetail,
    csPhone: r.csPhone,
  };
}

/** The identity fields a request sent (left out: unchanged). */
function identityChanges(input: TPartnerIdentity) {
  const keys = [
    "businessNumber",
    "representative",
    "postcode",
    "address",
    "addressDetail",
    "csPhone",
  ] as const;
  return Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
}

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
    .values({ name: input.name, slug: input.slug, settings, ...identityChanges(input) })
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
    .set({
      name: input.name ?? existing.name,
      settings,
      ...identityChanges(input),
      updatedAt: ctx.clock.now(),
    })
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

async function lockPartner(ctx: StaffContext, id: number) {
  const [existing] = await ctx.tx
    .select()
    .from(partners)
    .where(whereAll(eq(partners.id, id), partnerScope(partners.id, ctx.scope)))
    .for("update");
  if (!existing) throw notFound("Partner");
  return existing;
}

/** Replaces the partner's logo (a PNG, checked by its header) and notes when it changed. */
export async function setPartnerLogo(ctx: StaffContext, id: number, input: TPartnerLogoRequest) {
  const existing = await lockPartner(ctx, id);
  const bytes = new Uint8Array(Buffer.from(input.data, "base64"));
  if (bytes.length > MAX_LOGO_BYTES) throw validationFailed({ data: "The logo may be at most 256 KB" });
  const size = pngSize(bytes);
  if (!size || size.width > 4000 || size.height > 4000)
    throw validationFailed({ data: "The logo must be a PNG image" });
  await ctx.tx
    .insert(partnerLogos)
    .values({ partnerId: id, contentType: input.contentType, bytes })
    .onConflictDoUpdate({ target: partnerLogos.partnerId, set: { contentType: input.contentType, bytes } });
  const [row] = await ctx.tx
    .update(partners)
    .set({ logoUpdatedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
    .where(eq(partners.id, id))
    .returning();
  await recordAudit(ctx, {
    entity: "partners",
    entityId: id,
    action: "logo",
    partnerId: id,
    before: { hasLogo: existing.logoUpdatedAt !== null },
    after: { hasLogo: true, bytes: bytes.length, width: size.width, height: size.height },
  });
  return partnerJson(row!);
}

export async function removePartnerLogo(ctx: StaffContext, id: number) {
  const existing = await lockPartner(ctx, id);
  await ctx.tx.delete(partnerLogos).where(eq(partnerLogos.partnerId, id));
  const [row] = await ctx.tx
    .update(partners)
    .set({ logoUpdatedAt: null, updatedAt: ctx.clock.now() })
    .where(eq(partners.id, id))
    .returning();
  if (existing.logoUpdatedAt !== null)
    await recordAudit(ctx, {
      entity: "partners",
      entityId: id,
      action: "logo",
      partnerId: id,
      before: { hasLogo: true },
      after: { hasLogo: false },
    });
  return partnerJson(row!);
}

/** The logo's bytes for staff screens (the public pages use /public/partners/:slug/logo). */
export async function partnerLogo(ctx: StaffContext, id: number) {
  const [row] = await ctx.tx
    .select({ contentType: partnerLogos.contentType, bytes: partnerLogos.bytes })
    .from(partnerLogos)
    .innerJoin(partners, eq(partners.id, partnerLogos.partnerId))
    .where(whereAll(eq(partnerLogos.partnerId, id), partnerScope(partners.id, ctx.scope)));
  if (!row) throw notFound("Logo");
  return row;
}
