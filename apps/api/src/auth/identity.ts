import { isRole, permissionsOf } from "@ssp/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { partners, users } from "../db/schema/index.js";
import type { Actor, AppConfig } from "../http/context.js";
import { ZPartnerSettings } from "../partners/partners.schemas.js";
import { twoFactorRequired } from "./two-factor.js";

type UserRow = typeof users.$inferSelect;

export function actorOf(user: UserRow): Actor {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
  return { userId: user.id, email: user.email, name: user.name, role: user.role, partnerId: user.partnerId };
}

/** Whether this user must sign in with a second factor (their role, or their partner's rule). */
export async function needsSecondFactor(db: Db, config: AppConfig, user: UserRow): Promise<boolean> {
  if (!isRole(user.role)) return true;
  const settings =
    user.partnerId === null
      ? undefined
      : (
          await db
            .select({ settings: partners.settings })
            .from(partners)
            .where(eq(partners.id, user.partnerId))
        )[0]?.settings;
  const parsed = ZPartnerSettings.safeParse(settings ?? {});
  return twoFactorRequired({
    role: user.role,
    requiredRoles: config.twoFactorRoles,
    partnerRequiresAll: parsed.success && parsed.data.security.requireTwoFactor,
  });
}

/** What the admin learns about who is signed in: identity, permissions, second-factor state. */
export async function identity(db: Db, config: AppConfig, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`user ${userId} vanished`);
  const actor = actorOf(user);
  const partner =
    actor.partnerId === null
      ? undefined
      : (await db.select({ name: partners.name }).from(partners).where(eq(partners.id, actor.partnerId)))[0];
  return {
    id: actor.userId,
    email: actor.email,
    fullName: actor.name,
    role: actor.role,
    partnerId: actor.partnerId,
    partnerName: partner?.name ?? null,
    permissions: permissionsOf(actor.role),
    twoFactor: { enabled: user.totpEnabledAt !== null, required: await needsSecondFactor(db, config, user) },
  };
}
