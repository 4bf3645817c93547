import { sql } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentContract, signAndPay } from "../../test/support/funnel.js";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";
import { smtpMailer } from "../notifications/mailer.js";
import { issueCustomerPageLink } from "./page-links.js";

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
const TODAY = "2026-11-23";
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: TODAY,
    adapters: { mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }) },
  });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

const pub = () => request(t.app);

/** An active contract whose card declines every charge, billed today: one open invoice. */
async function unpaidActiveContract() {
  t.clock.set(TODAY);
  const planVersionId = await firstPlanVersion(t, 1);
  const { firstContractId: contractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId,
    count: 1,
    activatedOn: "2026-11-20",
    billingDay: 5,
  });
  await t.database.db.execute(
    sql`update payment_methods set token = 'sbx_decline_' || id where contract_id = ${contractId}`,
  );
  await runBilling({
    database: t.database,
    gateway: new SandboxGateway(),
    date: TODAY,
    now: () => t.clock.now(),
    trigger: "cli",
  });
  const [row] = rowsOf<{ customer_id: number; birth_date: string; partner_id: number }>(
    await t.database.db.execute(
      sql`select customer_id, party->>'birthDate' as birth_date, partner_id from contracts where id = ${contractId}`,
    ),
  );
  const token = await issueCustomerPageLink(t.database.db, { id: contractId, partnerId: row!.partner_id });
  return { contractId, customerId: row!.customer_id, birthDate: row!.birth_date, token };
}

async function verified(token: string, birthDate: string): Promise<string> {
  const res = await pub().post(`/api/public/my/${token}/verify`).send({ birthDate }).expect(200);
  return res.body.proof;
}

describe("the customer's page: reached from the signed-contract mail, guarded like signing", () => {
  it("sends the page link after signing; the birth date opens it, and the sealed PDF downloads", async () => {
    const { token: signToken, email, contract } = await sentContract(t, inbox);
    await signAndPay(t, signToken);
    const mail = await inbox.waitFor(email, /서명이 완료/);
    const token = /\/my\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1]!;
    const first = await pub().get(`/api/public/my/${token}`).expect(200);
    expect(first.body).toMatchObject({
      contractNumber: contract.number,
      closed: false,
      remainingAttempts: 5,
      partner: { name: "데모렌탈" },
    });
    // Nothing else without the proof.
    const bare = await pub().get(`/api/public/my/${token}/overview`);
    expect([bare.status, bare.body.code]).toEqual([401, "verification_required"]);
    const wrong = await pub().post(`/api/public/my/${token}/verify`).send({ birthDate: "1999-09-09" });
    expect([wrong.status, wrong.body.remainingAttempts]).toEqual([401, 4]);
    const proof = await verified(token, "1900-01-03");
    const page = await pub()
      .get(`/api/public/my/${token}/overview`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    expect(page.body.contract).toMatchObject({ number: contract.number, status: "signed", sealedPdf: true });
    expect(page.body.partner).toMatchObject({ name: "데모렌탈" });
    expect(page.body.paymentMethod.display).toMatch(/\*\*\*\*/);
    const pdf = await pub().get(`/api/public/my/${token}/pdf`).set("X-Customer-Proof", proof).expect(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    // A wrong proof, and an unknown token.
    expect(
      (await pub().get(`/api/public/my/${token}/overview`).set("X-Customer-Proof", "x".repeat(43))).status,
    ).toBe(401);
    expect((await pub().get(`/api/public/my/${"A".repeat(43)}`)).status).toBe(404);
    // The proof lasts 30 minutes.
    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000));
    expect((await pub().get(`/api/public/my/${token}/overview`).set("X-Customer-Proof", proof)).status).toBe(
      401,
    );
    t.clock.set(TODAY);
  });

  it("locks the link after five wrong birth dates, even for the right one after", async () => {
    const { token, birthDate } = await unpaidActiveContract();
    for (let i = 0; i < 4; i++)
      expect(
        (await pub().post(`/api/public/my/${token}/verify`).send({ birthDate: "1999-09-09" })).status,
      ).toBe(401);
    const fifth = await pub().post(`/api/public/my/${token}/verify`).send({ birthDate: "1999-09-09" });
    expect([fifth.status, fifth.body.code]).toEqual([423, "link_locked"]);
    expect((await pub().post(`/api/public/my/${token}/verify`).send({ birthDate })).status).toBe(423);
  });
});

