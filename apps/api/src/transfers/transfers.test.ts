import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGREE } from "../../test/support/funnel.js";
import { firstPlanVersion } from "../../test/support/plans.js";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";
import { smtpMailer } from "../notifications/mailer.js";

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
const APPROVED = "1900-01-03";
const DECLINED = "1900-01-01";
let seq = 0;

async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(q));
}

/** An active contract with an asset and auto-pay, and a name_transfer ticket on it. */
async function transferTicket(type = "name_transfer") {
  const { firstContractId: contractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: await firstPlanVersion(t, 1),
    count: 1,
    activatedOn: "2026-11-20",
    billingDay: 5,
  });
  const [c] = await query<{ customer_id: number; product_id: number }>(sql`
    select c.customer_id, pl.product_id from contracts c
    join plan_versions v on v.id = c.plan_version_id join plans pl on pl.id = v.plan_id
    where c.id = ${contractId}`);
  const [asset] = await query<{ id: number }>(sql`
    insert into assets (partner_id, product_id, serial_number, status, acquired_on, acquisition_cost, contract_id, customer_id)
    values (1, ${c!.product_id}, ${`TR-${Date.now()}-${++seq}`}, 'installed', '2026-01-01', 500000, ${contractId}, ${c!.customer_id})
    returning id`);
  await t.database.db.execute(sql`update contracts set asset_id = ${asset!.id} where id = ${contractId}`);
  const cs = await t.login("cs@demo.kr");
  const ticket = await cs
    .post("/api/tickets")
    .send({
      type,
      subject: "명의변경 요청",
      body: "가족에게 명의 이전",
      customerId: c!.customer_id,
      contractId,
    })
    .expect(201);
  return {
    contractId,
    fromCustomerId: c!.customer_id,
    assetId: asset!.id,
    ticketId: ticket.body.id as number,
  };
}

function newCustomer(birthDate: string, creditInquiry = true) {
  const n = ++seq;
  return {
    name: `새명의${n}`,
    birthDate,
    phone: `010-7300-${String(1000 + n)}`,
    email: `transfer${n}-${Date.now()}@example.kr`,
    consents: { privacy: true, creditInquiry },
  };
}

async function signingToken(email: string) {
  const mail = await inbox.waitFor(email, /명의변경 계약 전자서명 요청/);
  const found = /http:\/\/localhost:3000\/transfer\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  expect(found, mail.text).not.toBeNull();
  return found![1]!;
}

/** Ticket → transfer → credit check → link sent; answers the token from the e-mail. */
async function sentTransfer() {
  const manager = await t.login("manager@demo.kr");
  const ticket = await transferTicket();
  const holder = newCustomer(APPROVED);
  const created = await manager
    .post(`/api/tickets/${ticket.ticketId}/transfer`)
    .send({ newHolder: { customer: holder } })
    .expect(201);
  expect(created.body).toMatchObject({ status: "requested", fromCustomerId: ticket.fromCustomerId });
  const id = created.body.id as number;
  await manager.post(`/api/contract-transfers/${id}/credit-check`).expect(200);
  await manager.post(`/api/contract-transfers/${id}/send`).expect(200);
  return {
    ...ticket,
    manager,
    id,
    holder,
    toCustomerId: created.body.toCustomerId as number,
    token: await signingToken(holder.email),
  };
}

async function verify(token: string, birthDate: string) {
  const res = await pub().post(`/api/public/transfer/${token}/verify`).send({ birthDate }).expect(200);
  return res.body.proof as string;
}

const signBody = (name: string) => ({ agreements: AGREE, signature: { kind: "typed", text: name } });

