import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  KAKAOPAY_BASE as BASE,
  KAKAOPAY_CID as CID,
  mockKakaoPayApi,
  kakaoOrder as order,
  KAKAOPAY_SECRET as SECRET,
  type SeenRequest as Seen,
  SID,
  sidInactivated,
  sidStatus,
  subscriptionPaid,
  TID,
  KAKAOPAY_TOKEN as TOKEN,
} from "../../../test/support/kakaopay-api.js";
import {
  decodeKakaoPayToken,
  InMemoryKakaoPayLedger,
  KAKAOPAY_SID_INACTIVE,
  KakaoPayGateway,
  type KakaoPayGatewayOptions,
  KakaoPayRedirectRequiredError,
} from "./kakaopay-gateway.js";
import { GatewayTimeoutError } from "./payment-gateway.js";

const { server, seen, record, calls } = mockKakaoPayApi();

function gateway(options: Partial<KakaoPayGatewayOptions> = {}) {
  return new KakaoPayGateway({ secretKey: SECRET, cid: CID, timeoutMs: 80, recoveryWaitMs: 300, ...options });
}

const chargeInput = {
  token: TOKEN,
  orderId: "INV-2024-05-0001",
  orderName: "CHP-7210N 정수기 5월 렌탈료",
  amount: 33000,
  taxFreeAmount: 3000,
  idempotencyKey: "inv-41-a1",
};

function expectKakaoHeaders(entry: Seen) {
  expect(entry.headers.get("authorization")).toBe(`SECRET_KEY ${SECRET}`);
  expect(entry.headers.get("content-type")).toBe("application/json");
}

