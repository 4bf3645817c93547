import { sql } from "drizzle-orm";
import type { Database, Db } from "../db/client.js";
import { sessionCache } from "./session-cache.js";

/** The PostgreSQL channel every API process listens on for changes to cached sessions. */
const CHANNEL = "ssp_session_changes";

export type SessionChange = { userId: number } | { idHash: string };

function forget(change: SessionChange): void {
  if ("userId" in change) sessionCache.forgetUser(change.userId);
  else sessionCache.forget(change.idHash);
}

/**
 * A user was deactivated or changed role, or a session ended: the cached sessions it affects are
 * forgotten here at once, and in every API process and instance when the transaction commits
 * (NOTIFY is delivered on commit, to this process too, so a lookup that raced the change and
 * cached the old state is forgotten again).
 */
export async function announceSessionChange(tx: Db, change: SessionChange): Promise<void> {
  forget(change);
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(change)})`);
}

/** Follows the changes other processes announce. Returns a function that stops following. */
export function followSessionChanges(database: Database): Promise<() => Promise<void>> {
  return database.listen(CHANNEL, (payload) => {
    try {
      forget(JSON.parse(payload) as SessionChange);
    } catch {
      // not ours: ignore
    }
  });
}
