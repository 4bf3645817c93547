import { sql } from "drizzle-orm";
import { rowsOf } from "../../src/db/client.js";
import type { TestApp } from "../test-app.js";

/** The current version of a partner's first demo plan: what bulk-seeded contracts are drafted from. */
export async function firstPlanVersion(t: TestApp, partnerId: number): Promise<number> {
  const [plan] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select current_version_id as id from plans where partner_id = ${partnerId} order by id limit 1`,
    ),
  );
  return plan!.id;
}
