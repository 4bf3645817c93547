import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { users } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError, unauthorized } from "../http/errors.js";
import { ZChangePasswordRequest } from "./auth.schemas.js";
import { assertPasswordPolicy } from "./password-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { revokeUserSessions, SESSION_COOKIE } from "./sessions.js";

/**
 * A staff member changes their own password: the current one first, the new one under the
 * password policy, and every other session of theirs ends (issue 14 finding 4: they lived on
 * for 12 hours). The session it is done from goes on.
 */
export function registerChangePasswordRoute(routes: ApiRoutes, deps: AppDeps): void {
  const db = deps.database.db;
  routes.open(
    {
      method: "post",
      path: "/auth/password",
      summary: "Change one's own password; ends one's other sessions",
      tag: "auth",
      body: ZChangePasswordRequest,
    },
    async ({ body, req }) => {
      if (!req.actor) throw unauthorized();
      const [user] = await db.select().from(users).where(eq(users.id, req.actor.userId));
      if (!user) throw unauthorized();
      if (!(await verifyPassword(user.passwordHash, body.currentPassword)))
        throw new AppError(401, "invalid_credentials", "The current password is not right", {
          currentPassword: "The current password is not right",
        });
      assertPasswordPolicy({
        field: "newPassword",
        password: body.newPassword,
        userInputs: [user.email, user.name],
      });
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: await hashPassword(body.newPassword), updatedAt: deps.clock.now() })
          .where(eq(users.id, user.id));
        await revokeUserSessions(tx, user.id, req.cookies?.[SESSION_COOKIE]);
        await recordAudit(
          { tx, actor: req.actor ?? null, ip: req.ip },
          { entity: "users", entityId: user.id, action: "password_change", partnerId: user.partnerId },
        );
      });
      return { body: { ok: true } };
    },
  );
}
