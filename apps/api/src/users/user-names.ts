import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { users } from "../db/schema/index.js";

/**
 * Staff names by id, for rows that say who did something (an event's actor, a delivery's
 * technician). Only owners may read the users resource, so the API names them for every role
 * that may read the row itself.
 */
export async function userNames(
  tx: Db,
  ids: Iterable<number | null | undefined>,
): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === "number"))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((u) => [u.id, u.name]));
}