describe("the customer's page: invoices, paying now, the card, requests", () => {
  it("shows every invoice and the next charge; an overdue one is paid now after replacing the card", async () => {
    const { token, birthDate, contractId } = await unpaidActiveContract();
    t.clock.set("2026-12-02");
    const proof = await verified(token, birthDate);
    const page = await pub()
      .get(`/api/public/my/${token}/overview`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    const open = page.body.invoices.filter((i: { status: string }) => i.status === "open");
    expect(open.length).toBeGreaterThan(0);
    const overdue = open.find((i: { overdueDays: number }) => i.overdueDays > 0);
    expect(overdue).toBeTruthy();
    expect(page.body.nextCharge).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(page.body.nextCharge.amount).toBeGreaterThan(0);

    // The card on file declines.
    const declined = await pub()
      .post(`/api/public/my/${token}/invoices/${overdue.id}/pay`)
      .set("X-Customer-Proof", proof);
    expect([declined.status, declined.body.code]).toEqual([422, "payment_failed"]);
    // A new card replaces it (the old one retired), then paying works.
    const card = await pub()
      .post(`/api/public/my/${token}/payment-method`)
      .set("X-Customer-Proof", proof)
      .send({ cardNumber: "4242 4242 4242 4242", expiry: "12/29" })
      .expect(200);
    expect(card.body.display).toBe("카드 **** 4242");
    const methods = rowsOf<{ status: string }>(
      await t.database.db.execute(
        sql`select status from payment_methods where contract_id = ${contractId} order by id`,
      ),
    ).map((m) => m.status);
    expect(methods.at(-1)).toBe("active");
    expect(methods.filter((s) => s === "active")).toHaveLength(1);
    await pub()
      .post(`/api/public/my/${token}/invoices/${overdue.id}/pay`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    const again = await pub()
      .post(`/api/public/my/${token}/invoices/${overdue.id}/pay`)
      .set("X-Customer-Proof", proof);
    expect([again.status, again.body.code]).toEqual([409, "invoice_settled"]);
    const after = await pub()
      .get(`/api/public/my/${token}/overview`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    const paid = after.body.invoices.find((i: { id: number }) => i.id === overdue.id);
    expect(paid.status).toBe("paid");
    expect(paid.receipts).toHaveLength(1);
    expect(paid.receipts[0].amount).toBe(overdue.total);
    // Another contract's invoice is not this page's.
    const other = await unpaidActiveContract();
    const [foreign] = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select id from invoices where contract_id = ${other.contractId} limit 1`,
      ),
    );
    t.clock.set("2026-12-02");
    expect(
      (await pub().post(`/api/public/my/${token}/invoices/${foreign!.id}/pay`).set("X-Customer-Proof", proof))
        .status,
    ).toBe(404);
    t.clock.set(TODAY);
  });

  it("opens a relocation request that lands in the staff's queue as a customer ticket", async () => {
    const { token, birthDate, contractId, customerId } = await unpaidActiveContract();
    const proof = await verified(token, birthDate);
    const missing = await pub()
      .post(`/api/public/my/${token}/requests`)
      .set("X-Customer-Proof", proof)
      .send({ type: "relocation", body: "이사 갑니다" });
    expect([missing.status, Object.keys(missing.body.errors ?? {})]).toEqual([400, ["newAddress"]]);
    const badPostcode = await pub()
      .post(`/api/public/my/${token}/requests`)
      .set("X-Customer-Proof", proof)
      .send({
        type: "relocation",
        body: "이사 갑니다",
        newPostcode: "4806",
        newAddress: "부산 해운대구 센텀중앙로 79",
      });
    expect([badPostcode.status, badPostcode.body.errors]).toEqual([
      400,
      { newPostcode: "우편번호는 숫자 5자리입니다" },
    ]);
    const created = await pub()
      .post(`/api/public/my/${token}/requests`)
      .set("X-Customer-Proof", proof)
      .send({
        type: "relocation",
        body: "이사 갑니다",
        newPostcode: "48060",
        newAddress: "부산 해운대구 센텀중앙로 79",
        newAddressDetail: "1203호",
        preferredDate: "2026-12-10",
      })
      .expect(201);
    expect(created.body).toMatchObject({ type: "relocation", status: "open" });
    const cs = await t.login("cs@demo.kr");
    const queue = await cs
      .get("/api/tickets")
      .query({ filter: JSON.stringify({ customerId }) })
      .expect(200);
    expect(queue.body).toHaveLength(1);
    expect(queue.body[0]).toMatchObject({
      number: created.body.number,
      type: "relocation",
      source: "customer",
      contractId,
      subject: "이전설치 요청",
    });
    expect(queue.body[0].body).toContain("이전할 주소: (48060) 부산 해운대구 센텀중앙로 79, 1203호");
    // The parts too, so staff book the reinstallation with them prefilled.
    expect(queue.body[0].relocationAddress).toEqual({
      postcode: "48060",
      road: "부산 해운대구 센텀중앙로 79",
      detail: "1203호",
    });
    // Staff answer; the customer sees the reply, not the internal note.
    await cs
      .post(`/api/tickets/${queue.body[0].id}/comments`)
      .send({ kind: "reply", body: "12월 10일 방문 예정입니다" });
    await cs
      .post(`/api/tickets/${queue.body[0].id}/comments`)
      .send({ kind: "note", body: "이전 설치비 청구 필요" });
    const page = await pub()
      .get(`/api/public/my/${token}/overview`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    expect(page.body.requests[0].replies.map((r: { body: string }) => r.body)).toEqual([
      "12월 10일 방문 예정입니다",
    ]);
    const timeline = await cs.get(`/api/tickets/${queue.body[0].id}/timeline`).expect(200);
    expect(timeline.body[0].author).toMatchObject({ kind: "customer" });
  });

  it("shows today's exit quote before a cancellation request, and a closed contract says so", async () => {
    const { token, birthDate, contractId } = await unpaidActiveContract();
    const proof = await verified(token, birthDate);
    const quote = await pub()
      .get(`/api/public/my/${token}/exit-quote`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    expect(quote.body.date).toBe(TODAY);
    const created = await pub()
      .post(`/api/public/my/${token}/requests`)
      .set("X-Customer-Proof", proof)
      .send({ type: "cancellation_request", body: "더 이상 사용하지 않습니다" })
      .expect(201);
    const manager = await t.login("manager@demo.kr");
    const [ticket] = (
      await manager
        .get("/api/tickets")
        .query({ filter: JSON.stringify({ contractId }) })
        .expect(200)
    ).body;
    expect(ticket).toMatchObject({ number: created.body.number, priority: "high" });
    expect(ticket.body).toContain(`${quote.body.total.toLocaleString("ko-KR")}원`);
    await manager.post(`/api/tickets/${ticket.id}/confirm-cancellation`).send({}).expect(200);

    const closed = await pub()
      .get(`/api/public/my/${token}/overview`)
      .set("X-Customer-Proof", proof)
      .expect(200);
    expect(closed.body.closed).toBe(true);
    expect(closed.body.closedMessage).toContain("해지됨");
    expect(closed.body.nextCharge).toBeNull();
    expect((await pub().get(`/api/public/my/${token}`)).body.closed).toBe(true);
    const tickets = await countOf(t.database, "tickets");
    const refused = await pub()
      .post(`/api/public/my/${token}/requests`)
      .set("X-Customer-Proof", proof)
      .send({ type: "repair", body: "고장" });
    expect([refused.status, refused.body.code]).toEqual([409, "contract_closed"]);
    expect(await countOf(t.database, "tickets")).toBe(tickets);
  });
});
