import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Request } from "express";
import { recordAudit } from "../audit/record-audit.js";
import { users } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError, unauthorized } from "../http/errors.js";
import { startSession } from "./auth.routes.js";
import { ZDisableTotpRequest, ZTotpCodeRequest } from "./auth.schemas.js";
import { actorOf, identity, needsSecondFactor } from "./identity.js";
import { verifyPassword } from "./passwords.js";
import {
  deleteSession,
  pendingSession,
  revokeUserSessions,
  SESSION_COOKIE,
  type SessionStage,
} from "./sessions.js";
import { acceptedStep, newTotpSecret, otpauthUri } from "./two-factor.js";

type UserRow = typeof users.$inferSelect;

const invalidCode = () =>
  new AppError(401, "invalid_code", "The code is not right. Enter the code your app shows now");

/**
 * The second step of signing in, and enrolment (issue 14 finding 4). A password alone yields a
 * pending session (sessions.stage) that opens only these endpoints; a good code turns it into a
 * full session under a new id. Secrets are sealed with SECRETS_KEY like partners' secrets.
 */
export function registerTwoFactorRoutes(routes: ApiRoutes, deps: AppDeps): void {
  const db = deps.database.db;
  const box = deps.config.secretBox;

  /** The signed-in user (full session), or the one halfway through signing in at `stages`. */
  async function userFor(
    req: Request,
    stages: SessionStage[],
  ): Promise<{ user: UserRow; stage: SessionStage }> {
    const token = req.cookies?.[SESSION_COOKIE];
    if (req.actor && stages.includes("full")) {
      const [user] = await db.select().from(users).where(eq(users.id, req.actor.userId));
      if (user) return { user, stage: "full" };
    }
    const pending = typeof token === "string" ? await pendingSession(db, token, deps.clock.now()) : undefined;
    if (!pending || !stages.includes(pending.stage)) throw unauthorized();
    return { user: pending.user, stage: pending.stage };
  }

  /** Takes the code's step if it is newer than the last one used, atomically (no replay, no race). */
  async function useStep(userId: number, step: number): Promise<boolean> {
    const taken = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return taken.length === 1;
  }

  /** The pending session ends and a full one (new id, so the half-way one cannot be reused) starts. */
  async function finishSignIn(req: Request, res: Parameters<typeof startSession>[1]["res"], userId: number) {
    const token = req.cookies?.[SESSION_COOKIE];
    if (typeof token === "string") await deleteSession(db, token);
    await startSession(deps, { userId, stage: "full", req, res });
  }

  const audit = (user: UserRow, action: string) =>
    recordAudit(
      { tx: db, actor: actorOf(user), ip: undefined },
      { entity: "users", entityId: user.id, action, partnerId: user.partnerId },
    );

  routes.open(
    {
      method: "post",
      path: "/auth/totp/verify",
      summary: "Second step of signing in: the code from the authenticator app",
      tag: "auth",
      body: ZTotpCodeRequest,
    },
    async ({ body, req }, res) => {
      const { user } = await userFor(req, ["totp"]);
      if (!user.totpSecret) throw unauthorized();
      const step = acceptedStep({
        secretBase32: box.open(user.totpSecret),
        code: body.code,
        now: deps.clock.now(),
        lastStep: user.totpLastStep,
      });
      if (step === undefined || !(await useStep(user.id, step))) throw invalidCode();
      await finishSignIn(req, res, user.id);
      return { body: await identity(db, deps.config, user.id) };
    },
  );

  routes.open(
    {
      method: "post",
      path: "/auth/totp/setup",
      summary: "Start enrolling an authenticator app: a new secret and its otpauth:// URI (for the QR code)",
      tag: "auth",
    },
    async ({ req }) => {
      const { user } = await userFor(req, ["enroll", "full"]);
      if (user.totpEnabledAt)
        throw new AppError(409, "two_factor_enabled", "A second factor is already set up");
      const secret = newTotpSecret();
      await db
        .update(users)
        .set({ totpPendingSecret: box.seal(secret) })
        .where(eq(users.id, user.id));
      return { body: { secret, otpauthUri: otpauthUri(secret, user.email) } };
    },
  );

  routes.open(
    {
      method: "post",
      path: "/auth/totp/enable",
      summary: "Finish enrolling with a first code; signs in when the enrolment was the step due",
      tag: "auth",
      body: ZTotpCodeRequest,
    },
    async ({ body, req }, res) => {
      const { user, stage } = await userFor(req, ["enroll", "full"]);
      if (!user.totpPendingSecret) throw new AppError(409, "no_enrolment", "Start the setup first");
      const secret = box.open(user.totpPendingSecret);
      const step = acceptedStep({
        secretBase32: secret,
        code: body.code,
        now: deps.clock.now(),
        lastStep: null,
      });
      if (step === undefined) throw invalidCode();
      await db
        .update(users)
        .set({
          totpSecret: user.totpPendingSecret,
          totpPendingSecret: null,
          totpEnabledAt: deps.clock.now(),
          totpLastStep: step,
        })
        .where(eq(users.id, user.id));
      await audit(user, "two_factor_enabled");
      // Sessions opened with the password alone end; this one goes on (or starts, after enrolment).
      const token = req.cookies?.[SESSION_COOKIE];
      await revokeUserSessions(
        db,
        user.id,
        typeof token === "string" && stage === "full" ? token : undefined,
      );
      if (stage === "enroll") await startSession(deps, { userId: user.id, stage: "full", req, res });
      return { body: await identity(db, deps.config, user.id) };
    },
  );

  routes.open(
    {
      method: "post",
      path: "/auth/totp/disable",
      summary: "Turn one's own second factor off (only where it is not required)",
      tag: "auth",
      body: ZDisableTotpRequest,
    },
    async ({ body, req }) => {
      const { user } = await userFor(req, ["full"]);
      if (await needsSecondFactor(db, deps.config, user))
        throw new AppError(409, "two_factor_required", "Your role requires a second factor");
      if (!(await verifyPassword(user.passwordHash, body.password)))
        throw new AppError(401, "invalid_credentials", "The password is not right");
      await db
        .update(users)
        .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
        .where(eq(users.id, user.id));
      await audit(user, "two_factor_disabled");
      return { body: await identity(db, deps.config, user.id) };
    },
  );
}
