import type { Actor } from "../http/context.js";

/**
 * A short-lived, in-process memory of recent session lookups: every admin request needs the
 * actor, and asking PostgreSQL each time is a round trip per request. Entries live 10 seconds;
 * logging out or editing a user (deactivation, role change) drops that user's entries at once,
 * in every API process and instance (auth/session-changes.ts: NOTIFY on commit).
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { actor: Actor; expiresAt: number; sessionExpiresAt: number }>();

export const sessionCache = {
  get(idHash: string, now: Date): Actor | undefined {
    const hit = entries.get(idHash);
    if (!hit) return undefined;
    if (hit.expiresAt <= Date.now() || hit.sessionExpiresAt <= now.getTime()) {
      entries.delete(idHash);
      return undefined;
    }
    return hit.actor;
  },
  set(idHash: string, actor: Actor, sessionExpiresAt: Date): void {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(idHash, {
      actor,
      expiresAt: Date.now() + TTL_MS,
      sessionExpiresAt: sessionExpiresAt.getTime(),
    });
  },
  forget(idHash: string): void {
    entries.delete(idHash);
  },
  forgetUser(userId: number): void {
    for (const [key, value] of entries) if (value.actor.userId === userId) entries.delete(key);
  },
};