describe("KakaoPayGateway registration (ready → approve)", () => {
  it("registerCard refuses clearly: KakaoPay registers by redirect", async () => {
    await expect(
      gateway().registerCard({
        customerKey: "c",
        cardNumber: "4242",
        expiry: "12/29",
        birthDate: "1990-01-01",
      }),
    ).rejects.toBeInstanceOf(KakaoPayRedirectRequiredError);
  });

  it("ready returns the tid and the redirect URLs", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/ready`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          tid: TID,
          next_redirect_app_url: `https://online-pay.kakao.com/mockup/v1/${TID}/aInfo`,
          next_redirect_mobile_url: `https://online-pay.kakao.com/mockup/v1/${TID}/mInfo`,
          next_redirect_pc_url: `https://online-pay.kakao.com/mockup/v1/${TID}/info`,
          android_app_scheme: "kakaotalk://kakaopay/pg?url=…",
          ios_app_scheme: "kakaotalk://kakaopay/pg?url=…",
          created_at: "2024-05-01T10:00:00",
        });
      }),
    );
    const started = await gateway().startRedirect({
      customerKey: "ssp-1-7",
      orderId: "C-2024-0007-first",
      orderName: "CHP-7210N 정수기 등록비+1회차",
      amount: 133000,
      approvalUrl: "https://ssp.example/pay/kakao/approve",
      cancelUrl: "https://ssp.example/pay/kakao/cancel",
      failUrl: "https://ssp.example/pay/kakao/fail",
    });
    expect(started).toEqual({
      redirectId: TID,
      pcUrl: `https://online-pay.kakao.com/mockup/v1/${TID}/info`,
      mobileUrl: `https://online-pay.kakao.com/mockup/v1/${TID}/mInfo`,
      appUrl: `https://online-pay.kakao.com/mockup/v1/${TID}/aInfo`,
    });
    expectKakaoHeaders(seen[0]!);
    expect(seen[0]!.body).toEqual({
      cid: CID,
      partner_order_id: "C-2024-0007-first",
      partner_user_id: "ssp-1-7",
      item_name: "CHP-7210N 정수기 등록비+1회차",
      quantity: 1,
      total_amount: 133000,
      tax_free_amount: 0,
      approval_url: "https://ssp.example/pay/kakao/approve",
      cancel_url: "https://ssp.example/pay/kakao/cancel",
      fail_url: "https://ssp.example/pay/kakao/fail",
    });
  });

  it("approve returns the SID as token (partner_user_id|sid) and the first payment", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/approve`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          aid: "A0000000000000000001",
          tid: TID,
          cid: CID,
          sid: SID,
          partner_order_id: "C-2024-0007-first",
          partner_user_id: "ssp-1-7",
          payment_method_type: "CARD",
          item_name: "CHP-7210N 정수기 등록비+1회차",
          quantity: 1,
          amount: { total: 133000, tax_free: 0, vat: 12091, point: 0, discount: 0, green_deposit: 0 },
          card_info: {
            kakaopay_purchase_corp: "신한카드",
            kakaopay_issuer_corp: "신한카드",
            card_type: "신용",
          },
          created_at: "2024-05-01T10:00:00",
          approved_at: "2024-05-01T10:00:30",
        });
      }),
    );
    const completed = await gateway().completeRedirect({
      customerKey: "ssp-1-7",
      orderId: "C-2024-0007-first",
      redirectId: TID,
      approvalToken: "pgtoken123",
    });
    expect(completed).toEqual({
      token: TOKEN,
      display: "카카오페이 (신한카드)",
      firstPayment: { gatewayRef: TID, amount: 133000 },
    });
    expect(decodeKakaoPayToken(completed.token)).toEqual({ partnerUserId: "ssp-1-7", sid: SID });
    expectKakaoHeaders(seen[0]!);
    expect(seen[0]!.body).toEqual({
      cid: CID,
      tid: TID,
      partner_order_id: "C-2024-0007-first",
      partner_user_id: "ssp-1-7",
      pg_token: "pgtoken123",
    });
  });
});

describe("KakaoPayGateway.charge", () => {
  it("charges the SID and returns the tid", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(subscriptionPaid());
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(seen).toHaveLength(1);
    expectKakaoHeaders(seen[0]!);
    expect(seen[0]!.body).toEqual({
      cid: CID,
      sid: SID,
      partner_order_id: "inv-41-a1",
      partner_user_id: "ssp-1-7",
      item_name: "CHP-7210N 정수기 5월 렌탈료",
      quantity: 1,
      total_amount: 33000,
      tax_free_amount: 3000,
    });
  });

  it("answers an order KakaoPay already confirmed from the ledger when it comes again (its recording rolled back)", async () => {
    const ledger = new InMemoryKakaoPayLedger();
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(subscriptionPaid());
      }),
    );
    const kakao = gateway({ ledger });
    expect(await kakao.charge(chargeInput)).toEqual({ status: "succeeded", gatewayRef: TID });
    // The billing batch that asked rolled back; the re-run asks for the same order and amount.
    expect(await kakao.charge(chargeInput)).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);
    // Another amount for the order is a new question: charged.
    await kakao.charge({ ...chargeInput, amount: 1_000, idempotencyKey: "inv-41-a2" });
    expect(calls("/online/v1/payment/subscription")).toHaveLength(2);
  });

  it("reports a KakaoPay error body as declined (SID still active)", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          {
            error_code: -780,
            error_message: "approval failure!",
            extras: { method_result_code: "8008", method_result_message: "잔액이 부족합니다." },
          },
          { status: 400 },
        );
      }),
      http.post(`${BASE}/online/v1/payment/manage/subscription/status`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(sidStatus("ACTIVE"));
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({ status: "declined", code: "-780/8008", message: "잔액이 부족합니다." });
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);
    expect(calls("/online/v1/payment/manage/subscription/status")[0]!.body).toEqual({ cid: CID, sid: SID });
  });

  it("reports an inactive SID as declined with kakaopay_sid_inactive", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { error_code: -702, error_message: "invalid sid", extras: null },
          { status: 400 },
        );
      }),
      http.post(`${BASE}/online/v1/payment/manage/subscription/status`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(sidStatus("INACTIVE"));
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toMatchObject({ status: "declined", code: KAKAOPAY_SID_INACTIVE });
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);
  });

  it("after a timeout checks the order by the tid of the late answer: paid → succeeded, one charge", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        await delay(200); // after our 80 ms timeout, within the 300 ms recovery wait
        return HttpResponse.json(subscriptionPaid());
      }),
      http.post(`${BASE}/online/v1/payment/order`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(order("SUCCESS_PAYMENT"));
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);
    expect(calls("/online/v1/payment/order")).toHaveLength(1);
    expect(calls("/online/v1/payment/order")[0]!.body).toEqual({ cid: CID, tid: TID });
  });

  it("an answer later than the recovery wait is kept: the next attempt finds it paid and does not charge", async () => {
    const ledger = new InMemoryKakaoPayLedger();
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        await delay(250);
        return HttpResponse.json(subscriptionPaid());
      }),
      http.post(`${BASE}/online/v1/payment/order`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(order("SUCCESS_PAYMENT"));
      }),
    );
    const kakao = gateway({ timeoutMs: 50, recoveryWaitMs: 50, lateAnswerMs: 2_000, ledger });
    await expect(kakao.charge(chargeInput)).rejects.toBeInstanceOf(GatewayTimeoutError);
    expect(await ledger.get(chargeInput.orderId)).toMatchObject({ partnerOrderId: "inv-41-a1" });

    await delay(300); // the late answer lands and records the tid
    expect(await ledger.get(chargeInput.orderId)).toMatchObject({ tid: TID });
    const retry = await kakao.charge({ ...chargeInput, idempotencyKey: "inv-41-a2" });
    expect(retry).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);
    expect(await ledger.get(chargeInput.orderId)).toMatchObject({
      tid: TID,
      confirmedAt: expect.any(String),
    });
  });

  it("with no answer at all never charges the order again until the doubt is settled", async () => {
    let now = new Date("2024-05-01T01:00:00Z"); // 10:00 KST
    const ledger = new InMemoryKakaoPayLedger();
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ error_code: -1, error_message: "internal error" }, { status: 500 });
      }),
      http.post(`${BASE}/online/v1/payment/manage/subscription/status`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(sidStatus("ACTIVE", "2024-04-01T10:00:01"));
      }),
    );
    const kakao = gateway({ ledger, settleMs: 10 * 60_000, now: () => now });
    await expect(kakao.charge(chargeInput)).rejects.toBeInstanceOf(GatewayTimeoutError);
    // Same order, next attempt, too soon to tell: no charge.
    await expect(kakao.charge({ ...chargeInput, idempotencyKey: "inv-41-a2" })).rejects.toBeInstanceOf(
      GatewayTimeoutError,
    );
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);

    // Much later the SID shows no approval since the attempt began: it was not charged.
    now = new Date("2024-05-02T01:00:00Z");
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(subscriptionPaid("inv-41-a3"));
      }),
    );
    const result = await kakao.charge({ ...chargeInput, idempotencyKey: "inv-41-a3" });
    expect(result).toEqual({ status: "succeeded", gatewayRef: TID });
    expect(calls("/online/v1/payment/subscription").map((c) => c.body.partner_order_id)).toEqual([
      "inv-41-a1",
      "inv-41-a3",
    ]);
  });

  it("keeps the doubt when the SID was approved after the attempt began", async () => {
    let now = new Date("2024-05-01T01:00:00Z");
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return new HttpResponse("upstream timeout", { status: 504 });
      }),
      http.post(`${BASE}/online/v1/payment/manage/subscription/status`, () =>
        HttpResponse.json(sidStatus("ACTIVE", "2024-05-01T10:00:02")),
      ),
    );
    const kakao = gateway({ settleMs: 60_000, now: () => now });
    await expect(kakao.charge(chargeInput)).rejects.toBeInstanceOf(GatewayTimeoutError);
    now = new Date("2024-05-02T01:00:00Z");
    await expect(kakao.charge({ ...chargeInput, idempotencyKey: "inv-41-a2" })).rejects.toThrow(
      /다시 청구하지 않습니다/,
    );
    expect(calls("/online/v1/payment/subscription")).toHaveLength(1);
  });

  it("treats a malformed success body as unknown, not a crash or a decline", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/subscription`, async ({ request }) => {
        await record(request);
        return new HttpResponse("<html>oops</html>", { status: 200 });
      }),
    );
    await expect(gateway().charge(chargeInput)).rejects.toBeInstanceOf(GatewayTimeoutError);
  });
});

