import { renderText } from "@ssp/domain";
import { sql } from "drizzle-orm";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, TEST_DATABASE_URL, type TestApp } from "../../test/test-app.js";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { runBilling } from "./billing-run.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

/** The sandbox, counting the charges it was asked for by invoice number (the order's name). */
class CountingGateway extends SandboxGateway {
  readonly charges = new Map<string, number>();
  override charge(input: Parameters<PaymentGateway["charge"]>[0]) {
    this.charges.set(input.orderName, (this.charges.get(input.orderName) ?? 0) + 1);
    return super.charge(input);
  }
}

let t: TestApp;
const TODAY = "2026-11-23";
beforeAll(async () => {
  t = await startTestApp({ today: TODAY, funnel: true });
});
afterAll(() => t.close());

const run = (date: string, extra: Partial<Parameters<typeof runBilling>[0]> = {}) =>
  runBilling({
    database: t.database,
    gateway: new SandboxGateway(),
    date,
    now: () => t.clock.now(),
    trigger: "cli",
    ...extra,
  });

/** `count` active contracts of partner 1's first plan, activated on `date` and billed on its day. */
async function contractsActivatedOn(input: { date: string; count: number; paymentMethod: boolean }) {
  const [plan] = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  );
  await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: plan!.id,
    count: input.count,
    activatedOn: input.date,
    billingDay: Number(input.date.slice(8, 10)),
    paymentMethod: input.paymentMethod,
  });
}

