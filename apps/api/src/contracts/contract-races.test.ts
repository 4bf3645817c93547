import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";

// Two staff requests ending the same contract at the same moment (issue 10 §2): the contract row is
// locked by the first, the second decides on what the first wrote and is refused — one winner,
// one exit invoice at most, and never both a refund and a penalty.

let t: TestApp;
const TODAY = "2026-11-23";
const ACTIVATED = "2026-11-20";
beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

/** One active contract of partner 1 activated three days ago, its first invoice issued and paid. */
async function paidActiveContract(): Promise<number> {
  const planVersionId = await firstPlanVersion(t, 1);
  const { firstContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId,
    count: 1,
    activatedOn: ACTIVATED,
    billingDay: 5,
  });
  await runBilling({
    database: t.database,
    gateway: new SandboxGateway(),
    date: TODAY,
    now: () => t.clock.now(),
    trigger: "cli",
  });
  return firstContractId;
}

async function ledgerOf(contractId: number) {
  const [row] = rowsOf<{
    status: string;
    exits: number;
    refunds: number;
    voided: number;
    transitions: string[];
  }>(
    await t.database.db.execute(sql`
      select c.status,
        (select count(*)::int from invoices where contract_id = c.id and period_kind = 'exit') as exits,
        (select count(*)::int from refunds r join payments p on p.id = r.payment_id join invoices i on i.id = p.invoice_id
           where i.contract_id = c.id) as refunds,
        (select count(*)::int from invoices where contract_id = c.id and status = 'void') as voided,
        (select coalesce(array_agg(action order by id), '{}') from audit_logs
           where entity = 'contracts' and entity_id = c.id::text and action like 'status:%') as transitions
      from contracts c where c.id = ${contractId}`),
  );
  return row!;
}

describe("ending a contract twice at the same moment", () => {
  it("cancel ∥ terminate: exactly one answers 200, and the ledger is that one's alone", async () => {
    const manager = await t.login("manager@demo.kr");
    const owner = await t.login("owner@demo.kr");
    for (let round = 0; round < 5; round++) {
      const id = await paidActiveContract();
      const [cancel, terminate] = await Promise.all([
        manager.post(`/api/contracts/${id}/cancel`).send({ date: TODAY, reason: "단순 변심" }),
        owner.post(`/api/contracts/${id}/terminate`).send({ date: TODAY, reason: "해지 요청" }),
      ]);
      expect([cancel.status, terminate.status].sort()).toEqual([200, 409]);
      const ledger = await ledgerOf(id);
      if (cancel.status === 200) {
        expect(ledger).toMatchObject({ status: "cancelled", exits: 0, refunds: 1, voided: 1 });
        expect(ledger.transitions).toEqual(["status:cancelled"]);
      } else {
        expect(ledger).toMatchObject({ status: "terminated", exits: 1, refunds: 0, voided: 0 });
        expect(ledger.transitions).toEqual(["status:terminated"]);
      }
    }
  });

  it("terminate ∥ terminate on different dates: one exit invoice, one penalty", async () => {
    const owner = await t.login("owner@demo.kr");
    const manager = await t.login("manager@demo.kr");
    for (let round = 0; round < 3; round++) {
      const id = await paidActiveContract();
      const answers = await Promise.all([
        owner.post(`/api/contracts/${id}/terminate`).send({ date: TODAY, reason: "해지 요청" }),
        manager.post(`/api/contracts/${id}/terminate`).send({ date: "2026-11-22", reason: "해지 요청" }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe("illegal_transition");
      const ledger = await ledgerOf(id);
      expect(ledger).toMatchObject({ status: "terminated", exits: 1 });
      expect(ledger.transitions).toEqual(["status:terminated"]);
    }
  });
});
