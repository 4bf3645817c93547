import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import type { TestApp } from "../test-app.js";
import type { startSmtpInbox } from "./smtp-inbox.js";

export const AGREE = { contract: true, penalty: true, coolingOff: true, privacy: true };
let seq = 0;

/**
 * Drives the funnel through HTTP the way staff and the customer would: register a customer,
 * take an order, credit check, draft and send; then read the link from the e-mail.
 */
export async function sentContract(
  t: TestApp,
  inbox: Awaited<ReturnType<typeof startSmtpInbox>>,
  options: { planId?: number } = {},
) {
  const n = ++seq;
  const email = `funnel${n}.${process.pid}@example.kr`;
  const manager: TestAgent = await t.login("manager@demo.kr");
  const customer = await manager
    .post("/api/customers")
    .send({
      name: "서명자",
      birthDate: "1900-01-03",
      phone: `010-8${String(process.pid % 1000).padStart(3, "0")}-${String(1000 + n)}`,
      email,
      consents: { privacy: true, creditInquiry: true },
    })
    .expect(201);
  const order = await manager
    .post("/api/orders")
    .send({
      customerId: customer.body.id,
      planId: options.planId ?? 1,
      installAddress: "서울특별시 강남구 테헤란로 152",
      billingDay: 5,
    })
    .expect(201);
  await manager.post(`/api/orders/${order.body.id}/credit-check`).expect(200);
  const contract = await manager.post(`/api/orders/${order.body.id}/contract`).expect(201);
  await manager.post(`/api/contracts/${contract.body.id}/send`).expect(200);
  const mail = await inbox.waitFor(email, /전자서명 요청/);
  const token = /\/sign\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1]!;
  return { manager, customer: customer.body, contract: contract.body, order: order.body, token, mail, email };
}

/** The customer verifies, signs (typed) and registers the sandbox card that succeeds. */
export async function signAndPay(t: TestApp, token: string) {
  const pub = () => request(t.app);
  const { body } = await pub()
    .post(`/api/public/sign/${token}/verify`)
    .send({ birthDate: "1900-01-03" })
    .expect(200);
  await pub()
    .post(`/api/public/sign/${token}/sign`)
    .set("X-Signing-Proof", body.proof)
    .send({ agreements: AGREE, signature: { kind: "typed", text: "서명자" } })
    .expect(200);
  await pub()
    .post(`/api/public/sign/${token}/payment-method`)
    .set("X-Signing-Proof", body.proof)
    .send({ cardNumber: "4242424242424242", expiry: "12/29" })
    .expect(200);
}
