import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { seedDemoHistory } from "./demo-history.js";
import { seedDemoTickets } from "./demo-tickets.js";

let t: TestApp;
const TODAY = "2026-12-05";
beforeAll(async () => {
  t = await startTestApp({ today: TODAY, customersPerPartner: 5 });
  await seedDemoHistory(
    { database: t.database, clock: t.clock, adapters: { paymentGateway: new SandboxGateway() } },
    { partnerId: 1, today: TODAY },
  );
  await seedDemoTickets(t.database.db, { partnerId: 1, now: t.clock.now() });
}, 240_000);
afterAll(() => t.close());

const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

describe("the demo's year of history", () => {
  it("has contracts in every state the billing code leads to, and invoices in each of the last twelve months", async () => {
    const states = await rows<{ status: string }>(
      sql`select distinct status from contracts where partner_id = 1 order by 1`,
    );
    expect(states.map((s) => s.status)).toEqual(["active", "completed", "suspended", "terminated"]);
    const months = await rows<{ month: string }>(
      sql`select distinct to_char(issue_date, 'YYYY-MM') as month from invoices
          where partner_id = 1 and issue_date between date '2025-12-01' and date '2026-11-30' order by 1`,
    );
    expect(months).toHaveLength(12);
    const [terminated] = await rows<{ reason: string }>(
      sql`select end_reason as reason from contracts where partner_id = 1 and status = 'terminated' limit 1`,
    );
    expect(terminated?.reason).toBeTruthy();
    const numbers = await rows<{ n: number }>(
      sql`select count(*)::int as n from contracts where partner_id = 1 and number !~ '^SSP-[0-9]{4}-[0-9]{6}$'`,
    );
    expect(numbers[0]!.n).toBe(0);
  });

  it("adds up to the won: every paid invoice was paid once, in full, and late payers paid after their due date", async () => {
    const [money] = await rows<{
      paid: string;
      collected: string;
      twice: number;
      late: number;
      failed: number;
    }>(sql`
      select
        (select coalesce(sum(total), 0) from invoices where partner_id = 1 and status = 'paid') as paid,
        (select coalesce(sum(amount), 0) from payments where partner_id = 1 and status = 'succeeded') as collected,
        (select count(*)::int from (select invoice_id from payments where status = 'succeeded'
           group by invoice_id having count(*) > 1) x) as twice,
        (select count(*)::int from invoices where partner_id = 1 and status = 'paid'
           and (paid_at at time zone 'Asia/Seoul')::date > due_date) as late,
        (select count(*)::int from payments where partner_id = 1 and status = 'failed') as failed`);
    expect(Number(money!.collected)).toBe(Number(money!.paid));
    expect(money!.twice).toBe(0);
    expect(money!.late).toBeGreaterThan(0);
    expect(money!.failed).toBeGreaterThan(0);
  });

  it("has CS cases of every kind on real contracts, one past its SLA, with replies and notes", async () => {
    const tickets = await rows<{ type: string; status: string; breached: boolean; entries: number }>(sql`
      select t.type, t.status, t.sla_due_at < ${TODAY}::date + interval '9 hours' as breached,
             (select count(*)::int from ticket_comments c where c.ticket_id = t.id) as entries
      from tickets t where t.partner_id = 1 and t.contract_id is not null order by t.id`);
    expect(new Set(tickets.map((x) => x.type))).toEqual(
      new Set([
        "inquiry",
        "repair",
        "relocation",
        "billing_dispute",
        "cancellation_request",
        "name_transfer",
      ]),
    );
    expect(new Set(tickets.map((x) => x.status))).toEqual(
      new Set(["open", "in_progress", "waiting_customer", "resolved"]),
    );
    expect(tickets.some((x) => x.breached && x.status !== "resolved")).toBe(true);
    expect(tickets.every((x) => x.entries >= 1)).toBe(true);
    const [linked] = await rows<{ n: number }>(sql`select count(*)::int as n from ticket_invoices`);
    expect(linked!.n).toBe(1);
  });
});
