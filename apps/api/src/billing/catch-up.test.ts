import { type PlanTerms, splitVat } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDay } from "../../test/support/billing-days.js";
import { sentContract, signAndPay } from "../../test/support/funnel.js";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { countOf, startTestApp, TEST_DATABASE_URL, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { catchUpDailyJobs } from "../jobs/daily-jobs.js";
import { smtpMailer } from "../notifications/mailer.js";
import { runBilling } from "./billing-run.js";
import { runDunning } from "./dunning-run.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

// SPEC §3 Billing: a run issues every period started on or before its date and not yet invoiced —
// a backdated installation, a day without a run, an installation after the day's run, a server
// down at 06:00 — each issued once, issued and due on the run's date, exact to the won (SPEC §4).

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-01",
    adapters: { mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }) },
  });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

const gateway = new SandboxGateway();
const bill = (date: string, partnerId?: number) =>
  runBilling({ database: t.database, gateway, date, now: () => t.clock.now(), trigger: "cli", partnerId });

interface InvoiceRow {
  contract_id: number;
  period_kind: string;
  period_start: string;
  issue_date: string;
  due_date: string;
  total: number;
  status: string;
}
const invoicesOf = async (contractId: number) =>
  rowsOf<InvoiceRow>(
    await t.database.db.execute(sql`
      select contract_id, period_kind, period_start::text, issue_date::text, due_date::text, total, status
      from invoices where contract_id = ${contractId} order by period_start`),
  );

/** An order through the funnel up to "ready to install" (billing day 5), the delivery set for today. */
async function readyToInstall() {
  const funnel = await sentContract(t, inbox);
  await signAndPay(t, funnel.token);
  await funnel.manager.post(`/api/orders/${funnel.order.id}/allocate-asset`).send({}).expect(200);
  const owner = await t.login("owner@demo.kr");
  const techs = await owner.get("/api/users").query({ filter: '{"role":"technician"}' }).expect(200);
  await funnel.manager
    .post(`/api/orders/${funnel.order.id}/schedule-delivery`)
    .send({ technicianId: techs.body[0].id, scheduledOn: t.clock.today() })
    .expect(201);
  return funnel;
}

/** Records the installation as the manager (logged in anew: the clock may have moved past a session). */
async function install(funnel: Awaited<ReturnType<typeof readyToInstall>>, date: string) {
  const manager = await t.login("manager@demo.kr");
  return manager
    .post(`/api/orders/${funnel.order.id}/install`)
    .send({ date, signature: { kind: "typed", text: "서명자" } })
    .expect(200);
}

const rentOf = (terms: PlanTerms, index: number) =>
  terms.monthlyFee - (index <= terms.discountMonths ? Math.min(terms.discountAmount, terms.monthlyFee) : 0);

