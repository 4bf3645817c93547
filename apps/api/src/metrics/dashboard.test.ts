import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FinanceQuarter,
  QUARTER_TODAY,
  seedFinanceQuarter,
} from "../../test/support/finance-quarter.js";
import { reportCsv, sumOf } from "../../test/support/report-download.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
let q: FinanceQuarter;

beforeAll(async () => {
  t = await startTestApp({ today: QUARTER_TODAY });
  q = await seedFinanceQuarter(t);
});
afterAll(() => t.close());

const QUARTER = { from: "2026-08", to: "2026-10" };
const MONTH_DAYS = {
  "2026-08": { from: "2026-08-01", to: "2026-08-31" },
  "2026-09": { from: "2026-09-01", to: "2026-09-30" },
  "2026-10": { from: "2026-10-01", to: "2026-10-31" },
} as const;

/** Registration fee 100,000 on each first invoice of plan 1; plan 2 waives it and takes 5,000 off. */
const A_FIRST = 29_900 + 100_000;
const B_MONTH = 27_900 - 5_000;
/** C's exit on 10-20: 34 of 36 mandatory periods left × 29,900 × 10 %. */
const C_EXIT = Math.floor((34 * 29_900 * 10) / 100);

describe("the dashboard for finance", () => {
  it("computes every metric of the quarter as worked out by hand", async () => {
    const res = await q.finance.get("/api/metrics/dashboard").query(QUARTER).expect(200);
    expect(res.body.sections).toEqual(["money", "contracts", "assets", "funnel", "queues"]);
    const [aug, sep, oct] = res.body.months;
    expect([aug.month, sep.month, oct.month]).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect([aug.closed, sep.closed, oct.closed]).toEqual([true, true, false]);

    expect(aug).toMatchObject({
      activeContracts: 2,
      mrr: 29_900 + B_MONTH,
      newContracts: 2,
      endedContracts: 0,
      churnRate: { numerator: 0, denominator: 0, rate: null },
      billed: A_FIRST + B_MONTH,
      // B's transfer came on 09-01: not August's money.
      collected: A_FIRST,
      collectionRate: { numerator: A_FIRST, denominator: A_FIRST + B_MONTH },
      aging: { notDue: 0, "1-30": B_MONTH, "31-60": 0, "61-90": 0, "90+": 0 },
    });
    expect(sep).toMatchObject({
      activeContracts: 3,
      mrr: 29_900 + B_MONTH + 29_900,
      newContracts: 1,
      churnRate: { numerator: 0, denominator: 2, rate: 0 },
      billed: 29_900 + B_MONTH + A_FIRST,
      // A's September less the 5,000 credited back on 09-20, and C's first invoice.
      collected: 29_900 - 5_000 + A_FIRST,
      aging: { "1-30": B_MONTH, "31-60": B_MONTH - 10_000, "61-90": 0 },
    });
    expect(oct).toMatchObject({
      activeContracts: 2,
      mrr: 29_900 + B_MONTH,
      newContracts: 0,
      endedContracts: 1,
      churnRate: { numerator: 1, denominator: 3 },
      billed: 29_900 + B_MONTH + 29_900 + C_EXIT,
      aging: { "1-30": B_MONTH + C_EXIT, "31-60": B_MONTH, "61-90": B_MONTH - 10_000, "90+": 0 },
    });
    expect(oct.churnRate.rate).toBeCloseTo(1 / 3);
    expect(oct.collected).toBe(29_900 + 29_900);
  });

  it.each(Object.entries(MONTH_DAYS))("equals the reports' totals for %s", async (month, period) => {
    const res = await q.finance.get("/api/metrics/dashboard").query(QUARTER).expect(200);
    const figures = res.body.months.find((m: { month: string }) => m.month === month);
    const register = await reportCsv(q.finance, "billing-register", period);
    expect(figures.billed).toBe(sumOf(register, "합계"));
    expect(figures.collected).toBe(sumOf(register, "기간 내 수납액"));
    const units = await reportCsv(q.finance, "unit-economics", period);
    expect(figures.mrr).toBe(sumOf(units, "MRR(월 반복매출)"));
    expect(figures.activeContracts).toBe(sumOf(units, "활성 계약"));
    expect(figures.utilization.numerator).toBe(sumOf(units, "설치 자산"));
    expect(figures.utilization.denominator).toBe(sumOf(units, "보유 자산"));
    const aging = await reportCsv(q.finance, "receivables-aging", period);
    expect(figures.aging).toEqual({
      notDue: sumOf(aging, "미도래"),
      "1-30": sumOf(aging, "1–30일"),
      "31-60": sumOf(aging, "31–60일"),
      "61-90": sumOf(aging, "61–90일"),
      "90+": sumOf(aging, "90일 초과"),
    });
  });

  it("keeps a closed month's figures as they were, whatever happens later", async () => {
    const before = await q.finance.get("/api/metrics/dashboard").query(QUARTER).expect(200);
    expect(await countOf(t.database, "metric_months")).toBe(2);
    // A late payment for August's invoice changes October's figures, never August's.
    const [invoice] = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select id from invoices where contract_id = ${q.contracts.B} and period_start = '2026-08-10'`,
      ),
    );
    await q.finance
      .post(`/api/invoices/${invoice!.id}/payments`)
      .send({ amount: 2_900, paidOn: QUARTER_TODAY, reference: "late" })
      .expect(201);
    const after = await q.finance.get("/api/metrics/dashboard").query(QUARTER).expect(200);
    expect(after.body.months[0]).toEqual(before.body.months[0]);
    expect(after.body.months[1]).toEqual(before.body.months[1]);
    expect(after.body.months[2].aging["61-90"]).toBe(before.body.months[2].aging["61-90"] - 2_900);
  });
});

describe("the dashboard per role", () => {
  it("shows a manager the contracts and the funnel, but no money", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager.get("/api/metrics/dashboard").query(QUARTER).expect(200);
    expect(res.body.sections).toEqual(["contracts", "assets", "funnel", "queues"]);
    expect(res.body.months[2]).toHaveProperty("activeContracts", 2);
    for (const money of ["mrr", "billed", "collected", "collectionRate", "aging"])
      expect(res.body.months[2]).not.toHaveProperty(money);
    expect(res.body.queues).toHaveProperty("credit_review");
  });

  it("shows cs no credit approval rate (cs may not list credit checks)", async () => {
    const cs = await t.login("cs@demo.kr");
    const res = await cs.get("/api/metrics/dashboard").query(QUARTER).expect(200);
    expect(res.body.sections).toEqual(["contracts", "assets", "queues"]);
    expect(res.body.months[2]).not.toHaveProperty("approvalRate");
  });

  it("shows a technician only their own work", async () => {
    const tech = await t.login("tech@demo.kr");
    const res = await tech.get("/api/metrics/dashboard").expect(200);
    expect(res.body.sections).toEqual(["myWork"]);
    expect(res.body.myWork).toEqual({ today: 0, upcoming: 0, installed: 0 });
    expect(Object.keys(res.body.months[0])).toEqual(["month", "from", "to", "closed"]);
    expect(res.body).not.toHaveProperty("queues");
  });

  it("answers by default with the twelve months up to this one", async () => {
    const res = await q.finance.get("/api/metrics/dashboard").expect(200);
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual([
      "2025-11",
      "2025-12",
      ...Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    ]);
  });

  it.each([
    [{ from: "2026-13", to: "2026-10" }, "from"],
    [{ from: "2026-09", to: "2026-08" }, "to"],
    [{ from: "2024-01", to: "2026-10" }, "to"],
    [{ to: "2026-12" }, "to"],
    // Refused before any route, by the input guard, which names where in the request it was.
    [{ from: "2026-08\u0000" }, "query.from"],
  ])("refuses %o naming %s", async (query, field) => {
    const res = await q.finance.get("/api/metrics/dashboard").query(query).expect(400);
    expect(Object.keys(res.body.errors)).toContain(field);
  });
});
