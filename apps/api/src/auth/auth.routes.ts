import type { CookieOptions, Request, Response } from "express";
import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError, unauthorized } from "../http/errors.js";
import { ZLoginRequest } from "./auth.schemas.js";
import { registerChangePasswordRoute } from "./change-password.js";
import { identity, needsSecondFactor } from "./identity.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import {
  createSession,
  deleteSession,
  findUserForLogin,
  PENDING_SESSION_MINUTES,
  SESSION_COOKIE,
  SESSION_HOURS,
  type SessionStage,
} from "./sessions.js";
import { registerTwoFactorRoutes } from "./two-factor.routes.js";

/** The session cookie for a stage of signing in: a full session lasts a shift, a pending one minutes. */
export function sessionCookie(deps: AppDeps, stage: SessionStage): CookieOptions {
  return {
    httpOnly: true,
    sameSite: "lax",
    secure: deps.config.secureCookies,
    path: "/",
    maxAge: stage === "full" ? SESSION_HOURS * 3600_000 : PENDING_SESSION_MINUTES * 60_000,
  };
}

/** Starts a session at `stage` for the user and sets its cookie. */
export async function startSession(
  deps: AppDeps,
  input: { userId: number; stage: SessionStage; req: Request; res: Response },
): Promise<void> {
  const token = await createSession(deps.database.db, {
    userId: input.userId,
    now: deps.clock.now(),
    ip: input.req.ip,
    userAgent: input.req.get("user-agent"),
    stage: input.stage,
  });
  input.res.cookie(SESSION_COOKIE, token, sessionCookie(deps, input.stage));
}

export function registerAuthRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const db = deps.database.db;

  routes.open(
    {
      method: "post",
      path: "/auth/login",
      summary:
        "Log in with e-mail and password; answers `{twoFactor: 'verify' | 'enroll'}` when a second factor is due",
      tag: "auth",
      body: ZLoginRequest,
    },
    async ({ body, req }, res) => {
      const user = await findUserForLogin(db, body.email);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
      if (!user || !ok || !user.active) {
        throw new AppError(401, "invalid_credentials", "E-mail or password is incorrect");
      }
      const stage: SessionStage =
        user.totpEnabledAt !== null
          ? "totp"
          : (await needsSecondFactor(db, deps.config, user))
            ? "enroll"
            : "full";
      await startSession(deps, { userId: user.id, stage, req, res });
      if (stage === "full") return { body: await identity(db, deps.config, user.id) };
      return { body: { twoFactor: stage === "totp" ? "verify" : "enroll" } };
    },
  );

  routes.open(
    { method: "post", path: "/auth/logout", summary: "Log out", tag: "auth" },
    async ({ req }, res) => {
      const token = req.cookies?.[SESSION_COOKIE];
      if (typeof token === "string") await deleteSession(db, token);
      res.clearCookie(SESSION_COOKIE, { ...sessionCookie(deps, "full"), maxAge: undefined });
      return { body: { ok: true } };
    },
  );

  routes.open(
    { method: "get", path: "/auth/me", summary: "Who is logged in, and what they may do", tag: "auth" },
    async ({ req }) => {
      if (!req.actor) throw unauthorized();
      return { body: await identity(db, deps.config, req.actor.userId) };
    },
  );

  registerTwoFactorRoutes(routes, deps);
  registerChangePasswordRoute(routes, deps);
}

export function sessionToken(req: Request): string | undefined {
  const token = req.cookies?.[SESSION_COOKIE];
  return typeof token === "string" && token.length > 0 && token.length < 200 ? token : undefined;
}