describe("catching up what was never billed", () => {
  it("bills a backdated installation at once: the stub with its registration fee and every full period since", async () => {
    t.clock.set("2026-03-01");
    const funnel = await readyToInstall();
    // Installed on 2 March; the paperwork reaches the office on 7 April.
    t.clock.set("2026-04-07");
    const res = await install(funnel, "2026-03-02");
    expect(res.body.billed).toMatchObject({ issued: 3, charged: 3 });
    const terms = res.body.contract.terms as PlanTerms;
    const fee = terms.registrationFeeWaived ? 0 : terms.registrationFee;
    // SPEC §4: the stub is 2–4 March, floor(monthlyFee × 3 / 31); full periods from 5 March and 5 April.
    const stub = Math.floor((terms.monthlyFee * 3) / 31);
    expect(await invoicesOf(funnel.contract.id)).toEqual([
      { ...expectIssued(funnel.contract.id, "stub", "2026-03-02"), total: stub + fee },
      { ...expectIssued(funnel.contract.id, "full", "2026-03-05"), total: rentOf(terms, 1) },
      { ...expectIssued(funnel.contract.id, "full", "2026-04-05"), total: rentOf(terms, 2) },
    ]);
    // Each invoice's VAT is split per line: the stub's rent and fee each floor(amount / 11).
    const [first] = rowsOf<{ vat: number }>(
      await t.database.db.execute(
        sql`select vat from invoices where contract_id = ${funnel.contract.id} and period_kind = 'stub'`,
      ),
    );
    expect(first!.vat).toBe(splitVat(stub).vat + splitVat(fee).vat);
    // The run of the day, and of the days after, have nothing more for it until 5 May.
    await bill("2026-04-07");
    await bill("2026-04-30");
    expect(await invoicesOf(funnel.contract.id)).toHaveLength(3);
    await bill("2026-05-05");
    expect((await invoicesOf(funnel.contract.id)).at(-1)).toMatchObject({
      period_start: "2026-05-05",
      due_date: "2026-05-05",
      total: rentOf(terms, 3),
    });
  });

  it("bills an installation recorded after the day's run at once, and the next runs issue it no second time", async () => {
    t.clock.set("2026-05-05");
    const funnel = await readyToInstall();
    t.clock.set("2026-05-05T06:00:00+09:00");
    await bill("2026-05-05");
    t.clock.set("2026-05-05T15:00:00+09:00");
    await install(funnel, "2026-05-05");
    const issued = await invoicesOf(funnel.contract.id);
    expect(issued).toMatchObject([{ period_kind: "full", period_start: "2026-05-05", status: "paid" }]);
    await bill("2026-05-05");
    await bill("2026-05-06");
    expect(await invoicesOf(funnel.contract.id)).toEqual(issued);
  });

  it("issues a day's periods on the next run after a day without one, due that day: retries and lateness count from it", async () => {
    const planVersionId = await firstPlanVersion(t, 2);
    const { firstContractId: id } = await seedActiveContracts(t.database.db, {
      partnerId: 2,
      planVersionId,
      count: 1,
      activatedOn: "2026-06-10",
      billingDay: 10,
      paymentMethod: false,
    });
    t.clock.set("2026-06-10");
    await bill("2026-06-10", 2);
    // Nothing runs on 10 July (the server was down); the run of 12 July catches it up.
    t.clock.set("2026-07-12");
    expect(await bill("2026-07-12", 2)).toMatchObject({ issued: 1, caughtUp: 1 });
    expect((await invoicesOf(id)).at(-1)).toMatchObject({
      period_start: "2026-07-10",
      issue_date: "2026-07-12",
      due_date: "2026-07-12",
      status: "open",
    });
    const attempts = async () =>
      rowsOf<{ attempt: number }>(
        await t.database.db.execute(sql`
          select p.attempt from payments p join invoices i on i.id = p.invoice_id
          where i.contract_id = ${id} and i.period_start = '2026-07-10' order by p.attempt`),
      ).map((r) => r.attempt);
    expect(await attempts()).toEqual([1]);
    // Not 2 days late on the day it was issued: the first retry is the day after it, D+1.
    const dunning = (date: string) =>
      runDunning({ db: t.database.db, gateway, date, now: () => t.clock.now(), partnerId: 2 });
    await dunning("2026-07-12");
    expect(await attempts()).toEqual([1]);
    t.clock.set("2026-07-13");
    await dunning("2026-07-13");
    expect(await attempts()).toEqual([1, 2]);
    const owner = await t.login("owner@barun.kr");
    const invoices = await owner
      .get(`/api/invoices?filter=${JSON.stringify({ contractId: id })}`)
      .expect(200);
    expect(
      invoices.body.find((i: { periodStart: string }) => i.periodStart === "2026-07-10").overdueDays,
    ).toBe(1);
  });

  it("runs the daily jobs a server missed at 06:00 when it starts, marks a crashed run failed and runs it again", async () => {
    const planVersionId = await firstPlanVersion(t, 1);
    const { firstContractId: id } = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 1,
      activatedOn: "2026-08-03",
      billingDay: 3,
    });
    // Billing of 3 August started and died with the process (its record still says running).
    await t.database.db.execute(sql`
      insert into job_runs (job, partner_id, run_date, trigger) values ('billing', 1, '2026-08-03', 'cron')`);
    // The server comes back at 09:00: billing (06:00), dunning (07:00), end of term (08:00) were
    // missed, and the service visits (09:00) are due; the reminders (10:00) are not yet, so
    // yesterday's, never run, run now.
    t.clock.set("2026-08-03T09:00:00+09:00");
    const deps = { database: t.database, clock: t.clock, adapters: { paymentGateway: gateway } };
    const ran = await catchUpDailyJobs(deps);
    expect(ran.map((r) => `${r.job}:${r.partnerId}:${r.runDate}:${r.trigger}:${r.status}`).sort()).toEqual([
      "billing:1:2026-08-03:startup:completed",
      "billing:2:2026-08-03:startup:completed",
      "dunning:1:2026-08-03:startup:completed",
      "dunning:2:2026-08-03:startup:completed",
      "end-of-term:1:2026-08-03:startup:completed",
      "end-of-term:2:2026-08-03:startup:completed",
      "metrics:1:2026-08-03:startup:completed",
      "metrics:2:2026-08-03:startup:completed",
      "reminders:1:2026-08-02:startup:completed",
      "reminders:2:2026-08-02:startup:completed",
      "service-visits:1:2026-08-03:startup:completed",
      "service-visits:2:2026-08-03:startup:completed",
    ]);
    // The dashboard's closed months of the past year are kept before anyone asks for them.
    expect(
      await countOf(
        t.database,
        "metric_months where partner_id = 1 and month between '2025-08-01' and '2026-07-01'",
      ),
    ).toBe(12);
    const [crashed] = rowsOf<{ status: string; error: string }>(
      await t.database.db.execute(
        sql`select status, error from job_runs where trigger = 'cron' and run_date = '2026-08-03'`,
      ),
    );
    expect(crashed).toMatchObject({ status: "failed", error: expect.stringMatching(/interrupted/) });
    expect(await invoicesOf(id)).toMatchObject([{ period_start: "2026-08-03", status: "paid" }]);
    // What the job did is audited in the system's name, with the run that did it.
    const billing = ran.find((r) => r.job === "billing" && r.partnerId === 1)!;
    const [audit] = rowsOf<{ actor_kind: string; actor_id: number; user_id: number | null }>(
      await t.database.db.execute(sql`
        select actor_kind, actor_id, user_id from audit_logs
        where entity = 'job_runs' and entity_id = ${String(billing.id)} and action = 'invoices_issued'`),
    );
    expect(audit).toEqual({ actor_kind: "system", actor_id: billing.id, user_id: null });
    // Started again (or by a second instance at the same time): nothing left to run, nothing twice.
    const runs = await countOf(t.database, "job_runs");
    expect(await Promise.all([catchUpDailyJobs(deps), catchUpDailyJobs(deps)])).toEqual([[], []]);
    expect(await countOf(t.database, "job_runs")).toBe(runs);
    expect(await invoicesOf(id)).toHaveLength(1);
    // Before their hours the latest occurrence is yesterday's: a server started at 04:30 on
    // 4 August runs nothing of the 4th yet — only the reminders of the 3rd (10:00), which the
    // server up since 09:00 has not run in this test.
    t.clock.set("2026-08-04T04:30:00+09:00");
    expect((await catchUpDailyJobs(deps)).map((r) => `${r.job}:${r.partnerId}:${r.runDate}`).sort()).toEqual([
      "reminders:1:2026-08-03",
      "reminders:2:2026-08-03",
    ]);
    expect(await catchUpDailyJobs(deps)).toEqual([]);
  });
});

