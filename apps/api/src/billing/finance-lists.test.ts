import { sql } from "drizzle-orm";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { runBilling } from "./billing-run.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

const TODAY = "2026-06-15";

/**
 * One contract per case, each activated (and so first invoiced, due that day) on its date and
 * billed once, on that date. Without auto-pay the invoice stays open after a failed attempt;
 * "paid" has a sandbox card and is paid. Days are how far past due each is on TODAY.
 */
const CASES = {
  h91: { on: "2026-03-16", at: "2026-03-16T09:00:00+09:00" },
  g90: { on: "2026-03-17", at: "2026-03-17T09:00:00+09:00" },
  paid: { on: "2026-04-01", at: "2026-04-01T09:00:00+09:00", autoPay: true },
  // Late evening and just after midnight in Seoul: both fall on 2026-04-15 in UTC.
  f61: { on: "2026-04-15", at: "2026-04-15T23:30:00+09:00" },
  e60: { on: "2026-04-16", at: "2026-04-16T00:10:00+09:00" },
  d31: { on: "2026-05-15", at: "2026-05-15T09:00:00+09:00" },
  c30: { on: "2026-05-16", at: "2026-05-16T09:00:00+09:00" },
  b1: { on: "2026-06-14", at: "2026-06-14T09:00:00+09:00" },
  a0: { on: "2026-06-15", at: "2026-06-15T09:00:00+09:00" },
} as const;
type Case = keyof typeof CASES;

let t: TestApp;
let finance: TestAgent;
const caseOfContract = new Map<number, Case>();
const invoiceOf = {} as Record<Case, number>;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  const [plan] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  );
  // In date order, each run bills its own contract's first invoice; the contract then stops billing
  // (its cursor goes), so that a later run does not catch up its full periods: one invoice per case.
  for (const [name, c] of Object.entries(CASES) as [Case, (typeof CASES)[Case]][]) {
    const { firstContractId } = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId: plan!.id,
      count: 1,
      activatedOn: c.on,
      billingDay: 28,
      paymentMethod: "autoPay" in c,
    });
    caseOfContract.set(firstContractId, name);
    await runBilling({
      database: t.database,
      gateway: new SandboxGateway(),
      date: c.on,
      now: () => new Date(c.at),
      trigger: "cli",
    });
    await t.database.db.execute(sql`delete from billing_cursors where contract_id = ${firstContractId}`);
  }
  for (const r of rowsOf<{ id: number; contract_id: number }>(
    await t.database.db.execute(sql`select id, contract_id from invoices`),
  )) {
    invoiceOf[caseOfContract.get(r.contract_id)!] = r.id;
  }
  finance = await t.login("finance@demo.kr");
});
afterAll(() => t.close());

const list = (resource: string, filter: object, sort?: [string, string]) =>
  finance
    .get(`/api/${resource}`)
    .query({ filter: JSON.stringify(filter), ...(sort ? { sort: JSON.stringify(sort) } : {}) });

/** The cases whose invoices the filter lists, in a stable order. */
async function invoicesFor(filter: object): Promise<Case[]> {
  const res = await list("invoices", filter).expect(200);
  return res.body.map((i: { contractId: number }) => caseOfContract.get(i.contractId)).sort();
}

async function paymentsFor(filter: object, sort?: [string, string]): Promise<Case[]> {
  const res = await list("payments", filter, sort).expect(200);
  const caseOfInvoice = new Map(Object.entries(invoiceOf).map(([name, id]) => [id, name as Case]));
  const cases = res.body.map((p: { invoiceId: number }) => caseOfInvoice.get(p.invoiceId));
  return sort ? cases : cases.sort();
}