describe("name transfer (명의변경) of a contract from a CS ticket", () => {
  it("moves the contract, its future invoices, auto-pay and asset to a new holder who passed the check and signed", async () => {
    const s = await sentTransfer();
    // An invoice issued before the transfer: the card declines, so it stays open.
    await t.database.db.execute(
      sql`update payment_methods set token = 'sbx_decline_' || id where contract_id = ${s.contractId}`,
    );
    t.clock.set(TODAY);
    await runBilling({
      database: t.database,
      gateway: new SandboxGateway(),
      date: TODAY,
      now: () => t.clock.now(),
      trigger: "cli",
    });
    const before = await query<{ id: number; customer_id: number }>(
      sql`select id, customer_id from invoices where contract_id = ${s.contractId}`,
    );
    expect(before.length).toBeGreaterThan(0);

    const page = await pub().get(`/api/public/transfer/${s.token}`).expect(200);
    expect(page.body).toMatchObject({ kind: "name_transfer", customerName: s.holder.name, status: "sent" });
    // The old holder's birth date is not the proof: the new holder's is.
    await pub().post(`/api/public/transfer/${s.token}/verify`).send({ birthDate: "1980-01-02" }).expect(401);
    const proof = await verify(s.token, APPROVED);
    const pdf = await pub()
      .get(`/api/public/transfer/${s.token}/pdf`)
      .set("X-Signing-Proof", proof)
      .expect(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    const signed = await pub()
      .post(`/api/public/transfer/${s.token}/sign`)
      .set("X-Signing-Proof", proof)
      .send(signBody(s.holder.name))
      .expect(200);
    expect(signed.body).toMatchObject({
      status: "completed",
      sealedSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const [contract] = await query<{ customer_id: number; name: string; birth: string; status: string }>(
      sql`select customer_id, party->>'name' as name, party->>'birthDate' as birth, status from contracts where id = ${s.contractId}`,
    );
    expect(contract).toEqual({
      customer_id: s.toCustomerId,
      name: s.holder.name,
      birth: APPROVED,
      status: "active",
    });
    // Issued invoices keep the old holder; the next ones are the new holder's (billing reads the contract).
    const after = await query<{ id: number; customer_id: number }>(
      sql`select id, customer_id from invoices where contract_id = ${s.contractId} order by id`,
    );
    expect(after).toEqual(before.sort((a, b) => a.id - b.id));
    expect(after.every((i) => i.customer_id === s.fromCustomerId)).toBe(true);
    const methods = await query<{ status: string }>(
      sql`select status from payment_methods where contract_id = ${s.contractId}`,
    );
    expect(methods.map((m) => m.status)).toEqual(["deactivating"]);
    const [asset] = await query<{ customer_id: number }>(
      sql`select customer_id from assets where id = ${s.assetId}`,
    );
    expect(asset!.customer_id).toBe(s.toCustomerId);
    const [audit] = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_logs where entity = 'contracts' and entity_id = ${String(s.contractId)} and action = 'name_transfer'`,
    );
    expect(audit!.n).toBe(1);
    const transfer = await s.manager.get(`/api/contract-transfers/${s.id}`).expect(200);
    expect(transfer.body).toMatchObject({ status: "completed", credit: { outcome: "approved", score: 900 } });
    const ticket = await s.manager.get(`/api/tickets/${s.ticketId}`).expect(200);
    expect(ticket.body.status).toBe("resolved");
    const timeline = await s.manager.get(`/api/tickets/${s.ticketId}/timeline`).expect(200);
    expect(timeline.body.map((e: { body: string }) => e.body).join("\n")).toContain("명의변경 완료");

    // The new holder is told, and gets a link to register their own auto-pay.
    const doneMail = await inbox.waitFor(s.holder.email, /명의변경이 완료되었습니다/);
    // Their own page shows none of the old holder's invoices.
    const pageToken = /http:\/\/localhost:3000\/my\/([A-Za-z0-9_-]+)/.exec(doneMail.text ?? "")![1]!;
    const pageProof = (
      await pub().post(`/api/public/my/${pageToken}/verify`).send({ birthDate: APPROVED }).expect(200)
    ).body.proof;
    const overview = await pub()
      .get(`/api/public/my/${pageToken}/overview`)
      .set("X-Customer-Proof", pageProof)
      .expect(200);
    expect(overview.body.invoices).toEqual([]);
    // …and the agreement they signed, not the old holder's contract (it carries the old holder's details).
    const sealed = await pub()
      .get(`/api/public/my/${pageToken}/pdf`)
      .set("X-Customer-Proof", pageProof)
      .expect(200);
    const [doc] = await query<{ sha256: string }>(
      sql`select sha256 from documents where contract_id = ${s.contractId} and kind = 'transfer_sealed'`,
    );
    expect(
      createHash("sha256")
        .update(sealed.body as Buffer)
        .digest("hex"),
    ).toBe(doc!.sha256);
    expect(doc!.sha256).toBe(signed.body.sealedSha256);
    const payMail = await inbox.waitFor(s.holder.email, /자동결제 수단 등록 요청/);
    const payToken = /http:\/\/localhost:3000\/sign\/([A-Za-z0-9_-]+)/.exec(payMail.text ?? "")![1]!;
    const payProof = (
      await pub().post(`/api/public/sign/${payToken}/verify`).send({ birthDate: APPROVED }).expect(200)
    ).body.proof;
    await pub()
      .post(`/api/public/sign/${payToken}/payment-method`)
      .set("X-Signing-Proof", payProof)
      .send({ cardNumber: "4242 4242 4242 4242", expiry: "12/29" })
      .expect(200);
    // The new holder's card pays the new holder's invoices, never the old holder's arrears.
    const owner = await t.login("owner@demo.kr");
    const collect = await owner.post(`/api/invoices/${after[0]!.id}/collect`).expect(422);
    expect(collect.body.code).toBe("no_payment_method");
    // The transfer link is used up, and it never opens the contract's own signing page.
    await pub().post(`/api/public/transfer/${s.token}/verify`).send({ birthDate: APPROVED }).expect(410);
    await pub().get(`/api/public/sign/${s.token}`).expect(404);
  });

  it("stops at a declined credit check: no link can be sent", async () => {
    const manager = await t.login("manager@demo.kr");
    const { ticketId } = await transferTicket();
    const created = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(DECLINED) } })
      .expect(201);
    const checked = await manager.post(`/api/contract-transfers/${created.body.id}/credit-check`).expect(200);
    expect(checked.body).toMatchObject({
      status: "credit_declined",
      credit: { outcome: "declined", score: 350 },
    });
    const sent = await manager.post(`/api/contract-transfers/${created.body.id}/send`).expect(409);
    expect(sent.body.code).toBe("illegal_transition");
    // The contract is free for another applicant's transfer.
    await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(APPROVED) } })
      .expect(201);
  });

  it("sends no agreement while the holder has overdue invoices (422), and sends it once they are settled", async () => {
    const manager = await t.login("manager@demo.kr");
    const { ticketId, contractId } = await transferTicket();
    // The holder's card fails on the first invoice (issued and due 11-21): overdue on 11-23.
    await t.database.db.execute(
      sql`update payment_methods set token = 'sbx_decline_' || id where contract_id = ${contractId}`,
    );
    await runBilling({
      database: t.database,
      gateway: new SandboxGateway(),
      date: "2026-11-21",
      now: () => new Date("2026-11-21T06:00:00+09:00"),
      trigger: "cli",
      partnerId: 1,
    });
    const [open] = await query<{ id: number; total: number }>(
      sql`select id, total from invoices where contract_id = ${contractId} and status = 'open'`,
    );
    expect(open).toBeDefined();
    const created = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(APPROVED) } })
      .expect(201);
    await manager.post(`/api/contract-transfers/${created.body.id}/credit-check`).expect(200);
    const refused = await manager.post(`/api/contract-transfers/${created.body.id}/send`);
    expect([refused.status, refused.body.code]).toEqual([422, "arrears_outstanding"]);
    expect(refused.body).toMatchObject({ overdueInvoices: 1, overdueTotal: open!.total });
    const links = await query<{ n: number }>(
      sql`select count(*)::int as n from signing_links where contract_id = ${contractId} and kind = 'transfer'`,
    );
    expect(links[0]!.n).toBe(0);
    const finance = await t.login("finance@demo.kr");
    await finance
      .post(`/api/invoices/${open!.id}/payments`)
      .send({ amount: open!.total, paidOn: TODAY, reference: "국민 1123" })
      .expect(201);
    await manager.post(`/api/contract-transfers/${created.body.id}/send`).expect(200);
  });

  it("leaves a check in the review band to staff, who approve it with a reason", async () => {
    const manager = await t.login("manager@demo.kr");
    const { ticketId } = await transferTicket();
    const created = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer("1900-01-02") } })
      .expect(201);
    const checked = await manager.post(`/api/contract-transfers/${created.body.id}/credit-check`).expect(200);
    expect(checked.body).toMatchObject({
      status: "credit_review",
      credit: { outcome: "review", score: 650 },
    });
    await manager.post(`/api/contract-transfers/${created.body.id}/send`).expect(409);
    const decided = await manager
      .post(`/api/contract-transfers/${created.body.id}/credit-decision`)
      .send({ approve: true, reason: "재직 증빙 확인" })
      .expect(200);
    expect(decided.body.status).toBe("credit_approved");
    const cs = await t.login("cs@demo.kr");
    const listed = await cs.get(`/api/tickets/${ticketId}/transfers`).expect(200);
    expect(listed.body.map((x: { status: string }) => x.status)).toEqual(["credit_approved"]);
  });

  it("refuses a ticket of another type (422), a new holder without credit consent (422) and bad input (400)", async () => {
    const manager = await t.login("manager@demo.kr");
    const repair = await transferTicket("repair");
    const wrong = await manager
      .post(`/api/tickets/${repair.ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(APPROVED) } })
      .expect(422);
    expect(wrong.body.code).toBe("wrong_ticket_type");
    const { ticketId, fromCustomerId } = await transferTicket();
    const noConsent = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(APPROVED, false) } })
      .expect(422);
    expect(noConsent.body.code).toBe("consent_required");
    const same = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customerId: fromCustomerId } })
      .expect(422);
    expect(same.body.code).toBe("same_holder");
    await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customerId: "x" } })
      .expect(400);
    // Nothing of the refused requests was kept (the new customers rolled back with them).
    const [n] = await query<{ n: number }>(
      sql`select count(*)::int as n from contract_transfers where ticket_id = ${ticketId}`,
    );
    expect(n!.n).toBe(0);
  });

  it("answers illegal steps with 409: a second transfer, a check twice, cancelling after signing", async () => {
    const manager = await t.login("manager@demo.kr");
    const { ticketId } = await transferTicket();
    const first = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(APPROVED) } })
      .expect(201);
    const second = await manager
      .post(`/api/tickets/${ticketId}/transfer`)
      .send({ newHolder: { customer: newCustomer(APPROVED) } })
      .expect(409);
    expect(second.body.code).toBe("transfer_in_progress");
    await manager.post(`/api/contract-transfers/${first.body.id}/send`).expect(409);
    await manager.post(`/api/contract-transfers/${first.body.id}/credit-check`).expect(200);
    await manager.post(`/api/contract-transfers/${first.body.id}/credit-check`).expect(409);
    await manager
      .post(`/api/contract-transfers/${first.body.id}/credit-decision`)
      .send({ approve: true, reason: "이미 승인됨" })
      .expect(409);

    const s = await sentTransfer();
    const proof = await verify(s.token, APPROVED);
    await pub()
      .post(`/api/public/transfer/${s.token}/sign`)
      .set("X-Signing-Proof", proof)
      .send(signBody("새명의"))
      .expect(200);
    const cancel = await s.manager
      .post(`/api/contract-transfers/${s.id}/cancel`)
      .send({ reason: "고객 변심" })
      .expect(409);
    expect(cancel.body.code).toBe("illegal_transition");
  });

  it("a sent transfer is cancelled by staff (its link stops working) or declined by the new holder", async () => {
    const s = await sentTransfer();
    await s.manager.post(`/api/contract-transfers/${s.id}/cancel`).send({ reason: "고객 변심" }).expect(200);
    await pub().get(`/api/public/transfer/${s.token}`).expect(410);
    const other = await sentTransfer();
    const proof = await verify(other.token, APPROVED);
    await pub()
      .post(`/api/public/transfer/${other.token}/decline`)
      .set("X-Signing-Proof", proof)
      .send({ reason: "생각이 바뀌었어요" })
      .expect(200);
    const declined = await other.manager.get(`/api/contract-transfers/${other.id}`).expect(200);
    expect(declined.body).toMatchObject({
      status: "cancelled",
      cancelReason: "새 명의자 서명 거절: 생각이 바뀌었어요",
    });
    const [c] = await query<{ customer_id: number }>(
      sql`select customer_id from contracts where id = ${s.contractId}`,
    );
    expect(c!.customer_id).toBe(s.fromCustomerId);
  });

  it("hides another partner's tickets and transfers (404)", async () => {
    const s = await sentTransfer();
    const barun = await t.login("owner@barun.kr");
    await barun.get(`/api/contract-transfers/${s.id}`).expect(404);
    await barun.post(`/api/contract-transfers/${s.id}/send`).expect(404);
    await barun.post(`/api/contract-transfers/${s.id}/cancel`).send({ reason: "남의 것" }).expect(404);
    await barun
      .post(`/api/tickets/${s.ticketId}/transfer`)
      .send({ newHolder: { customerId: s.toCustomerId } })
      .expect(404);
    await barun.get(`/api/tickets/${s.ticketId}/transfers`).expect(404);
  });

  it("lets only one of several simultaneous signatures complete the transfer", async () => {
    const s = await sentTransfer();
    const proof = await verify(s.token, APPROVED);
    const sign = () =>
      pub()
        .post(`/api/public/transfer/${s.token}/sign`)
        .set("X-Signing-Proof", proof)
        .send(signBody(s.holder.name));
    const results = await Promise.all([sign(), sign(), sign()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    const [n] = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_logs where entity = 'contracts' and entity_id = ${String(s.contractId)} and action = 'name_transfer'`,
    );
    expect(n!.n).toBe(1);
  });

  it("settles a cancel racing a signature without a deadlock: whichever wins, the other is refused", async () => {
    const s = await sentTransfer();
    const proof = await verify(s.token, APPROVED);
    const [cancel, sign] = await Promise.all([
      s.manager.post(`/api/contract-transfers/${s.id}/cancel`).send({ reason: "동시 취소" }),
      pub()
        .post(`/api/public/transfer/${s.token}/sign`)
        .set("X-Signing-Proof", proof)
        .send(signBody(s.holder.name)),
    ]);
    const statuses = [cancel.status, sign.status];
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.every((x) => x < 500)).toBe(true);
    const final = await s.manager.get(`/api/contract-transfers/${s.id}`).expect(200);
    const [c] = await query<{ customer_id: number }>(
      sql`select customer_id from contracts where id = ${s.contractId}`,
    );
    expect(c!.customer_id).toBe(final.body.status === "completed" ? s.toCustomerId : s.fromCustomerId);
  });
});
