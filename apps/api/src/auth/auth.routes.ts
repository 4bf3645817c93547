import { permissionsOf } from "@ssp/domain";
import { eq } from "drizzle-orm";
import type { CookieOptions, Request } from "express";
import { partners } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { Actor, AppDeps } from "../http/context.js";
import { AppError, unauthorized } from "../http/errors.js";
import { ZLoginRequest } from "./auth.schemas.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { createSession, deleteSession, findUserForLogin, SESSION_COOKIE, SESSION_HOURS } from "./sessions.js";

export function registerAuthRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const db = deps.database.db;
  const cookie: CookieOptions = {
    httpOnly: true,
    sameSite: "lax",
    secure: deps.config.secureCookies,
    path: "/",
    maxAge: SESSION_HOURS * 3600_000,
  };

  routes.open(
    {
      method: "post",
      path: "/auth/login",
      summary: "Log in with e-mail and password",
      tag: "auth",
      body: ZLoginRequest,
    },
    async ({ body, req }, res) => {
      const user = await findUserForLogin(db, body.email);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
      if (!user || !ok || !user.active) {
        throw new AppError(401, "invalid_credentials", "E-mail or password is incorrect");
      }
      const token = await createSession(db, {
        userId: user.id,
        now: deps.clock.now(),
        ip: req.ip,
        userAgent: req.get("user-agent"),
      });
      res.cookie(SESSION_COOKIE, token, cookie);
      const actor: Actor = {
        userId: user.id,
        email: user.email,
        name: user.name,
        role: user.role as Actor["role"],
        partnerId: user.partnerId,
      };
      return { body: await identity(actor) };
    },
  );

  routes.open(
    { method: "post", path: "/auth/logout", summary: "Log out", tag: "auth" },
    async ({ req }, res) => {
      const token = req.cookies?.[SESSION_COOKIE];
      if (typeof token === "string") await deleteSession(db, token);
      res.clearCookie(SESSION_COOKIE, { ...cookie, maxAge: undefined });
      return { body: { ok: true } };
    },
  );

  routes.open(
    { method: "get", path: "/auth/me", summary: "Who is logged in, and what they may do", tag: "auth" },
    async ({ req }) => {
      if (!req.actor) throw unauthorized();
      return { body: await identity(req.actor) };
    },
  );

  async function identity(actor: Actor) {
    const partner =
      actor.partnerId === null
        ? undefined
        : (
            await db
              .select({ name: partners.name, slug: partners.slug })
              .from(partners)
              .where(eq(partners.id, actor.partnerId))
          )[0];
    return {
      id: actor.userId,
      email: actor.email,
      fullName: actor.name,
      role: actor.role,
      partnerId: actor.partnerId,
      partnerName: partner?.name ?? null,
      permissions: permissionsOf(actor.role),
    };
  }
}

export function sessionToken(req: Request): string | undefined {
  const token = req.cookies?.[SESSION_COOKIE];
  return typeof token === "string" && token.length > 0 && token.length < 200 ? token : undefined;
}