describe("invoice list filters", () => {
  it("seeds one invoice per case, each with one attempt", async () => {
    expect(Object.keys(invoiceOf).sort()).toEqual(Object.keys(CASES).sort());
    expect(await invoicesFor({})).toEqual(Object.keys(CASES).sort());
    expect(await paymentsFor({})).toEqual(Object.keys(CASES).sort());
  });

  it("lists as overdue only open invoices due before today, and everything else with overdue: false", async () => {
    expect(await invoicesFor({ overdue: true })).toEqual(["b1", "c30", "d31", "e60", "f61", "g90", "h91"]);
    expect(await invoicesFor({ overdue: false })).toEqual(["a0", "paid"]);
  });

  it("reports the days overdue against the clock's today", async () => {
    const res = await list("invoices", { overdue: true }, ["dueDate", "ASC"]).expect(200);
    expect(res.body.map((i: { overdueDays: number }) => i.overdueDays)).toEqual([91, 90, 61, 60, 31, 30, 1]);
  });

  it("puts each open invoice in its SPEC §3 aging bucket, edges included", async () => {
    expect(await invoicesFor({ overdueBucket: "1-30" })).toEqual(["b1", "c30"]);
    expect(await invoicesFor({ overdueBucket: "31-60" })).toEqual(["d31", "e60"]);
    expect(await invoicesFor({ overdueBucket: "61-90" })).toEqual(["f61", "g90"]);
    expect(await invoicesFor({ overdueBucket: "90+" })).toEqual(["h91"]);
  });

  it("ages invoices by the request's clock, not the machine's", async () => {
    t.clock.set("2026-06-16");
    // A day on, the session has lapsed: sign in again on the moved clock.
    finance = await t.login("finance@demo.kr");
    try {
      expect(await invoicesFor({ overdueBucket: "1-30" })).toEqual(["a0", "b1"]);
      expect(await invoicesFor({ overdueBucket: "31-60" })).toEqual(["c30", "d31"]);
    } finally {
      t.clock.set(TODAY);
      finance = await t.login("finance@demo.kr");
    }
  });

  it("lists invoices whose period starts within the range, both ends included", async () => {
    expect(await invoicesFor({ periodFrom: "2026-04-01", periodTo: "2026-05-15" })).toEqual([
      "d31",
      "e60",
      "f61",
      "paid",
    ]);
    expect(await invoicesFor({ periodFrom: "2026-06-14" })).toEqual(["a0", "b1"]);
    expect(await invoicesFor({ periodTo: "2026-03-16" })).toEqual(["h91"]);
  });

  it("keeps the existing filters and combines them with the new ones", async () => {
    expect(await invoicesFor({ status: "paid" })).toEqual(["paid"]);
    expect(await invoicesFor({ status: ["open"], periodFrom: "2026-04-01", periodTo: "2026-04-30" })).toEqual(
      ["e60", "f61"],
    );
    const [contractId] = [...caseOfContract].find(([, name]) => name === "g90")!;
    expect(await invoicesFor({ contractId })).toEqual(["g90"]);
    expect(await invoicesFor({ overdue: true, overdueBucket: "90+" })).toEqual(["h91"]);
  });

  it.each([
    [{ periodFrom: "2026-02-30" }, "filter.periodFrom"],
    [{ periodTo: "15/06/2026" }, "filter.periodTo"],
    [{ periodFrom: "2026-05-01", periodTo: "2026-04-01" }, "filter.periodTo"],
    [{ overdueBucket: "1-29" }, "filter.overdueBucket"],
    [{ overdue: "yes" }, "filter.overdue"],
    [{ overdueDays: 30 }, "filter.overdueDays"],
  ])("refuses the invoice filter %j with a 400 naming %s", async (filter, field) => {
    const res = await list("invoices", filter).expect(400);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });
});

describe("payment list filters", () => {
  it("filters by status and by method", async () => {
    const unpaid = ["a0", "b1", "c30", "d31", "e60", "f61", "g90", "h91"];
    expect(await paymentsFor({ status: "succeeded" })).toEqual(["paid"]);
    expect(await paymentsFor({ status: "failed" })).toEqual(unpaid);
    expect(await paymentsFor({ method: "sandbox" })).toEqual(["paid"]);
    expect(await paymentsFor({ method: "none" })).toEqual(unpaid);
    expect(await paymentsFor({ method: "toss" })).toEqual([]);
  });

  it("filters by attempt date as Seoul calendar days, the last day whole", async () => {
    expect(await paymentsFor({ attemptedFrom: "2026-04-15", attemptedTo: "2026-04-15" })).toEqual(["f61"]);
    expect(await paymentsFor({ attemptedFrom: "2026-04-16", attemptedTo: "2026-04-16" })).toEqual(["e60"]);
    expect(await paymentsFor({ attemptedFrom: "2026-04-01", attemptedTo: "2026-04-16" })).toEqual([
      "e60",
      "f61",
      "paid",
    ]);
    expect(await paymentsFor({ attemptedFrom: "2026-06-14" })).toEqual(["a0", "b1"]);
  });

  it("filters by invoice", async () => {
    expect(await paymentsFor({ invoiceId: invoiceOf.d31 })).toEqual(["d31"]);
  });

  it("sorts by the listed columns", async () => {
    expect(
      await paymentsFor({ attemptedFrom: "2026-04-01", attemptedTo: "2026-04-16" }, ["attemptedAt", "DESC"]),
    ).toEqual(["e60", "f61", "paid"]);
    const byMethod = await paymentsFor({}, ["method", "DESC"]);
    expect(byMethod[0]).toBe("paid");
    expect(await paymentsFor({ attemptedTo: "2026-03-17" }, ["invoiceId", "DESC"])).toEqual(["g90", "h91"]);
    for (const field of ["attempt", "amount", "status"]) {
      await list("payments", {}, [field, "ASC"]).expect(200);
    }
  });

  it.each([
    [{ method: "card" }, "filter.method"],
    [{ status: "paid" }, "filter.status"],
    [{ attemptedFrom: "2026-13-01" }, "filter.attemptedFrom"],
    [{ attemptedFrom: "2026-04-16", attemptedTo: "2026-04-15" }, "filter.attemptedTo"],
  ])("refuses the payment filter %j with a 400 naming %s", async (filter, field) => {
    const res = await list("payments", filter).expect(400);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });

  it("refuses sorting by a column the list does not sort by", async () => {
    const res = await list("payments", {}, ["gatewayRef", "ASC"]).expect(400);
    expect(res.body.errors).toHaveProperty("sort");
  });
});
