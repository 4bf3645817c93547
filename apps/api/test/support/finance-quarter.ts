import { sql } from "drizzle-orm";
import type TestAgent from "supertest/lib/agent.js";
import { seedActiveContracts } from "../../src/billing/seed-active-contracts.js";
import { rowsOf } from "../../src/db/client.js";
import type { TestApp } from "../test-app.js";

/**
 * A quarter of finance for the reports and dashboard tests, made through the API as staff would
 * (billing runs, a credit note, a bank transfer, a termination) on top of contracts seeded in
 * bulk. Partner 데모렌탈 (1):
 * - A: plan 1 (29,900, registration fee 100,000), activated 2026-08-05 on billing day 5, card:
 *   invoices 08-05 (rent + fee), 09-05, 10-05, all paid on their day.
 * - B: plan 2 (27,900 less 5,000 for 6 months, fee waived), activated 2026-08-10 (day 10), no
 *   card: invoices 08-10, 09-10, 10-10 stay open; 08-10 gets a bank transfer of 10,000 on 09-01.
 * - C: plan 1, activated 2026-09-05 (day 5), card, terminated 2026-10-20 (exit invoice, penalty).
 * - the 09-05 invoice of A gets a credit note of 5,000 on 2026-09-20 (refunded: it was paid).
 * Partner 바른케어 (2) has one contract of its own, billed on 2026-08-05: it must never show.
 */
export interface FinanceQuarter {
  contracts: { A: number; B: number; C: number; other: number };
  finance: TestAgent;
  owner: TestAgent;
}

export const QUARTER_TODAY = "2026-10-31";

async function planVersion(t: TestApp, partnerId: number, nth: number): Promise<number> {
  const rows = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select current_version_id as id from plans where partner_id = ${partnerId} order by id`,
    ),
  );
  return rows[nth]!.id;
}

/** A billing run for the day through the API, waited for until its job has ended. */
async function run(t: TestApp, agent: TestAgent, date: string): Promise<void> {
  t.clock.set(date);
  const started = await agent.post("/api/billing/runs").send({ date }).expect(202);
  for (let i = 0; i < 500; i++) {
    const job = await agent.get(`/api/jobs/${started.body.id}`).expect(200);
    if (job.body.status !== "running") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the billing run of ${date} did not end`);
}

export async function seedFinanceQuarter(t: TestApp): Promise<FinanceQuarter> {
  const db = t.database.db;
  const finance = await t.login("finance@demo.kr");
  const owner = await t.login("owner@demo.kr");
  const barun = await t.login("owner@barun.kr");
  const contract = async (
    partnerId: number,
    plan: number,
    activatedOn: string,
    billingDay: number,
    card = true,
  ) =>
    (
      await seedActiveContracts(db, {
        partnerId,
        planVersionId: await planVersion(t, partnerId, plan),
        count: 1,
        activatedOn,
        billingDay,
        paymentMethod: card,
      })
    ).firstContractId;
  const A = await contract(1, 0, "2026-08-05", 5);
  const B = await contract(1, 1, "2026-08-10", 10, false);
  const other = await contract(2, 0, "2026-08-05", 5);
  await run(t, finance, "2026-08-05");
  await run(t, barun, "2026-08-05");
  await run(t, finance, "2026-08-10");
  t.clock.set("2026-09-01");
  const [bAugust] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from invoices where contract_id = ${B} order by period_start limit 1`),
  );
  await finance
    .post(`/api/invoices/${bAugust!.id}/payments`)
    .send({ amount: 10_000, paidOn: "2026-09-01", reference: "국민 0901" })
    .expect(201);
  const C = await contract(1, 0, "2026-09-05", 5);
  await run(t, finance, "2026-09-05");
  await run(t, finance, "2026-09-10");
  t.clock.set("2026-09-20");
  const [aSeptember] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from invoices where contract_id = ${A} and period_start = '2026-09-05'`),
  );
  await finance
    .post(`/api/invoices/${aSeptember!.id}/credit-note`)
    .send({ amount: 5_000, reason: "설치 지연 보상" })
    .expect(201);
  // Credit notes and refunds take their time from the database's clock, not the app's: put them
  // on the simulated day, as if the request had come then.
  for (const table of ["credit_notes", "refunds"])
    await db.execute(sql`update ${sql.identifier(table)} set created_at = '2026-09-20T10:00:00+09:00'`);
  await run(t, finance, "2026-10-05");
  await run(t, finance, "2026-10-10");
  t.clock.set("2026-10-20");
  await owner
    .post(`/api/contracts/${C}/terminate`)
    .send({ date: "2026-10-20", reason: "고객 이사" })
    .expect(200);
  t.clock.set(QUARTER_TODAY);
  return { contracts: { A, B, C, other }, finance, owner };
}
