import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { runBilling } from "./billing-run.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

// Money columns and the API's limits agree (issue 10 §2, ADR 0008): the largest plan the API takes
// bills exactly, and a contract that cannot be billed is that contract's failure, not the run's.

let t: TestApp;
const TODAY = "2026-11-20";
beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

const LARGEST = {
  kind: "rental",
  monthlyFee: 10_000_000,
  termMonths: 120,
  mandatoryMonths: 120,
  registrationFee: 10_000_000,
  earlyTerminationRate: 100,
  removalFee: 10_000_000,
};

const run = (date: string) =>
  runBilling({
    database: t.database,
    gateway: new SandboxGateway(),
    date,
    now: () => t.clock.now(),
    trigger: "cli",
    partnerId: 1,
  });

describe("the largest amounts", () => {
  it("refuses plans above the limits, naming the field", async () => {
    const owner = await t.login("owner@demo.kr");
    for (const [field, value] of [
      ["monthlyFee", 10_000_001],
      ["monthlyFee", 2_000_000_000],
      ["registrationFee", 1e12],
      ["removalFee", 10_000_001],
      ["termMonths", 121],
    ] as const) {
      const res = await owner
        .post("/api/plans")
        .send({ ...LARGEST, productId: 1, name: "한도 초과", [field]: value })
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    }
  });

  it("bills a plan at the largest allowed fee exactly, first invoice and exit alike", async () => {
    const owner = await t.login("owner@demo.kr");
    const plan = await owner
      .post("/api/plans")
      .send({ ...LARGEST, productId: 1, name: "최대 요금제" })
      .expect(201);
    const [version] = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`select current_version_id as id from plans where id = ${plan.body.id}`),
    );
    const { firstContractId: id } = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId: version!.id,
      count: 1,
      activatedOn: TODAY,
      billingDay: 5,
    });
    const result = await run(TODAY);
    expect(result).toMatchObject({ issued: 1, charged: 1, contractsFailed: 0 });
    // Stub 20 Nov → 4 Dec: floor(10,000,000 × 15 / 30) = 5,000,000, plus the registration fee.
    const invoice = await owner.get(`/api/invoices?filter=${JSON.stringify({ contractId: id })}`).expect(200);
    expect(invoice.body[0]).toMatchObject({
      total: 15_000_000,
      vat: 454_545 + 909_090,
      supply: 15_000_000 - 1_363_635,
      status: "paid",
    });
    // Ten years' penalty at 100 % plus the removal fee: 1,210,000,000 won on one exit invoice.
    const ended = await owner
      .post(`/api/contracts/${id}/terminate`)
      .send({ date: TODAY, reason: "최대 금액 해지" })
      .expect(200);
    expect(ended.body.quote.total).toBe(1_210_000_000);
    const exit = await owner.get(`/api/invoices/${ended.body.invoiceId}`).expect(200);
    expect(exit.body).toMatchObject({ total: 1_210_000_000, vat: 909_090, supply: 1_210_000_000 - 909_090 });
  });
});

describe("a contract that cannot be billed", () => {
  it("is that contract's failure: the others are billed, the run says which, and the next run retries it", async () => {
    const planVersionId = await firstPlanVersion(t, 1);
    const { firstContractId, lastContractId } = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 4,
      activatedOn: "2026-11-19",
      billingDay: 19,
    });
    // Terms no plan can have today (written before the limits, say): 30억 won a month.
    const bad = firstContractId + 1;
    await t.database.db.execute(
      sql`update contracts set terms = jsonb_set(terms, '{monthlyFee}', '3000000000') where id = ${bad}`,
    );
    const result = await run("2026-11-19");
    expect(result).toMatchObject({ issued: 3, charged: 3, contractsFailed: 1 });
    expect(result.runs).toMatchObject([{ status: "completed_with_failures" }]);

    const finance = await t.login("finance@demo.kr");
    const job = await finance.get(`/api/jobs/${result.id}`).expect(200);
    const [number] = rowsOf<{ number: string }>(
      await t.database.db.execute(sql`select number from contracts where id = ${bad}`),
    );
    expect(job.body.failures).toEqual([
      expect.objectContaining({
        entity: "contracts",
        entityId: bad,
        name: number!.number,
        code: "invalid_amount",
      }),
    ]);
    const billed = rowsOf<{ contract_id: number }>(
      await t.database.db.execute(
        sql`select contract_id from invoices where contract_id between ${firstContractId} and ${lastContractId} order by 1`,
      ),
    );
    expect(billed.map((b) => b.contract_id)).toEqual([firstContractId, firstContractId + 2, lastContractId]);

    // Once the terms are put right, the next run bills it — from where it stood, nothing lost.
    await t.database.db.execute(
      sql`update contracts set terms = jsonb_set(terms, '{monthlyFee}', '29900') where id = ${bad}`,
    );
    expect(await run("2026-11-20")).toMatchObject({ issued: 1, caughtUp: 1, contractsFailed: 0 });
    const [retried] = rowsOf<{ period_start: string; due_date: string }>(
      await t.database.db.execute(
        sql`select period_start::text, due_date::text from invoices where contract_id = ${bad}`,
      ),
    );
    expect(retried).toEqual({ period_start: "2026-11-19", due_date: "2026-11-20" });
  });
});
