import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveDays } from "../../test/support/billing-days.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { pdfText, renderPages } from "../documents/test-support/poppler.js";
import { seedActiveContracts } from "./seed-active-contracts.js";

let t: TestApp;
let planVersionId: number;
const gateway = new SandboxGateway();

beforeAll(async () => {
  t = await startTestApp({ today: "2026-03-05", adapters: { paymentGateway: gateway } });
  const owner = await t.login("owner@demo.kr");
  const partner = await owner.get("/api/partners/1").expect(200);
  await owner
    .put("/api/partners/1")
    .send({
      name: partner.body.name,
      settings: { ...partner.body.settings, lateInterest: { enabled: true, annualRatePercent: 6 } },
    })
    .expect(200);
  const plan = await owner
    .post("/api/plans")
    .send({
      productId: 1,
      name: "연체이자 36개월",
      kind: "rental",
      monthlyFee: 29_900,
      termMonths: 36,
      mandatoryMonths: 36,
      registrationFee: 100_000,
    })
    .expect(201);
  planVersionId = plan.body.versionId;
});
afterAll(() => t.close());

/** A contract whose every auto-debit is declined, so its invoices go overdue. */
async function decliningContract(activatedOn: string): Promise<number> {
  const { firstContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId,
    count: 1,
    activatedOn,
    billingDay: 5,
    paymentMethod: false,
  });
  await t.database.db.execute(sql`insert into payment_methods (partner_id, customer_id, contract_id, gateway, token, display)
    select partner_id, customer_id, id, 'sandbox', 'sbx_decline_interest', '카드 **** 0341' from contracts where id = ${firstContractId}`);
  return firstContractId;
}

const simulate = (from: string, to: string) => liveDays(t, gateway, from, to);

const invoicesOf = async (contractId: number) =>
  rowsOf<{ id: number; number: string; period_kind: string; total: number; status: string }>(
    await t.database.db.execute(
      sql`select id, number, period_kind, total, status from invoices where contract_id = ${contractId} order by period_start, id`,
    ),
  );
const linesOf = async (invoiceId: number) =>
  rowsOf<{ kind: string; description: string; supply: number; vat: number; amount: number }>(
    await t.database.db.execute(
      sql`select kind, description, supply, vat, amount from invoice_lines where invoice_id = ${invoiceId} order by position`,
    ),
  );

