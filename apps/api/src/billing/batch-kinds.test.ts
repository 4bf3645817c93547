import { type PlanTerms, periodInvoice, periodsDue } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { runBilling } from "./billing-run.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

// A batch sends what its invoices share once, as kinds, and each invoice as a kind number
// (invoices.repository.ts). One batch here mixes plans, activation dates (a stub with the
// registration fee, full periods) and caught-up periods: every invoice must get its own period's
// lines and amounts, exactly as the domain composes them.

let t: TestApp;
const RUN_DATE = "2026-11-20";
beforeAll(async () => {
  t = await startTestApp({ today: RUN_DATE });
});
afterAll(() => t.close());

interface Written {
  contract_id: number;
  terms: PlanTerms;
  activated_on: string;
  billing_day: number;
  period_kind: string;
  period_start: string;
  period_end: string;
  supply: number;
  vat: number;
  total: number;
  rent_amount: number;
  registration_fee_amount: number;
  status: string;
  lines: { kind: string; description: string; supply: number; vat: number; amount: number }[];
}

describe("a batch of many kinds", () => {
  it("writes each invoice with its own period's lines and amounts", async () => {
    const versions = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select current_version_id as id from plans where partner_id = 1 order by id limit 2`,
      ),
    ).map((v) => v.id);
    expect(versions).toHaveLength(2);
    const seeded = [
      { planVersionId: versions[0]!, activatedOn: "2026-09-05", billingDay: 5 }, // full periods, caught up
      { planVersionId: versions[1]!, activatedOn: "2026-09-05", billingDay: 5 },
      { planVersionId: versions[0]!, activatedOn: "2026-10-17", billingDay: 5 }, // a stub, then a full period
      { planVersionId: versions[1]!, activatedOn: "2026-11-20", billingDay: 20 }, // today's first period
    ];
    for (const s of seeded) await seedActiveContracts(t.database.db, { partnerId: 1, count: 3, ...s });

    const run = await runBilling({
      database: t.database,
      gateway: new SandboxGateway(),
      date: RUN_DATE,
      now: () => t.clock.now(),
      trigger: "cli",
      partnerId: 1,
      batchSize: 500,
    });
    expect(run.contractsFailed).toBe(0);

    const written = rowsOf<Written>(
      await t.database.db.execute(sql`
        select i.contract_id, c.terms, c.activated_on::text, c.billing_day, i.period_kind,
               i.period_start::text, i.period_end::text, i.supply, i.vat, i.total, i.rent_amount,
               i.registration_fee_amount, i.status,
               (select json_agg(json_build_object('kind', l.kind, 'description', l.description, 'supply', l.supply,
                                                  'vat', l.vat, 'amount', l.amount) order by l.position)
                from invoice_lines l where l.invoice_id = i.id) as lines
        from invoices i join contracts c on c.id = i.contract_id
        where i.billing_run_id = ${run.id}
        order by i.contract_id, i.period_start`),
    );
    // 6 contracts × 3 periods (September, October, November), 3 × 2 (stub, November), 3 × 1.
    expect(written).toHaveLength(6 * 3 + 3 * 2 + 3);
    expect(run.issued).toBe(written.length);

    const byContract = new Map<number, Written[]>();
    for (const w of written) byContract.set(w.contract_id, [...(byContract.get(w.contract_id) ?? []), w]);
    for (const [, invoices] of byContract) {
      const first = invoices[0]!;
      const due = periodsDue({
        terms: first.terms,
        activatedOn: first.activated_on,
        billingDay: first.billing_day,
        from: first.activated_on,
        through: RUN_DATE,
      });
      expect(invoices.map((i) => [i.period_kind, i.period_start, i.period_end])).toEqual(
        due.periods.map((p) => [p.kind, p.start, p.end]),
      );
      due.periods.forEach((period, n) => {
        const expected = periodInvoice({ lines: period.lines });
        const got = invoices[n]!;
        expect(got.lines).toEqual(
          expected.lines.map((l) => ({
            kind: l.kind,
            description: l.description,
            supply: l.supply,
            vat: l.vat,
            amount: l.amount,
          })),
        );
        expect([got.supply, got.vat, got.total]).toEqual([expected.supply, expected.vat, expected.total]);
        expect(got.rent_amount + got.registration_fee_amount).toBe(expected.total);
        expect(got.status).toBe("paid");
      });
    }
    // The batch really was of many kinds: two plans' fees, stubs with the registration fee.
    const kinds = new Set(written.map((w) => `${w.period_kind}|${w.total}`));
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });
});

describe("a batch that meets an invoice already there", () => {
  it("bills every other contract, skips the invoice that exists and moves its cursor on", async () => {
    const [version] = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select current_version_id as id from plans where partner_id = 2 order by id limit 1`,
      ),
    );
    const seed = (count: number) =>
      seedActiveContracts(t.database.db, {
        partnerId: 2,
        planVersionId: version!.id,
        count,
        activatedOn: "2026-11-20",
        billingDay: 20,
      });
    const bill = () =>
      runBilling({
        database: t.database,
        gateway: new SandboxGateway(),
        date: RUN_DATE,
        now: () => t.clock.now(),
        trigger: "cli",
        partnerId: 2,
        batchSize: 500,
      });
    await seed(3);
    expect((await bill()).issued).toBe(3);

    // A cursor left behind its invoices (as a bug or a hand edit could leave it), and new
    // contracts due in the same batch: the batch's plain insert meets the existing invoice.
    const [behind] = rowsOf<{ contract_id: number }>(
      await t.database.db.execute(sql`
        update billing_cursors set next_period_on = ${RUN_DATE}
        where contract_id = (select min(contract_id) from billing_cursors where partner_id = 2)
        returning contract_id`),
    );
    await seed(4);
    const again = await bill();
    expect(again.contractsFailed).toBe(0);
    expect(again.issued).toBe(4);
    expect(again.skipped).toBe(1);

    const [counts] = rowsOf<{ invoices: number; duplicates: number; payments: number; cursor: string }>(
      await t.database.db.execute(sql`
        select (select count(*)::int from invoices where partner_id = 2) as invoices,
               (select count(*)::int from (select 1 from invoices where partner_id = 2
                 group by contract_id, period_start having count(*) > 1) d) as duplicates,
               (select count(*)::int from payments where partner_id = 2) as payments,
               (select next_period_on::text from billing_cursors where contract_id = ${behind!.contract_id}) as cursor`),
    );
    expect(counts).toEqual({ invoices: 7, duplicates: 0, payments: 7, cursor: "2026-12-20" });
  });
});
