import { sql } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { smtpMailer } from "../notifications/mailer.js";

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-10",
    adapters: { mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }) },
  });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

const AGREE = { contract: true, penalty: true, coolingOff: true, privacy: true };
const BIRTH = "1900-01-03";
let seq = 0;
const pub = () => request(t.app);
const tokenIn = (text: string | undefined) => {
  const found = /http:\/\/localhost:3000\/sign\/([A-Za-z0-9_-]+)/.exec(text ?? "");
  expect(found, text).not.toBeNull();
  return found![1]!;
};

/** A contract sent by e-mail; `signed` also verifies and signs it, leaving without a card. */
async function contractFor(signed: boolean) {
  const email = `paylink${++seq}@example.kr`;
  const manager = await t.login("manager@demo.kr");
  const customer = await manager
    .post("/api/customers")
    .send({
      name: "결제자",
      birthDate: BIRTH,
      phone: `010-8200-${1000 + seq}`,
      email,
      consents: { privacy: true, creditInquiry: true },
    })
    .expect(201);
  const order = await manager
    .post("/api/orders")
    .send({
      customerId: customer.body.id,
      planId: 1,
      installAddress: "서울특별시 중구 세종대로 110",
      billingDay: 5,
    })
    .expect(201);
  await manager.post(`/api/orders/${order.body.id}/credit-check`).expect(200);
  const contract = await manager.post(`/api/orders/${order.body.id}/contract`).expect(201);
  await manager.post(`/api/contracts/${contract.body.id}/send`).expect(200);
  const token = tokenIn((await inbox.waitFor(email, /전자서명 요청/)).text);
  if (signed) {
    const { proof } = (
      await pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: BIRTH }).expect(200)
    ).body;
    await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", proof)
      .send({ agreements: AGREE, signature: { kind: "typed", text: "결제자" } })
      .expect(200);
  }
  return { manager, email, contract: contract.body as { id: number; number: string }, token };
}

async function registerCard(token: string, card = "4242 4242 4242 4242") {
  const { proof } = (
    await pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: BIRTH }).expect(200)
  ).body;
  return pub()
    .post(`/api/public/sign/${token}/payment-method`)
    .set("X-Signing-Proof", proof)
    .send({ cardNumber: card, expiry: "12/29" });
}

describe("after signing: the link leads on, and staff can send a payment-method link", () => {
  it("takes a customer who left after signing back to card registration on the same link", async () => {
    const { token } = await contractFor(true);
    const page = await pub().get(`/api/public/sign/${token}`).expect(200);
    expect(page.body).toMatchObject({ status: "signed", signed: true, paymentMethod: null });
    const card = await registerCard(token);
    expect(card.status).toBe(200);
    const done = await pub().get(`/api/public/sign/${token}`).expect(200);
    expect(done.body.paymentMethod).toEqual({ display: "카드 **** 4242" });
  });

  it("refuses a payment-method link before signing, and for an unknown contract", async () => {
    const { manager, contract } = await contractFor(false);
    const refused = await manager.post(`/api/contracts/${contract.id}/payment-link`).expect(409);
    expect(refused.body.code).toBe("contract_not_payable");
    await manager.post("/api/contracts/999999/payment-link").expect(404);
  });

  it("e-mails a new link for a signed contract that revokes the old one and expires after 7 days", async () => {
    const { manager, email, contract, token: old } = await contractFor(true);
    await manager.post(`/api/contracts/${contract.id}/payment-link`).expect(200);
    const mail = await inbox.waitFor(email, /자동결제 수단 등록 요청/);
    expect(mail.text).toContain(contract.number);
    const token = tokenIn(mail.text);
    expect(token).not.toBe(old);

    const revoked = await pub().get(`/api/public/sign/${old}`).expect(410);
    expect(revoked.body.code).toBe("link_revoked");
    const page = await pub().get(`/api/public/sign/${token}`).expect(200);
    expect(page.body).toMatchObject({ contractNumber: contract.number, signed: true, paymentMethod: null });

    // Verification stays: a wrong birth date is refused and counted, the proof is required.
    await pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: "1999-09-09" }).expect(401);
    await pub()
      .post(`/api/public/sign/${token}/payment-method`)
      .send({ cardNumber: "4242 4242 4242 4242", expiry: "12/29" })
      .expect(401);
    // It cannot sign anything: signing is behind it.
    const sign = await pub().get(`/api/public/sign/${token}/pdf`).expect(410);
    expect(sign.body.code).toBe("link_used");

    const card = await registerCard(token);
    expect(card.status).toBe(200);
    const events = rowsOf<{ kind: string }>(
      await t.database.db.execute(
        sql`select kind from signing_events where contract_id = ${contract.id} order by id`,
      ),
    ).map((r) => r.kind);
    expect(events).toContain("payment_link_sent");
    expect(events.at(-1)).toBe("payment_registered");
    const contractStatus = await manager.get(`/api/contracts/${contract.id}`).expect(200);
    expect(contractStatus.body.status).toBe("signed");

    const before = t.clock.now();
    t.clock.set(new Date(before.getTime() + 8 * 86_400_000));
    try {
      const expired = await pub().get(`/api/public/sign/${token}`).expect(410);
      expect(expired.body.code).toBe("link_expired");
    } finally {
      t.clock.set(before);
    }
  });

  it("serves an active contract too (replacing the card), and nothing once it has ended", async () => {
    const { manager, email, contract } = await contractFor(true);
    // Installation is another suite's journey; here the contract is simply taken as running.
    await t.database.db.execute(sql`update contracts set status = 'active' where id = ${contract.id}`);
    await manager.post(`/api/contracts/${contract.id}/payment-link`).expect(200);
    const token = tokenIn((await inbox.waitFor(email, /자동결제 수단 등록 요청/)).text);
    expect((await registerCard(token)).status).toBe(200);
    expect((await registerCard(token, "5555 5555 5555 4444")).status).toBe(200);
    const page = await pub().get(`/api/public/sign/${token}`).expect(200);
    expect(page.body.paymentMethod).toEqual({ display: "카드 **** 4444" });

    await t.database.db.execute(sql`update contracts set status = 'terminated' where id = ${contract.id}`);
    const ended = await pub().get(`/api/public/sign/${token}`).expect(410);
    expect(ended.body.code).toBe("link_used");
    await manager.post(`/api/contracts/${contract.id}/payment-link`).expect(409);
  });
});
