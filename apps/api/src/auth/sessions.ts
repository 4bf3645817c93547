import { createHash, randomBytes } from "node:crypto";
import { isRole } from "@ssp/domain";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { sessions, users } from "../db/schema/index.js";
import type { Actor } from "../http/context.js";
import { sessionCache } from "./session-cache.js";
import { announceSessionChange } from "./session-changes.js";

export const SESSION_COOKIE = "ssp_session";
export const SESSION_HOURS = 12;
/** How long a sign-in may wait between the password and the second factor. */
export const PENDING_SESSION_MINUTES = 10;

export type SessionStage = "full" | "totp" | "enroll";

export const sessionIdHash = (token: string) => createHash("sha256").update(token).digest("hex");
const sha256 = sessionIdHash;

/** Sessions live outside any tenant: these queries run as the owner, before a partner is known. */
export async function createSession(
  db: Db,
  input: { userId: number; now: Date; ip?: string; userAgent?: string; stage?: SessionStage },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const stage = input.stage ?? "full";
  const lifetime = stage === "full" ? SESSION_HOURS * 3600_000 : PENDING_SESSION_MINUTES * 60_000;
  await db.insert(sessions).values({
    idHash: sha256(token),
    userId: input.userId,
    expiresAt: new Date(input.now.getTime() + lifetime),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    stage,
  });
  return token;
}

/** A sign-in halfway (password right, second factor due), or undefined. */
export async function pendingSession(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ idHash: sessions.idHash, stage: sessions.stage, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sha256(token)), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1);
  return row && row.stage !== "full" ? { ...row, stage: row.stage as SessionStage } : undefined;
}

/**
 * Ends every session of a user (or all but the one kept): after a password change, a second
 * factor reset or a deactivation, a stolen session must not outlive it. As the owner (auth
 * routes); inside a tenant transaction use `revokeUserSessionsInTenant`.
 */
export async function revokeUserSessions(db: Db, userId: number, keepToken?: string): Promise<void> {
  const keep = keepToken ? sha256(keepToken) : undefined;
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.idHash, keep) : undefined));
  await announceSessionChange(db, { userId });
}

/** The same from a staff request's tenant transaction (migration 0023's function). */
export async function revokeUserSessionsInTenant(tx: Db, userId: number): Promise<void> {
  await tx.execute(sql`select revoke_user_sessions(${userId})`);
  await announceSessionChange(tx, { userId });
}

export async function actorForSession(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  const idHash = sha256(token);
  const cached = sessionCache.get(idHash, now);
  if (cached) return cached;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      partnerId: users.partnerId,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, idHash),
        gt(sessions.expiresAt, now),
        eq(sessions.stage, "full"),
        eq(users.active, true),
      ),
    )
    .limit(1);
  if (!row || !isRole(row.role)) return undefined;
  const actor: Actor = {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    partnerId: row.partnerId,
  };
  sessionCache.set(idHash, actor, row.expiresAt);
  return actor;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, sha256(token)));
  await announceSessionChange(db, { idHash: sha256(token) });
}

export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}
