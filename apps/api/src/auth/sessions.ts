import { createHash, randomBytes } from "node:crypto";
import { isRole } from "@ssp/domain";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { sessions, users } from "../db/schema/index.js";
import type { Actor } from "../http/context.js";
import { sessionCache } from "./session-cache.js";
import { announceSessionChange } from "./session-changes.js";

export const SESSION_COOKIE = "ssp_session";
export const SESSION_HOURS = 12;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Sessions live outside any tenant: these queries run as the owner, before a partner is known. */
export async function createSession(
  db: Db,
  input: { userId: number; now: Date; ip?: string; userAgent?: string },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    idHash: sha256(token),
    userId: input.userId,
    expiresAt: new Date(input.now.getTime() + SESSION_HOURS * 3600_000),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return token;
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
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.active, true)))
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
