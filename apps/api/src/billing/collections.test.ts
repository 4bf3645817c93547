import { billingSchedule, type PlanTerms } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDay, liveDays } from "../../test/support/billing-days.js";
import { countOf, startTestApp, TEST_DATABASE_URL, type TestApp } from "../../test/test-app.js";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

let t: TestApp;
let planVersionId: number;
let terms: PlanTerms;
/** The sandbox, remembering every charge it was asked for (the jobs and the app share it). */
class RecordingGateway extends SandboxGateway {
  readonly charges: Parameters<PaymentGateway["charge"]>[0][] = [];
  override charge(input: Parameters<PaymentGateway["charge"]>[0]) {
    this.charges.push(input);
    return super.charge(input);
  }
}
const gateway = new RecordingGateway();
const chargesOf = (invoiceNumber: string) =>
  gateway.charges.filter((c) => c.orderName === invoiceNumber).map((c) => c.amount);
beforeAll(async () => {
  t = await startTestApp({ today: "2026-03-17", adapters: { paymentGateway: gateway } });
  const manager = await t.login("manager@demo.kr");
  const plan = await manager
    .post("/api/plans")
    .send({
      productId: 1,
      name: "시뮬레이션 36개월",
      kind: "rental",
      monthlyFee: 29_900,
      termMonths: 36,
      mandatoryMonths: 36,
      registrationFee: 100_000,
      discountAmount: 5_000,
      discountMonths: 6,
      removalFee: 30_000,
    })
    .expect(201);
  planVersionId = plan.body.versionId;
  const {
    id: _i,
    partnerId: _p,
    productId: _pr,
    name: _n,
    active: _a,
    version: _v,
    versionId: _vi,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = plan.body;
  terms = rest as PlanTerms;
});
afterAll(() => t.close());

const day = addDay;

async function newContract(input: { activatedOn: string; billingDay: number; token?: string }) {
  const { firstContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId,
    count: 1,
    ...input,
    paymentMethod: !input.token,
  });
  if (input.token) {
    await t.database.db.execute(sql`insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display)
      select partner_id, customer_id, id, 'sandbox', ${input.token}, '카드 **** 0341' from contracts where id = ${firstContractId}`);
  }
  return firstContractId;
}

const simulate = (from: string, to: string) => liveDays(t, gateway, from, to);

const invoicesOf = async (contractId: number) =>
  rowsOf<{
    id: number;
    number: string;
    period_kind: string;
    period_start: string;
    total: number;
    status: string;
  }>(
    await t.database.db.execute(
      sql`select id, number, period_kind, period_start::text, total, status from invoices where contract_id = ${contractId} order by period_start, id`,
    ),
  );
const statusOf = async (contractId: number) =>
  rowsOf<{ status: string }>(
    await t.database.db.execute(sql`select status from contracts where id = ${contractId}`),
  )[0]!.status;

