import { sql } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGREE, sentContract } from "../../test/support/funnel.js";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { KakaoPayGateway } from "../adapters/payments/kakaopay-gateway.js";
import { rowsOf } from "../db/client.js";
import { smtpMailer } from "../notifications/mailer.js";

const BASE = "https://open-api.kakaopay.com";
const TID = "T1234567890123456789";
const SID = "S1234567890123456789";
const calls: { path: string; auth: string | null; body: Record<string, unknown> }[] = [];

// KakaoPay's open API, answered in its documented shapes.
const kakaopay = setupServer(
  http.post(`${BASE}/online/v1/payment/ready`, async ({ request: req }) => {
    calls.push({
      path: "ready",
      auth: req.headers.get("authorization"),
      body: (await req.json()) as Record<string, unknown>,
    });
    return HttpResponse.json({
      tid: TID,
      next_redirect_app_url: `https://online-pay.kakao.com/mockup/v1/${TID}/aInfo`,
      next_redirect_mobile_url: `https://online-pay.kakao.com/mockup/v1/${TID}/mInfo`,
      next_redirect_pc_url: `https://online-pay.kakao.com/mockup/v1/${TID}/info`,
      android_app_scheme: "kakaotalk://kakaopay/pg?url=…",
      ios_app_scheme: "kakaotalk://kakaopay/pg?url=…",
      created_at: "2026-03-10T10:00:00",
    });
  }),
  http.post(`${BASE}/online/v1/payment/approve`, async ({ request: req }) => {
    const body = (await req.json()) as Record<string, unknown>;
    calls.push({ path: "approve", auth: req.headers.get("authorization"), body });
    return HttpResponse.json({
      aid: "A0000000000000000001",
      tid: TID,
      cid: "CSUBSCRIP",
      sid: SID,
      partner_order_id: body.partner_order_id,
      partner_user_id: body.partner_user_id,
      payment_method_type: "CARD",
      item_name: "자동결제 등록",
      quantity: 1,
      amount: { total: 100, tax_free: 0, vat: 9, point: 0, discount: 0, green_deposit: 0 },
      card_info: { kakaopay_purchase_corp: "신한카드", kakaopay_issuer_corp: "신한카드", card_type: "신용" },
      created_at: "2026-03-10T10:00:00",
      approved_at: "2026-03-10T10:00:30",
    });
  }),
  http.post(`${BASE}/online/v1/payment/order`, async ({ request: req }) => {
    calls.push({
      path: "order",
      auth: req.headers.get("authorization"),
      body: (await req.json()) as Record<string, unknown>,
    });
    return HttpResponse.json({
      tid: TID,
      cid: "CSUBSCRIP",
      status: "SUCCESS_PAYMENT",
      amount: { total: 100, tax_free: 0, vat: 9, point: 0, discount: 0 },
      canceled_amount: { total: 0, tax_free: 0, vat: 0, point: 0, discount: 0 },
      cancel_available_amount: { total: 100, tax_free: 0, vat: 9, point: 0, discount: 0 },
      payment_action_details: [],
    });
  }),
  http.post(`${BASE}/online/v1/payment/cancel`, async ({ request: req }) => {
    calls.push({
      path: "cancel",
      auth: req.headers.get("authorization"),
      body: (await req.json()) as Record<string, unknown>,
    });
    return HttpResponse.json({
      aid: "A9",
      tid: TID,
      cid: "CSUBSCRIP",
      status: "CANCEL_PAYMENT",
      approved_cancel_amount: { total: 100 },
    });
  }),
);

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  kakaopay.listen({
    onUnhandledRequest: (req, print) =>
      new URL(req.url).hostname === "127.0.0.1" ? undefined : print.error(),
  });
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-10",
    adapters: {
      mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }),
      paymentGateway: new KakaoPayGateway({ secretKey: "DEV-SECRET", cid: "CSUBSCRIP", timeoutMs: 2_000 }),
    },
  });
});
afterAll(async () => {
  kakaopay.close();
  await t.close();
  await inbox.close();
});

describe("KakaoPay auto-pay from the signing page", () => {
  it("registers the SID through ready → KakaoPay → approve, refunds the 100원 check, and moves on", async () => {
    const { token, contract } = await sentContract(t, inbox);
    const pub = () => request(t.app);
    const summary = await pub().get(`/api/public/sign/${token}`).expect(200);
    expect(summary.body.redirectPayment).toBe("kakaopay");
    const { body } = await pub()
      .post(`/api/public/sign/${token}/verify`)
      .send({ birthDate: "1900-01-03" })
      .expect(200);
    await pub()
      .post(`/api/public/sign/${token}/kakaopay-start`)
      .set("X-Signing-Proof", body.proof)
      .expect(409);
    await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", body.proof)
      .send({ agreements: AGREE, signature: { kind: "typed", text: "서명자" } })
      .expect(200);

    const started = await pub()
      .post(`/api/public/sign/${token}/kakaopay-start`)
      .set("X-Signing-Proof", body.proof)
      .set("User-Agent", "Mozilla/5.0 (iPhone)")
      .expect(200);
    expect(started.body.redirectUrl).toBe(`https://online-pay.kakao.com/mockup/v1/${TID}/mInfo`);
    const ready = calls.find((c) => c.path === "ready")!;
    expect(ready.auth).toBe("SECRET_KEY DEV-SECRET");
    expect(ready.body).toMatchObject({ cid: "CSUBSCRIP", total_amount: 100, quantity: 1 });
    const orderId = String(ready.body.partner_order_id);
    expect(String(ready.body.approval_url)).toBe(
      `http://localhost:3000/api/public/sign/${token}/kakaopay-approve?order=${orderId}`,
    );

    // KakaoPay sends the customer's browser back with a pg_token.
    const back = await pub()
      .get(`/api/public/sign/${token}/kakaopay-approve`)
      .query({ order: orderId, pg_token: "pgtoken123" })
      .expect(302);
    expect(back.headers.location).toBe(`/sign/${token}?payment=done`);
    expect(calls.find((c) => c.path === "approve")!.body).toMatchObject({
      tid: TID,
      pg_token: "pgtoken123",
      partner_order_id: orderId,
    });
    expect(calls.find((c) => c.path === "cancel")!.body).toMatchObject({ tid: TID, cancel_amount: 100 });

    const [method] = rowsOf<{ gateway: string; token: string; display: string; status: string }>(
      await t.database.db.execute(
        sql`select gateway, token, display, status from payment_methods where contract_id = ${contract.id}`,
      ),
    );
    expect(method).toEqual({
      gateway: "kakaopay",
      token: `ssp-1-${contract.customerId}|${SID}`,
      display: "카카오페이 (신한카드)",
      status: "active",
    });
    await pub()
      .get(`/api/public/sign/${token}/kakaopay-approve`)
      .query({ order: orderId, pg_token: "again" })
      .expect(404);
    await pub().get(`/api/public/sign/${token}/kakaopay-approve`).query({ order: orderId }).expect(400);
  });
});