/** Every invoice the catch-up issues is issued and due on the run's date: never overdue when issued. */
function expectIssued(contractId: number, kind: string, start: string) {
  return {
    contract_id: contractId,
    period_kind: kind,
    period_start: start,
    issue_date: "2026-04-07",
    due_date: "2026-04-07",
    status: "paid",
  };
}

describe("a whole contract on random run days", () => {
  it("ends with exactly the schedule's invoices when runs fall on random days, some skipped, some twice", async () => {
    const planVersionId = await firstPlanVersion(t, 2);
    const { firstContractId: id } = await seedActiveContracts(t.database.db, {
      partnerId: 2,
      planVersionId,
      count: 1,
      activatedOn: "2026-01-17",
      billingDay: 25,
    });
    const owner = await t.login("owner@barun.kr");
    const schedule = await owner.get(`/api/contracts/${id}/schedule`).expect(200);
    // A fixed seed: the same "random" days every time, so a failure can be replayed.
    let seed = 20261205;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let date = "2026-01-17";
    const runDates: string[] = [];
    while (date <= "2029-03-01") {
      runDates.push(date);
      if (random() < 0.2) runDates.push(date); // run twice that day
      date = addDay(date, 1 + Math.floor(random() * 12)); // skip up to 11 days
    }
    for (const d of runDates) {
      t.clock.set(d);
      await bill(d, 2);
    }
    const issued = await invoicesOf(id);
    const expected = schedule.body.periods as { kind: string; start: string; amount: number }[];
    expect(issued.map((i) => [i.period_kind, i.period_start, i.total])).toEqual(
      expected.map((p) => [p.kind, p.start, p.amount]),
    );
    // Each issued on a day a run happened, on or after its period started, and due that day.
    for (const i of issued) {
      expect(runDates).toContain(i.issue_date);
      expect(i.issue_date >= i.period_start).toBe(true);
      expect(i.due_date).toBe(i.issue_date);
    }
  }, 180_000);
});