describe("a whole contract, day by day", () => {
  it("bills a 36-month contract activated mid-month, with promotion and registration fee, exactly as scheduled", async () => {
    const contractId = await newContract({ activatedOn: "2026-03-17", billingDay: 5 });
    const schedule = billingSchedule({ terms, activatedOn: "2026-03-17", billingDay: 5 });
    await simulate("2026-03-17", day(schedule.endsOn!, 3));
    const invoices = await invoicesOf(contractId);
    expect(invoices).toHaveLength(37);
    expect(invoices.map((i) => ({ start: i.period_start, total: i.total, status: i.status }))).toEqual(
      schedule.periods.map((p) => ({ start: p.start, total: p.amount, status: "paid" })),
    );
    expect(invoices[0]!.total).toBe(Math.floor((29_900 * 19) / 31) + 100_000);
    expect(invoices.slice(1, 7).every((i) => i.total === 24_900)).toBe(true);
    const [paid] = rowsOf<{ n: number; sum: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n, sum(p.amount)::int as sum from payments p join invoices i on i.id = p.invoice_id where i.contract_id = ${contractId} and p.status = 'succeeded'`,
      ),
    );
    expect(paid).toEqual({ n: 37, sum: schedule.periods.reduce((s, p) => s + p.amount, 0) });
    // The term is over: completed from the day after the last full period, with nothing more
    // issued (the 37 invoices above are the stub and the 36 full periods).
    const [ended] = rowsOf<{ status: string; ended_on: string; ends_on: string }>(
      await t.database.db.execute(
        sql`select status, ended_on::text, ends_on::text from contracts where id = ${contractId}`,
      ),
    );
    expect(ended).toEqual({ status: "completed", ended_on: schedule.endsOn, ends_on: schedule.endsOn });
    expect(await countOf(t.database, `invoices where contract_id = ${contractId}`)).toBe(37);
  }, 240_000);

  it("walks a contract that stops paying into suspension, formal demand and termination for default", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_sim",
    });
    await simulate("2026-03-05", "2026-04-03");
    expect(await statusOf(contractId)).toBe("active");
    const attempts = rowsOf<{ attempt: number; attempted: string }>(
      await t.database.db.execute(
        sql`select p.attempt, (p.attempted_at at time zone 'Asia/Seoul')::date::text as attempted from payments p join invoices i on i.id = p.invoice_id where i.contract_id = ${contractId} and i.period_start = '2026-03-05' order by p.attempt`,
      ),
    );
    expect(attempts).toEqual([
      { attempt: 1, attempted: "2026-03-05" },
      { attempt: 2, attempted: "2026-03-06" },
      { attempt: 3, attempted: "2026-03-08" },
      { attempt: 4, attempted: "2026-03-12" },
    ]);
    await simulate("2026-04-04", "2026-04-04");
    expect(await statusOf(contractId)).toBe("suspended");
    await simulate("2026-04-05", "2026-05-06");
    const [demand] = rowsOf<{ issued_on: string; deadline: string }>(
      await t.database.db.execute(
        sql`select issued_on::text, deadline::text from contract_demands where contract_id = ${contractId}`,
      ),
    );
    expect(demand).toEqual({ issued_on: "2026-05-06", deadline: "2026-05-20" });
    await simulate("2026-05-07", "2026-05-19");
    expect(await statusOf(contractId)).toBe("suspended");
    await simulate("2026-05-20", "2026-05-20");
    expect(await statusOf(contractId)).toBe("terminated");
    const exit = (await invoicesOf(contractId)).filter((i) => i.period_kind === "exit");
    expect(exit).toHaveLength(1);
    const lines = rowsOf<{ kind: string; amount: number }>(
      await t.database.db.execute(
        sql`select kind, amount from invoice_lines where invoice_id = ${exit[0]!.id} order by position`,
      ),
    );
    expect(lines).toEqual([
      { kind: "penalty", amount: Math.floor((33 * 29_900 * 10) / 100) },
      { kind: "removal_fee", amount: 30_000 },
      { kind: "promotion_clawback", amount: 15_000 },
    ]);
    expect(
      await countOf(t.database, `tasks where contract_id = ${contractId} and kind = 'asset_recovery'`),
    ).toBe(0); // bulk contracts hold no asset
    const mails = rowsOf<{ template: string }>(
      await t.database.db.execute(
        sql`select template from notifications where entity_id = ${contractId} and entity = 'contracts' order by id`,
      ),
    );
    expect(mails.map((m) => m.template)).toEqual([
      "contract_suspended",
      "formal_demand",
      "contract_terminated",
    ]);
    // Its auto-pay is retired, to be stopped at the gateway after commit.
    expect(
      await countOf(
        t.database,
        `payment_methods where contract_id = ${contractId} and status = 'deactivating'`,
      ),
    ).toBe(1);
    // The jobs' transitions are audited too, with no staff member behind them.
    const audited = rowsOf<{ action: string; user_id: number | null }>(
      await t.database.db.execute(
        sql`select action, user_id from audit_logs where entity = 'contracts' and entity_id = ${String(contractId)} order by id`,
      ),
    );
    expect(audited).toEqual([
      { action: "status:suspended", user_id: null },
      { action: "status:terminated", user_id: null },
    ]);
  }, 120_000);

  it("closes the formal demand when the arrears are paid, so a later lateness does not terminate at once", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_demand_paid",
    });
    await simulate("2026-03-05", "2026-05-06");
    const demandOf = async () =>
      rowsOf<{ status: string; deadline: string }>(
        await t.database.db.execute(
          sql`select status, deadline::text from contract_demands where contract_id = ${contractId}`,
        ),
      );
    expect(await demandOf()).toEqual([{ status: "open", deadline: "2026-05-20" }]);
    const finance = await t.login("finance@demo.kr");
    for (const invoice of (await invoicesOf(contractId)).filter((i) => i.status === "open")) {
      await finance
        .post(`/api/invoices/${invoice.id}/payments`)
        .send({ amount: invoice.total, paidOn: "2026-05-06", reference: "최고 후 입금" })
        .expect(201);
    }
    expect(await statusOf(contractId)).toBe("active");
    expect(await demandOf()).toEqual([{ status: "closed", deadline: "2026-05-20" }]);
    // The card still declines: the June invoice is a day late on 06-06, long after the old
    // demand's deadline. That is the start of new arrears, not a default.
    await simulate("2026-05-07", "2026-06-06");
    expect(await statusOf(contractId)).toBe("active");
    expect((await invoicesOf(contractId)).filter((i) => i.period_kind === "exit")).toEqual([]);
  }, 120_000);

  it("retries a failed collection for the balance left after a bank transfer and a credit note", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_balance",
    });
    await simulate("2026-03-05", "2026-03-05");
    const [invoice] = await invoicesOf(contractId);
    expect(invoice!.total).toBe(124_900); // first full period (29,900 − 5,000) + registration fee
    const finance = await t.login("finance@demo.kr");
    await finance
      .post(`/api/invoices/${invoice!.id}/credit-note`)
      .send({ amount: 4_900, reason: "설치 지연 보상" })
      .expect(201);
    await finance
      .post(`/api/invoices/${invoice!.id}/payments`)
      .send({ amount: 20_000, paidOn: "2026-03-05", reference: "일부 입금" })
      .expect(201);
    // The customer registers a working card; the next retry uses it.
    await t.database.db.execute(sql`insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display)
      select partner_id, customer_id, id, 'sandbox', 'sbx_balance_ok', '카드 **** 4242' from contracts where id = ${contractId}`);
    const before = chargesOf(invoice!.number).length;
    await simulate("2026-03-06", "2026-03-12");
    expect(chargesOf(invoice!.number).slice(before)).toEqual([100_000]);
    const [ledger] = rowsOf<{ status: string; paid: number }>(
      await t.database.db.execute(sql`select i.status,
        (select sum(amount)::int from payments where invoice_id = i.id and status = 'succeeded') as paid
        from invoices i where i.id = ${invoice!.id}`),
    );
    expect(ledger).toEqual({ status: "paid", paid: 120_000 });
  }, 60_000);

  it("settles, instead of charging, an open invoice that owes nothing when collected by hand", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_nothing_owed",
    });
    await simulate("2026-03-05", "2026-03-05");
    const [invoice] = await invoicesOf(contractId);
    // A ledger where the credits already cover the invoice but it was never settled (written
    // directly, as a crash between the two would leave it).
    await t.database.db.execute(
      sql`insert into credit_notes (partner_id, invoice_id, amount, reason) values (1, ${invoice!.id}, ${invoice!.total}, '전액 조정')`,
    );
    const before = chargesOf(invoice!.number).length;
    const finance = await t.login("finance@demo.kr");
    const res = await finance.post(`/api/invoices/${invoice!.id}/collect`).expect(200);
    expect(res.body).toMatchObject({ charged: false, invoiceStatus: "void" });
    expect(chargesOf(invoice!.number).length).toBe(before);
    expect(await countOf(t.database, `payments where invoice_id = ${invoice!.id}`)).toBe(1); // attempt 1 only
  });

  it("re-activates a suspended contract once the arrears are paid by bank transfer", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_pay",
    });
    await simulate("2026-03-05", "2026-04-04");
    expect(await statusOf(contractId)).toBe("suspended");
    const finance = await t.login("finance@demo.kr");
    for (const invoice of (await invoicesOf(contractId)).filter((i) => i.status === "open")) {
      await finance
        .post(`/api/invoices/${invoice.id}/payments`)
        .send({ amount: invoice.total, paidOn: "2026-04-04", reference: "신한 110-123" })
        .expect(201);
    }
    expect(await statusOf(contractId)).toBe("active");
    expect(
      await countOf(
        t.database,
        `notifications where entity = 'contracts' and entity_id = ${contractId} and template = 'contract_reactivated'`,
      ),
    ).toBe(1);
  }, 60_000);
});

describe("termination, cooling-off and corrections", () => {
  it("quotes and terminates early, invoicing the quote", async () => {
    const contractId = await newContract({ activatedOn: "2026-03-05", billingDay: 5 });
    await simulate("2026-03-05", "2026-06-05");
    const finance = await t.login("finance@demo.kr");
    const manager = await t.login("manager@demo.kr");
    const quote = await finance
      .get(`/api/contracts/${contractId}/termination-quote`)
      .query({ date: "2026-06-05" })
      .expect(200);
    expect(quote.body).toMatchObject({
      date: "2026-06-05",
      usedFullPeriods: 4,
      remainingMandatoryPeriods: 32,
    });
    expect(quote.body.items.map((i: { kind: string }) => i.kind)).toEqual([
      "penalty",
      "removal_fee",
      "promotion_clawback",
    ]);
    await finance
      .post(`/api/contracts/${contractId}/terminate`)
      .send({ date: "2026-06-05", reason: "이사" })
      .expect(403);
    await manager
      .post(`/api/contracts/${contractId}/terminate`)
      .send({ date: "2026-06-5", reason: "이사" })
      .expect(400);
    const done = await manager
      .post(`/api/contracts/${contractId}/terminate`)
      .send({ date: "2026-06-05", reason: "이사" })
      .expect(200);
    expect(done.body.contract.status).toBe("terminated");
    expect(
      await countOf(
        t.database,
        `payment_methods where contract_id = ${contractId} and status = 'deactivating'`,
      ),
    ).toBe(1);
    const exit = await finance.get(`/api/invoices/${done.body.invoiceId}`).expect(200);
    expect(exit.body.total).toBe(quote.body.total);
    await manager
      .post(`/api/contracts/${contractId}/terminate`)
      .send({ date: "2026-06-06", reason: "두번" })
      .expect(409);
  }, 60_000);

  it("withdraws within cooling-off with every payment refunded, and refuses after it", async () => {
    const early = await newContract({ activatedOn: "2026-03-05", billingDay: 5 });
    await simulate("2026-03-05", "2026-03-06");
    const manager = await t.login("manager@demo.kr");
    const res = await manager
      .post(`/api/contracts/${early}/cancel`)
      .send({ date: "2026-03-19", reason: "단순 변심" })
      .expect(200);
    const [first] = await invoicesOf(early);
    expect(res.body).toMatchObject({ contract: { status: "cancelled" }, refunded: first!.total });
    expect(
      await countOf(t.database, `payment_methods where contract_id = ${early} and status = 'deactivating'`),
    ).toBe(1);
    expect((await invoicesOf(early))[0]!.status).toBe("void");
    const late = await newContract({ activatedOn: "2026-03-05", billingDay: 5 });
    const refused = await manager
      .post(`/api/contracts/${late}/cancel`)
      .send({ date: "2026-03-20", reason: "늦음" })
      .expect(422);
    expect(refused.body.message).toMatch(/cooling-off/);
  });

  it("issues credit notes and takes bank transfers only within what is owed", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_cn",
    });
    await simulate("2026-03-05", "2026-03-05");
    const [invoice] = await invoicesOf(contractId);
    const finance = await t.login("finance@demo.kr");
    const before = [await countOf(t.database, "credit_notes"), await countOf(t.database, "payments")];
    for (const amount of [-1, 0, 10.5, "100"]) {
      await finance
        .post(`/api/invoices/${invoice!.id}/credit-note`)
        .send({ amount, reason: "조정" })
        .expect(400);
      await finance
        .post(`/api/invoices/${invoice!.id}/payments`)
        .send({ amount, paidOn: "2026-03-06", reference: "x" })
        .expect(400);
    }
    const tooMuch = await finance
      .post(`/api/invoices/${invoice!.id}/credit-note`)
      .send({ amount: invoice!.total + 1, reason: "조정" })
      .expect(422);
    expect(tooMuch.body.errors).toHaveProperty("amount");
    await finance
      .post(`/api/invoices/${invoice!.id}/payments`)
      .send({ amount: invoice!.total + 1, paidOn: "2026-03-06", reference: "x" })
      .expect(422);
    expect([await countOf(t.database, "credit_notes"), await countOf(t.database, "payments")]).toEqual(
      before,
    );

    await finance
      .post(`/api/invoices/${invoice!.id}/credit-note`)
      .send({ amount: 10_000, reason: "방문 지연 보상" })
      .expect(201);
    const shown = await finance.get(`/api/invoices/${invoice!.id}`).expect(200);
    expect(shown.body.total).toBe(invoice!.total);
    // The credit note shows on the invoice, and what is still owed with it.
    expect(shown.body.adjustments).toEqual([
      expect.objectContaining({ kind: "credit_note", amount: 10_000, note: "방문 지연 보상" }),
    ]);
    expect(shown.body.balanceDue).toBe(invoice!.total - 10_000);
    await finance
      .post(`/api/invoices/${invoice!.id}/payments`)
      .send({ amount: invoice!.total - 10_000, paidOn: "2026-03-06", reference: "국민 1234" })
      .expect(201);
    const paid = await finance.get(`/api/invoices/${invoice!.id}`).expect(200);
    expect(paid.body).toMatchObject({ status: "paid", balanceDue: 0 });
    const kinds = (body: { adjustments: { kind: string; amount: number }[] }) =>
      body.adjustments.map((a) => `${a.kind} ${a.amount}`).sort();
    expect(kinds(paid.body)).toEqual([`bank_transfer ${invoice!.total - 10_000}`, "credit_note 10000"]);
    await finance.post(`/api/invoices/${invoice!.id}/collect`).expect(409);
    // A further credit note on the paid invoice goes back to the customer: a refund, on the invoice too.
    await finance
      .post(`/api/invoices/${invoice!.id}/credit-note`)
      .send({ amount: 5_000, reason: "추가 보상" })
      .expect(201);
    const refunded = await finance.get(`/api/invoices/${invoice!.id}`).expect(200);
    expect(kinds(refunded.body)).toEqual([
      `bank_transfer ${invoice!.total - 10_000}`,
      "credit_note 10000",
      "credit_note 5000",
      "refund -5000",
    ]);
    expect(refunded.body.balanceDue).toBe(0);
  });

  it("collects the balance on demand through the customer's new card and sends a receipt", async () => {
    const contractId = await newContract({
      activatedOn: "2026-03-05",
      billingDay: 5,
      token: "sbx_decline_then_ok",
    });
    await simulate("2026-03-05", "2026-03-05");
    const [invoice] = await invoicesOf(contractId);
    expect(invoice!.status).toBe("open");
    // The customer registered a working card since.
    await t.database.db.execute(
      sql`update payment_methods set token = 'sbx_card_ok' where contract_id = ${contractId}`,
    );
    const finance = await t.login("finance@demo.kr");
    const res = await finance.post(`/api/invoices/${invoice!.id}/collect`).expect(200);
    expect(res.body).toMatchObject({ attempt: 2, status: "succeeded", amount: invoice!.total });
    expect((await finance.get(`/api/invoices/${invoice!.id}`)).body.status).toBe("paid");
    expect(
      await countOf(
        t.database,
        `notifications where entity = 'invoices' and entity_id = ${invoice!.id} and template = 'payment_succeeded'`,
      ),
    ).toBe(1);
  });

  it.runIf(TEST_DATABASE_URL)(
    "never lets two concurrent credit notes, or two bank transfers, together exceed what is owed (PostgreSQL)",
    async () => {
      const finance = await t.login("finance@demo.kr");
      const openInvoice = async (token: string) => {
        const contractId = await newContract({ activatedOn: "2026-03-05", billingDay: 5, token });
        await simulate("2026-03-05", "2026-03-05");
        return (await invoicesOf(contractId))[0]!;
      };
      // Each request alone is within the balance (60% of it); both together are not.
      const notes = await openInvoice("sbx_decline_race_cn");
      const credit = Math.floor((notes.total * 6) / 10);
      const noteRes = await Promise.all(
        [1, 2].map(() =>
          finance.post(`/api/invoices/${notes.id}/credit-note`).send({ amount: credit, reason: "동시 조정" }),
        ),
      );
      expect(noteRes.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(await countOf(t.database, `credit_notes where invoice_id = ${notes.id}`)).toBe(1);

      const transfers = await openInvoice("sbx_decline_race_bt");
      const part = Math.floor((transfers.total * 6) / 10);
      const transferRes = await Promise.all(
        [1, 2].map(() =>
          finance
            .post(`/api/invoices/${transfers.id}/payments`)
            .send({ amount: part, paidOn: "2026-03-05", reference: "동시 입금" }),
        ),
      );
      expect(transferRes.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(
        await countOf(t.database, `payments where invoice_id = ${transfers.id} and method = 'bank_transfer'`),
      ).toBe(1);
    },
    60_000,
  );
});