describe("late-payment interest (SPEC §4), where the partner charges it", () => {
  it("charges the interest of an invoice paid late as its own line on the next invoice, without VAT", async () => {
    const contractId = await decliningContract("2026-03-05");
    await simulate("2026-03-05", "2026-03-20");
    const [first] = await invoicesOf(contractId);
    expect(first).toMatchObject({ total: 129_900, status: "open" }); // rent 29,900 + registration 100,000
    const finance = await t.login("finance@demo.kr");
    await finance
      .post(`/api/invoices/${first!.id}/payments`)
      .send({ amount: 129_900, paidOn: "2026-03-20", reference: "국민 123-45" })
      .expect(201);
    // 129,900 won for 15 days at 6% a year: floor(129,900 × 15 × 0.06 / 365) = 320
    const [recorded] = rowsOf<{ amount: number; from_date: string; to_date: string; charged: number | null }>(
      await t.database.db.execute(
        sql`select amount, from_date::text, to_date::text, charged_invoice_id as charged from late_interest_charges where invoice_id = ${first!.id}`,
      ),
    );
    expect(recorded).toEqual({ amount: 320, from_date: "2026-03-05", to_date: "2026-03-20", charged: null });

    await simulate("2026-03-21", "2026-04-05");
    const second = (await invoicesOf(contractId))[1]!;
    expect(await linesOf(second.id)).toEqual([
      { kind: "rent", description: expect.any(String), supply: 27_182, vat: 2_718, amount: 29_900 },
      {
        kind: "late_interest",
        description: `연체이자 ${first!.number} (2026-03-05 ~ 2026-03-20, 연 6%)`,
        supply: 320,
        vat: 0,
        amount: 320,
      },
    ]);
    expect(second.total).toBe(30_220);
    const shown = await (await t.login("finance@demo.kr")).get(`/api/invoices/${second.id}`).expect(200);
    expect(shown.body).toMatchObject({ total: 30_220, supply: 27_502, vat: 2_718 });
    expect(await countOf(t.database, `late_interest_charges where charged_invoice_id = ${second.id}`)).toBe(
      1,
    );
    // The contract's schedule shows the period as invoiced, interest line included.
    const schedule = await (await t.login("finance@demo.kr"))
      .get(`/api/contracts/${contractId}/schedule`)
      .expect(200);
    expect(schedule.body.periods[1]).toMatchObject({ invoiceId: second.id, amount: 30_220 });
    expect(schedule.body.periods[1].lines.map((l: { kind: string }) => l.kind)).toEqual([
      "rent",
      "late_interest",
    ]);
    // The next billing day carries nothing more: the interest was charged once.
    await simulate("2026-04-06", "2026-05-05");
    const third = (await invoicesOf(contractId))[2]!;
    expect((await linesOf(third.id)).map((l) => l.kind)).toEqual(["rent"]);
  }, 120_000);

  it("puts the interest owed at termination in the exit quote and charges it only once", async () => {
    const contractId = await decliningContract("2026-06-05");
    await simulate("2026-06-05", "2026-07-06");
    const finance = await t.login("finance@demo.kr");
    const manager = await t.login("manager@demo.kr");
    const [first, second] = await invoicesOf(contractId);
    // 129,900 won for 31 days + 29,900 won for 1 day, at 6% a year, each rounded down once.
    const expected =
      Math.floor((129_900 * 31 * 600) / 3_650_000) + Math.floor((29_900 * 1 * 600) / 3_650_000);
    const quote = await finance
      .get(`/api/contracts/${contractId}/termination-quote`)
      .query({ date: "2026-07-06" })
      .expect(200);
    expect(quote.body.items).toContainEqual({
      kind: "late_interest",
      text: { key: "line.late_interest" },
      description: "연체 이자",
      amount: expected,
    });
    // The same quote as the one-page document handed to the customer: drawn, and every item on it.
    const pdf = await finance
      .get(`/api/contracts/${contractId}/termination-quote.pdf`)
      .query({ date: "2026-07-06" })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect("Content-Type", /application\/pdf/);
    const pages = renderPages(pdf.body as Buffer, 50);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.data.some((v, i) => i % 4 !== 3 && v < 128)).toBe(true); // ink, not a blank page
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, " ");
    expect(text).toContain("중도해지 정산 견적서");
    expect(text).toContain("연체 이자");
    expect(text).toContain(quote.body.total.toLocaleString("ko-KR"));
    const done = await manager
      .post(`/api/contracts/${contractId}/terminate`)
      .send({ date: "2026-07-06", reason: "연체 해지" })
      .expect(200);
    const exitLines = await linesOf(done.body.invoiceId);
    expect(exitLines.find((l) => l.kind === "late_interest")).toMatchObject({ amount: expected, vat: 0 });
    expect(exitLines.find((l) => l.kind === "penalty")).toMatchObject({ vat: 0 });
    expect(
      await countOf(t.database, `late_interest_charges where charged_invoice_id = ${done.body.invoiceId}`),
    ).toBe(2);

    // Paying the old invoices later earns no second interest record.
    t.clock.set("2026-07-20");
    const later = await t.login("finance@demo.kr");
    for (const invoice of [first!, second!]) {
      await later
        .post(`/api/invoices/${invoice.id}/payments`)
        .send({ amount: invoice.total, paidOn: "2026-07-20", reference: "회수" })
        .expect(201);
    }
    expect(await countOf(t.database, `late_interest_charges where contract_id = ${contractId}`)).toBe(2);
  }, 120_000);

  it("records nothing for an invoice paid on its due date", async () => {
    const { firstContractId } = await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId,
      count: 1,
      activatedOn: "2026-08-05",
      billingDay: 5,
      paymentMethod: true,
    });
    await simulate("2026-08-05", "2026-08-06");
    expect((await invoicesOf(firstContractId))[0]!.status).toBe("paid");
    expect(await countOf(t.database, `late_interest_charges where contract_id = ${firstContractId}`)).toBe(0);
  }, 60_000);
});
