import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";
import { runDailyJob } from "../jobs/daily-jobs.js";
import { runReminders } from "./reminders-run.js";

// Issue 13 §3: the reminders daily job tells customers of an auto-pay charge three days ahead and
// of a contract ending thirty days ahead, by their channels, once per contract and date.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2026-05-01" });
});
afterAll(() => t.close());

const gateway = new SandboxGateway();
const deps = () => ({ database: t.database, clock: t.clock, adapters: { paymentGateway: gateway } });

interface Message {
  template: string;
  entity_id: number;
  to: string;
  channel: string;
  subject: string;
  body: string;
  vars: Record<string, string>;
}
const messagesOf = async (template: string) =>
  rowsOf<Message>(
    await t.database.db.execute(sql`
      select template, entity_id, "to", channel, subject, body, vars from notifications
      where template = ${template} and entity = 'contracts' order by entity_id`),
  );

describe("reminders daily job", () => {
  it("queues the D-3 charge and D-30 ending reminders by the customer's channels, once per date", async () => {
    const planVersionId = await firstPlanVersion(t, 1);
    // Billed from 13 May on (its first period not invoiced yet): charged on 13 May.
    const charged = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 2,
      activatedOn: "2026-05-13",
      billingDay: 13,
    });
    // No auto-pay method: nothing is charged automatically, so nothing is announced.
    const manual = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 1,
      activatedOn: "2026-05-13",
      billingDay: 13,
      paymentMethod: false,
    });
    // Billed on the 1st and already invoiced for May: its next charge is in June.
    const later = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 1,
      activatedOn: "2026-05-01",
      billingDay: 1,
    });
    await runBilling({
      database: t.database,
      gateway,
      date: "2026-05-01",
      now: () => t.clock.now(),
      trigger: "cli",
      partnerId: 1,
    });
    // Ending on 9 June (30 days after 10 May): one active, one already terminated.
    const ending = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 2,
      activatedOn: "2024-06-10",
      billingDay: 10,
    });
    await t.database.db.execute(sql`
      update contracts set ends_on = '2026-06-09' where id between ${ending.firstContractId} and ${ending.lastContractId}`);
    await t.database.db.execute(sql`
      update contracts set status = 'terminated', ended_on = '2026-04-30' where id = ${ending.lastContractId}`);
    // A contract of the other partner due the same day is not this partner's run's business.
    const other = await seedActiveContracts(t.database.db, {
      partnerId: 2,
      planVersionId: await firstPlanVersion(t, 2),
      count: 1,
      activatedOn: "2026-05-13",
      billingDay: 13,
    });

    t.clock.set("2026-05-10T10:00:00+09:00");
    const [run] = await runDailyJob(deps(), {
      job: "reminders",
      date: "2026-05-10",
      trigger: "cli",
      partnerId: 1,
    });
    expect(run).toMatchObject({ job: "reminders", status: "completed" });

    const charges = await messagesOf("upcoming_charge");
    expect(charges.map((m) => m.entity_id)).toEqual([charged.firstContractId, charged.lastContractId]);
    expect(charges.map((m) => m.entity_id)).not.toContain(manual.firstContractId);
    expect(charges.map((m) => m.entity_id)).not.toContain(later.firstContractId);
    expect(charges.map((m) => m.entity_id)).not.toContain(other.firstContractId);
    const [first] = charges;
    expect(first!.vars).toMatchObject({ dueDate: "2026-05-13", method: "카드 **** 4242" });
    expect(first!.body).toContain("2026-05-13");
    expect(first!.body).toMatch(/[\d,]+원이 자동결제될 예정/);
    // By the customer's channels: a Korean mobile (alimtalk) or the e-mail address, never empty.
    expect(["alimtalk", "email"]).toContain(first!.channel);
    expect(first!.to).toBeTruthy();

    const endings = await messagesOf("contract_ending");
    expect(endings.map((m) => m.entity_id)).toEqual([ending.firstContractId]);
    expect(endings[0]!.vars.endDate).toBe("2026-06-09");
    expect(endings[0]!.body).toContain("2026-06-09에 만료됩니다");
    expect(run!.counts).toMatchObject({ upcomingCharge: 2, contractEnding: 1 });

    // The same date again (a second run, or a catch-up after a crash): nothing new is queued.
    const before = await countOf(t.database, "notifications");
    expect(
      await runReminders({ db: t.database.db, date: "2026-05-10", now: () => t.clock.now(), partnerId: 1 }),
    ).toEqual({ upcomingCharge: 0, contractEnding: 0, cardExpiring: 0 });
    await runDailyJob(deps(), { job: "reminders", date: "2026-05-10", trigger: "cli", partnerId: 1 });
    expect(await countOf(t.database, "notifications")).toBe(before);

    // The next day finds no charge three days ahead and no contract ending thirty days ahead.
    expect(
      await runReminders({ db: t.database.db, date: "2026-05-11", now: () => t.clock.now(), partnerId: 1 }),
    ).toEqual({ upcomingCharge: 0, contractEnding: 0, cardExpiring: 0 });
    // A month on, the contract billed on the 1st is told of its June charge.
    expect(
      await runReminders({ db: t.database.db, date: "2026-05-29", now: () => t.clock.now(), partnerId: 1 }),
    ).toEqual({ upcomingCharge: 1, contractEnding: 0, cardExpiring: 0 });
    expect((await messagesOf("upcoming_charge")).map((m) => m.entity_id)).toContain(later.firstContractId);

    // The amount announced is the amount charged: 13 May's run invoices exactly that.
    await runBilling({
      database: t.database,
      gateway,
      date: "2026-05-13",
      now: () => t.clock.now(),
      trigger: "cli",
      partnerId: 1,
    });
    const [invoice] = rowsOf<{ total: number }>(
      await t.database.db.execute(sql`
        select total from invoices where contract_id = ${charged.firstContractId} and period_start = '2026-05-13'`),
    );
    expect(first!.vars.amount).toBe(invoice!.total.toLocaleString("ko-KR"));
  });
});
