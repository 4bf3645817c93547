import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CardDeclinedError, GatewayTimeoutError } from "./payment-gateway.js";
import { decodeTossToken, TossGateway } from "./toss-gateway.js";

// Shapes from docs.tosspayments.com: guides/apis/card-billing (billing key, billing payment),
// guides/apis/get-payment (Payment object, lookup by orderId), reference/error-codes ({code, message}).
const BASE = "https://api.tosspayments.com";
const SECRET = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R";
const BASIC = `Basic ${Buffer.from(`${SECRET}:`).toString("base64")}`;

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}
let seen: Seen[] = [];
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

async function record(request: Request): Promise<Seen> {
  const text = await request.clone().text();
  const entry = {
    method: request.method,
    path: new URL(request.url).pathname,
    headers: request.headers,
    body: text ? JSON.parse(text) : undefined,
  };
  seen.push(entry);
  return entry;
}

const gateway = () => new TossGateway({ secretKey: SECRET, timeoutMs: 100 });

function payment(overrides: Record<string, unknown> = {}) {
  return {
    mId: "tosspayments",
    version: "2022-11-16",
    paymentKey: "tgen_20240501abcdEFGH",
    orderId: "INV-2024-05-0001",
    orderName: "INV-2024-05-0001",
    currency: "KRW",
    method: "카드",
    status: "DONE",
    requestedAt: "2024-05-01T10:00:00+09:00",
    approvedAt: "2024-05-01T10:00:02+09:00",
    totalAmount: 33000,
    balanceAmount: 33000,
    card: { company: "현대", number: "433012******1234", installmentPlanMonths: 0 },
    failure: null,
    ...overrides,
  };
}

const chargeInput = {
  token: "ssp-1-7|Z_t5vOvQxrj4499PeiJcjen28-V2RyqgYTwN44Rdzk0=",
  orderId: "INV-2024-05-0001",
  orderName: "INV-2024-05-0001",
  amount: 33000,
  taxFreeAmount: 3000,
  idempotencyKey: "inv-41-a1",
};
const chargePath = "/v1/billing/Z_t5vOvQxrj4499PeiJcjen28-V2RyqgYTwN44Rdzk0%3D";

describe("TossGateway.registerCard", () => {
  it("issues a billing key and returns customerKey|billingKey with the masked card", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/authorizations/card`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          mId: "tosspayments",
          customerKey: "ssp-1-7",
          authenticatedAt: "2024-05-01T10:01:30+09:00",
          method: "카드",
          billingKey: "Z_t5vOvQxrj4499PeiJcjen28-V2RyqgYTwN44Rdzk0=",
          card: { company: "현대", number: "433012******1234", cardType: "신용", ownerType: "개인" },
        });
      }),
    );
    const method = await gateway().registerCard({
      customerKey: "ssp-1-7",
      cardNumber: "4330 1234 1234 1234",
      expiry: "07/29",
      birthDate: "1988-12-12",
    });
    expect(method).toEqual({
      token: "ssp-1-7|Z_t5vOvQxrj4499PeiJcjen28-V2RyqgYTwN44Rdzk0=",
      display: "현대카드 433012******1234",
      cardExpiry: "2029-07",
    });
    expect(decodeTossToken(method.token)).toEqual({
      customerKey: "ssp-1-7",
      billingKey: "Z_t5vOvQxrj4499PeiJcjen28-V2RyqgYTwN44Rdzk0=",
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get("authorization")).toBe(BASIC);
    expect(seen[0]!.headers.get("content-type")).toBe("application/json");
    expect(seen[0]!.body).toEqual({
      customerKey: "ssp-1-7",
      cardNumber: "4330123412341234",
      cardExpirationYear: "29",
      cardExpirationMonth: "07",
      customerIdentityNumber: "881212",
    });
  });

  it("turns a Toss 4xx error body into CardDeclinedError", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/authorizations/card`, () =>
        HttpResponse.json(
          { code: "INVALID_CARD_EXPIRATION", message: "카드 정보를 다시 확인해주세요. (유효기간)" },
          { status: 400 },
        ),
      ),
    );
    const error = await gateway()
      .registerCard({
        customerKey: "ssp-1-7",
        cardNumber: "4330123412341234",
        expiry: "07/20",
        birthDate: "1988-12-12",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardDeclinedError);
    expect(error).toMatchObject({ code: "INVALID_CARD_EXPIRATION" });
  });
});