describe("KakaoPayGateway.refund", () => {
  it("cancels the tid and returns the cancel's aid", async () => {
    server.use(
      http.post(`${BASE}/online/v1/payment/order`, () => HttpResponse.json(order("SUCCESS_PAYMENT"))),
      http.post(`${BASE}/online/v1/payment/cancel`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          aid: "A9999999999999999999",
          tid: TID,
          cid: CID,
          status: "PART_CANCEL_PAYMENT",
        });
      }),
    );
    const result = await gateway().refund({
      gatewayRef: TID,
      amount: 10000,
      reason: "청약철회",
      idempotencyKey: "rf-1",
    });
    expect(result).toEqual({ status: "succeeded", gatewayRef: "A9999999999999999999" });
    expect(seen[0]!.body).toEqual({ cid: CID, tid: TID, cancel_amount: 10000, cancel_tax_free_amount: 0 });
  });
});

describe("KakaoPayGateway.deactivate", () => {
  const INACTIVE = "/online/v1/payment/manage/subscription/inactive";
  const STATUS = "/online/v1/payment/manage/subscription/status";

  it("inactivates the SID with cid and sid", async () => {
    server.use(
      http.post(`${BASE}${INACTIVE}`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(sidInactivated());
      }),
    );
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({ status: "deactivated" });
    expect(seen).toHaveLength(1);
    expectKakaoHeaders(seen[0]!);
    expect(seen[0]!.body).toEqual({ cid: CID, sid: SID });
  });

  it("counts a SID that KakaoPay refuses because it is already inactive as deactivated", async () => {
    server.use(
      http.post(`${BASE}${INACTIVE}`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { error_code: -703, error_message: "already inactive sid", extras: null },
          { status: 400 },
        );
      }),
      http.post(`${BASE}${STATUS}`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(sidStatus("INACTIVE"));
      }),
    );
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({ status: "deactivated" });
    expect(calls(STATUS)[0]!.body).toEqual({ cid: CID, sid: SID });
  });

  it("reports another refusal of an active SID as a final failure with KakaoPay's error code", async () => {
    server.use(
      http.post(`${BASE}${INACTIVE}`, () =>
        HttpResponse.json({ error_code: -401, error_message: "invalid cid", extras: null }, { status: 401 }),
      ),
      http.post(`${BASE}${STATUS}`, () => HttpResponse.json(sidStatus("ACTIVE"))),
    );
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({
      status: "failed",
      code: "-401",
      retryable: false,
    });
  });

  it("keeps a refusal retryable while the SID status cannot be read", async () => {
    server.use(
      http.post(`${BASE}${INACTIVE}`, () =>
        HttpResponse.json({ error_code: -780, error_message: "failure", extras: null }, { status: 400 }),
      ),
      http.post(`${BASE}${STATUS}`, () => new HttpResponse("bad gateway", { status: 502 })),
    );
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({
      status: "failed",
      code: "-780",
      retryable: true,
    });
  });

  it("reports a 5xx as a retryable failure", async () => {
    server.use(
      http.post(`${BASE}${INACTIVE}`, () =>
        HttpResponse.json({ error_code: -1, error_message: "internal error" }, { status: 500 }),
      ),
    );
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({
      status: "failed",
      code: "HTTP_500",
      retryable: true,
    });
  });

  it("reports a timeout as a retryable failure", async () => {
    server.use(
      http.post(`${BASE}${INACTIVE}`, async () => {
        await delay(300);
        return HttpResponse.json(sidInactivated());
      }),
    );
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({
      status: "failed",
      code: "gateway_timeout",
      retryable: true,
    });
  });

  it("reports an unreadable success body as a retryable failure, not as done", async () => {
    server.use(http.post(`${BASE}${INACTIVE}`, () => new HttpResponse("<html>oops</html>", { status: 200 })));
    expect(await gateway().deactivate({ token: TOKEN })).toEqual({
      status: "failed",
      code: "unreadable_answer",
      retryable: true,
    });
  });

  it("refuses a token that is not a KakaoPay token without calling KakaoPay", async () => {
    expect(await gateway().deactivate({ token: "sbx_0123" })).toEqual({
      status: "failed",
      code: "invalid_token",
      retryable: false,
    });
    expect(seen).toHaveLength(0);
  });
});