/** Starts a run through the API (202 with the run) and waits for the job to say how it ended. */
async function runThroughApi(agent: TestAgent, body: { date: string; dryRun?: boolean }) {
  const started = await agent.post("/api/billing/runs").send(body).expect(202);
  expect(started.body).toMatchObject({
    job: "billing",
    status: "running",
    runDate: body.date,
    trigger: "api",
  });
  for (let i = 0; i < 500; i++) {
    const job = await agent.get(`/api/jobs/${started.body.id}`).expect(200);
    if (job.body.status !== "running") return job.body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the run did not end");
}

describe("billing run", () => {
  it("issues and collects the first invoice (stub + registration fee) when the installation is recorded", async () => {
    const finance = await t.login("finance@demo.kr");
    // The demo funnel recorded two installations today: each was invoiced and charged right then.
    expect(await countOf(t.database, "invoices")).toBe(2);
    const preview = await runThroughApi(finance, { date: TODAY, dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, status: "completed", issued: 0 });
    const res = await runThroughApi(finance, { date: TODAY });
    expect(res).toMatchObject({ status: "completed", issued: 0, charged: 0, failed: 0 });
    expect(await countOf(t.database, "invoices")).toBe(2);

    const invoices = await finance.get("/api/invoices").query({ sort: '["id","ASC"]' }).expect(200);
    expect(invoices.body).toHaveLength(2);
    const shown = await finance.get(`/api/invoices/${invoices.body[0].id}`).expect(200);
    expect(shown.body).toMatchObject({ status: "paid", issueDate: TODAY, dueDate: TODAY });
    const contract = await finance.get(`/api/contracts/${shown.body.contractId}`).expect(200);
    const withFee = contract.body.terms.registrationFee > 0 && !contract.body.terms.registrationFeeWaived;
    expect(shown.body.lines.map((l: { kind: string }) => l.kind)).toEqual(
      withFee ? ["rent", "registration_fee"] : ["rent"],
    );
    for (const l of shown.body.lines) expect(l.supply + l.vat).toBe(l.amount);
    // Each line as key and parameters too, its Korean rendering the stored words of record.
    for (const l of shown.body.lines) expect(renderText(l.text, "ko")).toBe(l.description);
    expect(renderText(shown.body.lines[0].text, "en")).toMatch(/^(Pro-rated|Monthly) rent [A-Z][a-z]{2} \d/);
    expect(shown.body.total).toBe(
      shown.body.lines.reduce((s: number, l: { amount: number }) => s + l.amount, 0),
    );
    expect(shown.body.payments).toMatchObject([
      {
        attempt: 1,
        status: "succeeded",
        amount: shown.body.total,
        // (contract, period, attempt): the same key if a crashed run ever sends it again.
        idempotencyKey: `SSP-${shown.body.contractId}-${shown.body.periodKind}-${shown.body.periodStart.replaceAll("-", "")}-a1`,
      },
    ]);

    const schedule = await finance.get(`/api/contracts/${shown.body.contractId}/schedule`).expect(200);
    // The evidence chain: the period links to its invoice, the invoice's own lines and the payment.
    expect(schedule.body.periods[0]).toMatchObject({
      invoiceId: shown.body.id,
      invoiceNumber: shown.body.number,
      invoiceStatus: "paid",
      amount: shown.body.total,
      lines: shown.body.lines,
      payments: [{ attempt: 1, status: "succeeded", amount: shown.body.total }],
    });
    expect(schedule.body.periods[1]).toMatchObject({ invoiceId: null, payments: [] });
    expect(schedule.body.otherInvoices).toEqual([]);
  });

  it("issues nothing twice when the same date runs again", async () => {
    const before = [await countOf(t.database, "invoices"), await countOf(t.database, "payments")];
    const again = await run(TODAY);
    expect(again).toMatchObject({ due: 0, issued: 0, charged: 0 });
    expect([await countOf(t.database, "invoices"), await countOf(t.database, "payments")]).toEqual(before);
  });

  it("issues the next full period on its billing day", async () => {
    const [c] = rowsOf<{ id: number; billing_day: number }>(
      await t.database.db.execute(
        sql`select id, billing_day from contracts where status = 'active' order by id limit 1`,
      ),
    );
    const next = `2026-12-${String(c!.billing_day).padStart(2, "0")}`;
    const result = await run(next);
    expect(result.issued).toBeGreaterThanOrEqual(1);
    const [inv] = rowsOf<{ period_kind: string; period_index: number }>(
      await t.database.db.execute(
        sql`select period_kind, period_index from invoices where contract_id = ${c!.id} and period_start = ${next}`,
      ),
    );
    expect(inv).toEqual({ period_kind: "full", period_index: 1 });
  });

  it("records a failed attempt for a contract without auto-pay and keeps the invoice open", async () => {
    await contractsActivatedOn({ date: "2026-11-20", count: 3, paymentMethod: false });
    const result = await run("2026-11-20");
    expect(result).toMatchObject({ issued: 3, charged: 0, failed: 3 });
    const failed = rowsOf<{ failure_code: string }>(
      await t.database.db.execute(sql`select failure_code from payments where status = 'failed'`),
    );
    expect(failed.every((f) => f.failure_code === "no_payment_method")).toBe(true);
    const open = rowsOf<{ status: string; paid_at: string | null }>(
      await t.database.db.execute(sql`select status, paid_at from invoices where due_date = '2026-11-20'`),
    );
    expect(open).toEqual(Array(3).fill({ status: "open", paid_at: null }));
    // Each customer is told (the outbox), attempt 1 named.
    const notices = rowsOf<{ body: string }>(
      await t.database.db.execute(sql`
        select n.body from notifications n join invoices i on i.id = n.entity_id
        where n.entity = 'invoices' and n.template = 'payment_failed' and i.due_date = '2026-11-20'`),
    );
    expect(notices).toHaveLength(3);
    expect(notices[0]!.body).toContain("(1차)");
  });

  it("collects an invoice of the date that was issued without its first attempt", async () => {
    const [c] = rowsOf<{ id: number; partner_id: number; customer_id: number }>(
      await t.database.db.execute(
        sql`select c.id, c.partner_id, c.customer_id from contracts c
            where c.status = 'active' and exists (select 1 from payment_methods m where m.contract_id = c.id and m.status = 'active')
            order by c.id limit 1`,
      ),
    );
    // As an older run (or a hand-made correction) would have left it: issued, never charged.
    await t.database.db.execute(sql`
      insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                            issue_date, due_date, supply, vat, total)
      values (${c!.partner_id}, 'INV-MANUAL-1', ${c!.id}, ${c!.customer_id}, 'exit', 0, '2026-11-25', '2026-11-25',
              '2026-11-25', '2026-11-25', 10000, 0, 10000)`);
    const result = await run("2026-11-25");
    expect(result.charged).toBeGreaterThanOrEqual(1); // the demo's own contracts may bill that day too
    const [paid] = rowsOf<{ status: string; attempts: number }>(
      await t.database.db.execute(
        sql`select i.status, (select count(*)::int from payments p where p.invoice_id = i.id) as attempts from invoices i where number = 'INV-MANUAL-1'`,
      ),
    );
    expect(paid).toEqual({ status: "paid", attempts: 1 });
  });

  it("refuses, in the database, an invoice that names another partner's contract, and deleting a contract", async () => {
    const [c] = rowsOf<{ id: number; customer_id: number }>(
      await t.database.db.execute(
        sql`select id, customer_id from contracts where partner_id = 1 order by id limit 1`,
      ),
    );
    const invoices = await countOf(t.database, "invoices");
    await expect(
      t.database.db.execute(sql`
        insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                              issue_date, due_date, supply, vat, total)
        values (2, 'INV-CROSS-1', ${c!.id}, ${c!.customer_id}, 'exit', 0, '2026-11-26', '2026-11-26',
                '2026-11-26', '2026-11-26', 1000, 0, 1000)`),
    ).rejects.toThrow();
    expect(await countOf(t.database, "invoices")).toBe(invoices);
    // Its own partner's contract is fine; moving the invoice afterwards is not.
    await t.database.db.execute(sql`
      insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                            issue_date, due_date, supply, vat, total)
      values (1, 'INV-OWN-1', ${c!.id}, ${c!.customer_id}, 'exit', 0, '2026-11-26', '2026-11-26',
              '2026-11-26', '2026-11-26', 1000, 0, 1000)`);
    await expect(t.database.db.execute(sql`delete from contracts where id = ${c!.id}`)).rejects.toThrow();
    await expect(
      t.database.db.execute(
        sql`update invoices set contract_id = contract_id + 1 where contract_id = ${c!.id}`,
      ),
    ).rejects.toThrow();
  });

  it("keeps a few charges in flight at once, never more than eight", async () => {
    /** A gateway that takes a moment to answer, counting the calls it has open. */
    class SlowGateway extends SandboxGateway {
      open = 0;
      mostAtOnce = 0;
      override async charge(input: Parameters<PaymentGateway["charge"]>[0]) {
        this.open++;
        this.mostAtOnce = Math.max(this.mostAtOnce, this.open);
        await new Promise((r) => setTimeout(r, 5));
        this.open--;
        return super.charge(input);
      }
    }
    await contractsActivatedOn({ date: "2026-11-27", count: 30, paymentMethod: true });
    const gateway = new SlowGateway();
    const result = await run("2026-11-27", { gateway });
    expect(result.charged).toBeGreaterThanOrEqual(30);
    expect(gateway.mostAtOnce).toBe(8);
  });

  it("refuses a bad date, and roles that may not bill", async () => {
    const finance = await t.login("finance@demo.kr");
    const runs = await countOf(t.database, "job_runs");
    const bad = await finance.post("/api/billing/runs").send({ date: "2026-02-30" }).expect(400);
    expect(bad.body.errors).toHaveProperty("date");
    // Billing customers for a day that has not come yet is refused, not previewed.
    const early = await finance.post("/api/billing/runs").send({ date: "2026-11-24" }).expect(400);
    expect(early.body.errors).toHaveProperty("date");
    const cs = await t.login("cs@demo.kr");
    await cs.post("/api/billing/runs").send({ date: TODAY }).expect(403);
    await cs.get("/api/jobs").expect(403);
    expect(await countOf(t.database, "job_runs")).toBe(runs);
    const list = await finance.get("/api/billing/runs").expect(200);
    expect(list.body.find((r: { trigger: string }) => r.trigger === "api")).toMatchObject({
      status: "completed",
      job: "billing",
    });
  });

  it.runIf(TEST_DATABASE_URL)(
    "issues each invoice exactly once and charges once when runs of the same and of later dates race (PostgreSQL)",
    async () => {
      const [plan] = rowsOf<{ id: number }>(
        await t.database.db.execute(
          sql`select current_version_id as id from plans where partner_id = 2 order by id limit 1`,
        ),
      );
      const { firstContractId, lastContractId } = await seedActiveContracts(t.database.db, {
        partnerId: 2,
        planVersionId: plan!.id,
        count: 400,
        activatedOn: "2026-10-05",
        billingDay: 5,
      });
      const gateway = new CountingGateway();
      // Two runs of the same date (one takes the partner's lock, the other finds it taken) and two
      // of later dates, which catch up the same periods at the same time on their own locks.
      const results = await Promise.all(
        ["2026-11-05", "2026-11-05", "2026-11-06", "2026-11-07"].map((date) =>
          run(date, { batchSize: 50, gateway, partnerId: 2 }),
        ),
      );
      expect(results.filter((r) => r.locked.length > 0)).toHaveLength(1);
      // October's caught-up invoice and November's, for each of the 400 contracts.
      expect(results.reduce((s, r) => s + r.issued, 0)).toBe(800);
      expect(results.reduce((s, r) => s + r.charged, 0)).toBe(800);
      const [counts] = rowsOf<{ invoices: number; distinct_periods: number; payments: number }>(
        await t.database.db.execute(sql`
        select count(*)::int as invoices, count(distinct (i.contract_id, i.period_start))::int as distinct_periods,
               (select count(*)::int from payments p join invoices j on j.id = p.invoice_id where j.contract_id between ${firstContractId} and ${lastContractId}) as payments
        from invoices i where i.contract_id between ${firstContractId} and ${lastContractId}`),
      );
      expect(counts).toEqual({ invoices: 800, distinct_periods: 800, payments: 800 });
      // At the gateway itself: every invoice was charged exactly once, and nothing else was.
      const due = rowsOf<{ number: string }>(
        await t.database.db.execute(
          sql`select number from invoices where contract_id between ${firstContractId} and ${lastContractId}`,
        ),
      );
      expect(due.filter((i) => gateway.charges.get(i.number) !== 1)).toEqual([]);
      expect([...gateway.charges.values()].reduce((s, n) => s + n, 0)).toBe(800);
    },
  );

  it.runIf(TEST_DATABASE_URL)(
    "answers 409 billing_run_in_progress with the running run's id while the partner's run of that date holds the lock (PostgreSQL)",
    async () => {
      const finance = await t.login("finance@demo.kr");
      const date = "2026-11-06";
      const runs = await countOf(t.database, "job_runs where job = 'billing' and dry_run = false");
      // Hold partner 1's lock for the date, as its run in progress would, with its record.
      await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`job:billing:1:${date}`}))`);
        const [held] = rowsOf<{ id: number }>(
          await t.database.db.execute(sql`
            insert into job_runs (job, partner_id, run_date, trigger) values ('billing', 1, ${date}, 'cron') returning id`),
        );
        const busy = await finance.post("/api/billing/runs").send({ date }).expect(409);
        expect(busy.body).toMatchObject({ code: "billing_run_in_progress", runId: held!.id });
        expect(await countOf(t.database, "job_runs where job = 'billing' and dry_run = false")).toBe(
          runs + 1,
        );
        // Another partner's run of the same date is not held up by it…
        const owner2 = await t.login("owner@barun.kr");
        expect((await runThroughApi(owner2, { date })).status).toBe("completed");
        // …nor is a preview, which writes nothing, nor another date.
        expect((await runThroughApi(finance, { date, dryRun: true })).status).toBe("completed");
        expect((await runThroughApi(finance, { date: "2026-11-07" })).status).toBe("completed");
        await t.database.db.execute(sql`update job_runs set status = 'failed' where id = ${held!.id}`);
      });
      expect((await runThroughApi(finance, { date })).status).toBe("completed");
    },
  );
});
