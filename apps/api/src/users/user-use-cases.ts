import { isRole, mayManageUser } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { assertPasswordPolicy } from "../auth/password-policy.js";
import { hashPassword } from "../auth/passwords.js";
import { announceSessionChange } from "../auth/session-changes.js";
import { revokeUserSessionsInTenant } from "../auth/sessions.js";
import { users } from "../db/schema/index.js";
import { findScoped } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { AppError, forbidden, notFound, validationFailed } from "../http/errors.js";
import type { TUserCreateRequest, TUserUpdateRequest } from "./users.schemas.js";

export type UserRow = typeof users.$inferSelect;
export const userTable = { table: users, partnerColumn: users.partnerId };

/** Never the password hash. */
export const userJson = (r: UserRow) => ({
  id: r.id,
  partnerId: r.partnerId,
  email: r.email,
  name: r.name,
  role: r.role,
  active: r.active,
  serviceRegions: r.serviceRegions,
  twoFactorEnabled: r.totpEnabledAt !== null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Operator accounts belong to no partner and only the operator makes them. */
function partnerFor(ctx: StaffContext, input: TUserCreateRequest): number | null {
  if (ctx.scope.kind === "partner") {
    if (input.role === "operator") throw validationFailed({ role: "Only the platform can create operators" });
    return ctx.scope.partnerId;
  }
  if (input.role === "operator") return null;
  if (!input.partnerId) throw validationFailed({ partnerId: "Choose the partner" });
  return input.partnerId;
}

/** Whether the partner has an active owner (an operator may create only a partner's first). */
async function hasActiveOwner(ctx: StaffContext, partnerId: number): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.role, "owner"), eq(users.active, true)))
    .limit(1);
  return row !== undefined;
}

export async function createUser(ctx: StaffContext, input: TUserCreateRequest) {
  const partnerId = partnerFor(ctx, input);
  assertPasswordPolicy({
    field: "password",
    password: input.password,
    userInputs: [input.email, input.name],
  });
  const partnerHasOwner =
    partnerId !== null && ctx.actor.role === "operator" && (await hasActiveOwner(ctx, partnerId));
  if (
    !mayManageUser({
      actorRole: ctx.actor.role,
      action: "create",
      target: { role: input.role, partnerId },
      partnerHasOwner,
    })
  )
    throw forbidden();
  const [row] = await ctx.tx
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      partnerId,
      serviceRegions: [...new Set(input.serviceRegions ?? [])],
      passwordHash: await hashPassword(input.password),
    })
    .returning();
  const after = userJson(row!);
  await recordAudit(ctx, { entity: "users", entityId: row!.id, action: "create", partnerId, after });
  return after;
}

export async function editUser(ctx: StaffContext, id: number, input: TUserUpdateRequest) {
  const existing = await findScoped<UserRow>(ctx.tx, ctx.scope, userTable, id);
  if (!existing) throw notFound("User");
  if (
    !isRole(existing.role) ||
    !mayManageUser({
      actorRole: ctx.actor.role,
      action: "edit",
      target: { role: existing.role, partnerId: existing.partnerId },
    })
  )
    throw forbidden();
  if (id === ctx.actor.userId && (!input.active || input.role !== existing.role)) {
    throw new AppError(422, "cannot_demote_self", "You cannot deactivate yourself or change your own role");
  }
  if (input.role === "operator" && existing.role !== "operator")
    throw validationFailed({ role: "Only the platform can create operators" });
  if (input.password)
    assertPasswordPolicy({
      field: "password",
      password: input.password,
      userInputs: [existing.email, input.name],
    });
  const [row] = await ctx.tx
    .update(users)
    .set({
      name: input.name,
      role: input.role,
      active: input.active,
      ...(input.serviceRegions ? { serviceRegions: [...new Set(input.serviceRegions)] } : {}),
      updatedAt: ctx.clock.now(),
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
      ...(input.resetTwoFactor
        ? { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null }
        : {}),
    })
    .where(eq(users.id, id))
    .returning();
  // A new password, a reset second factor or a deactivation ends every session of the user (a
  // stolen one must not outlive it); role changes apply to live sessions at once. In every API
  // process (NOTIFY on commit).
  if (input.password || input.resetTwoFactor || !input.active) await revokeUserSessionsInTenant(ctx.tx, id);
  else await announceSessionChange(ctx.tx, { userId: id });
  const [before, after] = [userJson(existing), userJson(row!)];
  await recordAudit(ctx, {
    entity: "users",
    entityId: id,
    action: [
      input.password ? "update+password" : "update",
      input.resetTwoFactor ? "+two_factor_reset" : "",
    ].join(""),
    partnerId: existing.partnerId,
    before,
    after,
  });
  return after;
}