describe("races", () => {
  it.runIf(TEST_DATABASE_URL)(
    "a billing run and the installation of the same day: the first invoice issued and charged once",
    async () => {
      t.clock.set("2026-09-05");
      const funnels = [await readyToInstall(), await readyToInstall(), await readyToInstall()];
      t.clock.set("2026-09-05T10:00:00+09:00");
      await Promise.all([...funnels.map((f) => install(f, "2026-09-05")), bill("2026-09-05", 1)]);
      await bill("2026-09-05", 1);
      for (const f of funnels) {
        const invoices = await invoicesOf(f.contract.id);
        expect(invoices).toMatchObject([{ period_start: "2026-09-05", status: "paid" }]);
        const [payments] = rowsOf<{ n: number }>(
          await t.database.db.execute(sql`
            select count(*)::int as n from payments p join invoices i on i.id = p.invoice_id
            where i.contract_id = ${f.contract.id}`),
        );
        expect(payments!.n).toBe(1);
      }
    },
  );

  it.runIf(TEST_DATABASE_URL)(
    "a credit note and a collection of the same invoice at the same moment: the ledger adds up either way",
    async () => {
      const planVersionId = await firstPlanVersion(t, 1);
      for (let round = 0; round < 4; round++) {
        const date = `2026-10-${String(11 + round).padStart(2, "0")}`;
        t.clock.set(date);
        const finance = await t.login("finance@demo.kr");
        const { firstContractId: id } = await seedActiveContracts(t.database.db, {
          partnerId: 1,
          planVersionId,
          count: 1,
          activatedOn: date,
          billingDay: 5,
          paymentMethod: false,
        });
        await bill(date, 1);
        // The card arrives after the first attempt failed: the invoice is open and collectable.
        await t.database.db.execute(sql`
          insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display)
          select partner_id, customer_id, id, 'sandbox', 'sbx_late_' || id, '카드 **** 4242' from contracts where id = ${id}`);
        const [invoice] = await invoicesOf(id);
        const [{ id: invoiceId }] = rowsOf<{ id: number }>(
          await t.database.db.execute(sql`select id from invoices where contract_id = ${id}`),
        ) as [{ id: number }];
        const [collect, credit] = await Promise.all([
          finance.post(`/api/invoices/${invoiceId}/collect`),
          finance
            .post(`/api/invoices/${invoiceId}/credit-note`)
            .send({ amount: invoice!.total, reason: "오청구" }),
        ]);
        expect({ collect: collect.status, body: collect.status >= 400 ? collect.body : null }).toMatchObject({
          collect: expect.toBeOneOf([200, 409]),
        });
        expect(credit.status).toBe(201);
        const [ledger] = rowsOf<{
          status: string;
          credited: number;
          paid: number;
          refunded: number;
          charges: number;
        }>(
          await t.database.db.execute(sql`
            select i.status,
              (select coalesce(sum(amount), 0)::int from credit_notes where invoice_id = i.id) as credited,
              (select coalesce(sum(amount), 0)::int from payments where invoice_id = i.id and status = 'succeeded') as paid,
              (select coalesce(sum(r.amount), 0)::int from refunds r join payments p on p.id = r.payment_id
                 where p.invoice_id = i.id and r.status = 'succeeded') as refunded,
              (select count(*)::int from payments where invoice_id = i.id and attempt > 1) as charges
            from invoices i where i.id = ${invoiceId}`),
        );
        // Credited in full: whatever was collected went back, and nothing is owed or over-refunded.
        expect(ledger!.credited).toBe(invoice!.total);
        expect(ledger!.paid - ledger!.refunded).toBe(0);
        expect(ledger!.charges).toBeLessThanOrEqual(1);
        expect(ledger!.status).toBe(collect.status === 200 && ledger!.paid > 0 ? "paid" : "void");
      }
    },
  );
});
