import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { type Db, rowsOf } from "../db/client.js";
import { type DueBatch, dueContractsQuery, SELECT_PLAN } from "./invoices.repository.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

// A billing batch reads 5,000 due contracts in the middle of a partner's range. Left to the
// planner, on a table the run is busy rewriting, it was seen to merge-join from the first contract
// on or to read the whole range and sort it (BENCHMARKS.md, session 9). The batch fixes its plan:
// walk the cursors' key in order, stop at the limit, look each contract and method up by key.

let t: TestApp;
let batch: DueBatch;
beforeAll(async () => {
  t = await startTestApp({ today: "2026-11-20" });
  const { firstContractId, lastContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: await firstPlanVersion(t, 1),
    count: 3_000,
    activatedOn: "2026-11-05",
    billingDay: 5,
  });
  await t.database.db.execute(sql`analyze billing_cursors`);
  await t.database.db.execute(sql`analyze contracts`);
  batch = {
    partnerId: 1,
    date: "2026-11-20",
    afterId: firstContractId + 1_000,
    uptoId: lastContractId,
    limit: 500,
    lock: true,
  };
});
afterAll(() => t.close());

/** The batch select's plan, with the batch's settings or with the planner's own. */
async function planOf(settings: "batch" | "planner's own"): Promise<string> {
  return t.database.db.transaction(async (tx: Db) => {
    if (settings === "batch") await tx.execute(SELECT_PLAN);
    const rows = rowsOf<{ "QUERY PLAN": string }>(await tx.execute(sql`explain ${dueContractsQuery(batch)}`));
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("the billing batch's plan", () => {
  it("walks the cursors' key up to the limit, then looks each contract and method up by key", async () => {
    const plan = await planOf("batch");
    expect(plan).toMatch(/Index Scan using billing_cursors_pkey on billing_cursors/);
    expect(plan).toMatch(/Nested Loop\s.*\n\s+-> {2}CTE Scan on due/);
    expect(plan).toMatch(/Index Scan using \w+ on contracts c .*\n\s+Index Cond: \(id = due\.contract_id\)/);
    expect(plan).not.toMatch(/Sort|Merge Join|Hash Join|Bitmap|Seq Scan/);
  });

  it("is not what the planner picks on its own, even on a small table (so the test above can fail)", async () => {
    expect(await planOf("planner's own")).toMatch(/Sort|Merge Join|Hash Join|Bitmap|Seq Scan/);
  });
});