describe("TossGateway.charge", () => {
  it("charges the billing key with the Idempotency-Key header and returns the paymentKey", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(payment());
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({ status: "succeeded", gatewayRef: "tgen_20240501abcdEFGH" });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe(chargePath); // the billingKey is URL-encoded in the path
    expect(seen[0]!.headers.get("authorization")).toBe(BASIC);
    expect(seen[0]!.headers.get("idempotency-key")).toBe("inv-41-a1");
    expect(seen[0]!.body).toEqual({
      customerKey: "ssp-1-7",
      amount: 33000,
      taxFreeAmount: 3000,
      orderId: "INV-2024-05-0001",
      orderName: "INV-2024-05-0001",
    });
  });

  it("reports a Toss 4xx error body as declined, without a lookup", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { code: "REJECT_CARD_COMPANY", message: "결제 승인이 거절되었습니다." },
          { status: 403 },
        );
      }),
      http.get(`${BASE}/v1/payments/orders/:orderId`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(payment());
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({
      status: "declined",
      code: "REJECT_CARD_COMPANY",
      message: "결제 승인이 거절되었습니다.",
    });
    expect(seen.map((s) => s.method)).toEqual(["POST"]);
  });

  it("after a 5xx asks for the order and reports DONE as succeeded, with exactly one charge", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { code: "FAILED_INTERNAL_SYSTEM_PROCESSING", message: "내부 시스템 처리 작업이 실패했습니다." },
          { status: 500 },
        );
      }),
      http.get(`${BASE}/v1/payments/orders/:orderId`, async ({ request, params }) => {
        await record(request);
        expect(params.orderId).toBe("INV-2024-05-0001");
        return HttpResponse.json(payment());
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({ status: "succeeded", gatewayRef: "tgen_20240501abcdEFGH" });
    expect(seen.filter((s) => s.method === "POST")).toHaveLength(1);
    const lookup = seen.find((s) => s.method === "GET")!;
    expect(lookup.path).toBe("/v1/payments/orders/INV-2024-05-0001");
    expect(lookup.headers.get("authorization")).toBe(BASIC);
  });

  it("after a timeout where the charge went through, reports succeeded without charging again", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        await delay(400); // Toss charged, but the answer comes after our 100 ms timeout
        return HttpResponse.json(payment());
      }),
      http.get(`${BASE}/v1/payments/orders/:orderId`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(payment());
      }),
    );
    const result = await gateway().charge(chargeInput);
    expect(result).toEqual({ status: "succeeded", gatewayRef: "tgen_20240501abcdEFGH" });
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET"]);
  });

  it("after a timeout with no such payment, throws GatewayTimeoutError", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        await delay(400);
        return HttpResponse.json(payment());
      }),
      http.get(`${BASE}/v1/payments/orders/:orderId`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { code: "NOT_FOUND_PAYMENT", message: "존재하지 않는 결제 입니다." },
          { status: 404 },
        );
      }),
    );
    await expect(gateway().charge(chargeInput)).rejects.toBeInstanceOf(GatewayTimeoutError);
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET"]);
  });

  it("treats a malformed body as a failure to resolve, not a crash", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        return new HttpResponse("<html>502 Bad Gateway</html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        });
      }),
      http.get(`${BASE}/v1/payments/orders/:orderId`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ unexpected: true });
      }),
    );
    await expect(gateway().charge(chargeInput)).rejects.toBeInstanceOf(GatewayTimeoutError);
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET"]);
  });

  it("treats a malformed 4xx body as declined", async () => {
    server.use(http.post(`${BASE}/v1/billing/:billingKey`, () => new HttpResponse("oops", { status: 400 })));
    expect(await gateway().charge(chargeInput)).toMatchObject({ status: "declined", code: "HTTP_400" });
  });

  it("resolves DUPLICATED_ORDER_ID on a later attempt by the order lookup (no double charge)", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { code: "DUPLICATED_ORDER_ID", message: "이미 승인 및 취소가 진행된 중복된 주문번호 입니다." },
          { status: 400 },
        );
      }),
      http.get(`${BASE}/v1/payments/orders/:orderId`, () => HttpResponse.json(payment())),
    );
    const result = await gateway().charge({ ...chargeInput, idempotencyKey: "inv-41-a2" });
    expect(result).toEqual({ status: "succeeded", gatewayRef: "tgen_20240501abcdEFGH" });
  });

  it("reports a looked-up ABORTED payment as declined with its failure code", async () => {
    server.use(
      http.post(`${BASE}/v1/billing/:billingKey`, () => HttpResponse.json({}, { status: 503 })),
      http.get(`${BASE}/v1/payments/orders/:orderId`, () =>
        HttpResponse.json(
          payment({
            status: "ABORTED",
            failure: { code: "REJECT_CARD_PAYMENT", message: "한도초과 혹은 잔액부족" },
          }),
        ),
      ),
    );
    expect(await gateway().charge(chargeInput)).toEqual({
      status: "declined",
      code: "REJECT_CARD_PAYMENT",
      message: "한도초과 혹은 잔액부족",
    });
  });
});

describe("TossGateway.refund", () => {
  it("cancels the payment with the Idempotency-Key and returns the cancel's transactionKey", async () => {
    server.use(
      http.post(`${BASE}/v1/payments/:paymentKey/cancel`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          payment({
            status: "PARTIAL_CANCELED",
            cancels: [{ transactionKey: "txrd_cancel_1", cancelAmount: 10000, cancelReason: "청약철회" }],
          }),
        );
      }),
    );
    const result = await gateway().refund({
      gatewayRef: "tgen_20240501abcdEFGH",
      amount: 10000,
      reason: "청약철회",
      idempotencyKey: "rf-9-p41",
    });
    expect(result).toEqual({ status: "succeeded", gatewayRef: "txrd_cancel_1" });
    expect(seen[0]!.path).toBe("/v1/payments/tgen_20240501abcdEFGH/cancel");
    expect(seen[0]!.headers.get("idempotency-key")).toBe("rf-9-p41");
    expect(seen[0]!.body).toEqual({ cancelReason: "청약철회", cancelAmount: 10000 });
  });
});

describe("TossGateway.deactivate", () => {
  const billingKeyPath = chargePath;

  it("deletes the billing key with Basic auth", async () => {
    server.use(
      http.delete(`${BASE}/v1/billing/:billingKey`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 200 });
      }),
    );
    expect(await gateway().deactivate({ token: chargeInput.token })).toEqual({ status: "deactivated" });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("DELETE");
    expect(seen[0]!.path).toBe(billingKeyPath); // the billingKey is URL-encoded in the path
    expect(seen[0]!.headers.get("authorization")).toBe(BASIC);
    expect(seen[0]!.body).toBeUndefined();
  });

  it("counts a billing key Toss no longer knows (404) as deactivated", async () => {
    server.use(
      http.delete(`${BASE}/v1/billing/:billingKey`, () =>
        HttpResponse.json(
          { code: "NOT_FOUND_BILLING_KEY", message: "존재하지 않는 빌링키입니다." },
          { status: 404 },
        ),
      ),
    );
    expect(await gateway().deactivate({ token: chargeInput.token })).toEqual({ status: "deactivated" });
  });

  it("reports another Toss 4xx as a final failure with its code", async () => {
    server.use(
      http.delete(`${BASE}/v1/billing/:billingKey`, () =>
        HttpResponse.json(
          { code: "UNAUTHORIZED_KEY", message: "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다." },
          { status: 401 },
        ),
      ),
    );
    expect(await gateway().deactivate({ token: chargeInput.token })).toEqual({
      status: "failed",
      code: "UNAUTHORIZED_KEY",
      retryable: false,
    });
  });

  it("reports a 5xx as a retryable failure with its code", async () => {
    server.use(
      http.delete(`${BASE}/v1/billing/:billingKey`, () =>
        HttpResponse.json(
          { code: "FAILED_INTERNAL_SYSTEM_PROCESSING", message: "내부 시스템 처리 작업이 실패했습니다." },
          { status: 500 },
        ),
      ),
    );
    expect(await gateway().deactivate({ token: chargeInput.token })).toEqual({
      status: "failed",
      code: "FAILED_INTERNAL_SYSTEM_PROCESSING",
      retryable: true,
    });
  });

  it("reports a timeout as a retryable failure", async () => {
    server.use(
      http.delete(`${BASE}/v1/billing/:billingKey`, async () => {
        await delay(400);
        return new HttpResponse(null, { status: 200 });
      }),
    );
    expect(await gateway().deactivate({ token: chargeInput.token })).toEqual({
      status: "failed",
      code: "gateway_timeout",
      retryable: true,
    });
  });

  it("refuses a token that is not a Toss token without calling Toss", async () => {
    expect(await gateway().deactivate({ token: "no-separator" })).toEqual({
      status: "failed",
      code: "invalid_token",
      retryable: false,
    });
    expect(seen).toHaveLength(0);
  });
});
