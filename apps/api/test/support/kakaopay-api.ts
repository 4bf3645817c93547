import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

// KakaoPay's open API in the shapes of developers.kakaopay.com/docs/payment/online/{single-payment,
// subscription,payment-detail}: JSON bodies, `Authorization: SECRET_KEY …`, errors
// {error_code, error_message, extras}. Shared by every test that talks to KakaoPay through msw.
export const KAKAOPAY_BASE = "https://open-api.kakaopay.com";
export const KAKAOPAY_SECRET = "DEV7C1F4A1B2C3D4E5F6";
export const KAKAOPAY_CID = "TCSUBSCRIP";
export const SID = "S1234567890987654321";
export const TID = "T1234567890123456789";
export const KAKAOPAY_TOKEN = `ssp-1-7|${SID}`;

export interface SeenRequest {
  path: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * An msw server for the file, started and reset by vitest hooks. Requests to 127.0.0.1 (the app
 * under supertest) pass through; anything else unhandled fails the test.
 */
export function mockKakaoPayApi() {
  const server = setupServer();
  const seen: SeenRequest[] = [];
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) =>
        new URL(request.url).hostname === "127.0.0.1" ? undefined : print.error(),
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => server.close());
  return {
    server,
    seen,
    async record(request: Request) {
      seen.push({
        path: new URL(request.url).pathname,
        headers: request.headers,
        body: (await request.clone().json()) as Record<string, unknown>,
      });
    },
    calls: (path: string) => seen.filter((s) => s.path === path),
  };
}

export function subscriptionPaid(partnerOrderId = "inv-41-a1") {
  return {
    aid: "A1234567890123456789",
    tid: TID,
    cid: KAKAOPAY_CID,
    sid: SID,
    partner_order_id: partnerOrderId,
    partner_user_id: "ssp-1-7",
    payment_method_type: "CARD",
    item_name: "CHP-7210N 정수기 5월 렌탈료",
    quantity: 1,
    amount: { total: 33000, tax_free: 0, vat: 3000, point: 0, discount: 0, green_deposit: 0 },
    created_at: "2024-05-01T10:00:00",
    approved_at: "2024-05-01T10:00:01",
  };
}

export function kakaoOrder(status: string) {
  return {
    tid: TID,
    cid: KAKAOPAY_CID,
    status,
    partner_order_id: "inv-41-a1",
    partner_user_id: "ssp-1-7",
    payment_method_type: "CARD",
    amount: { total: 33000, tax_free: 0, vat: 3000, point: 0, discount: 0, green_deposit: 0 },
    canceled_amount: { total: 0, tax_free: 0, vat: 0, point: 0, discount: 0, green_deposit: 0 },
    item_name: "CHP-7210N 정수기 5월 렌탈료",
    quantity: 1,
    created_at: "2024-05-01T10:00:00",
    approved_at: "2024-05-01T10:00:01",
  };
}

export function sidStatus(
  status: "ACTIVE" | "INACTIVE",
  lastApprovedAt: string | null = "2024-04-01T10:00:01",
  sid = SID,
) {
  return {
    available: status === "ACTIVE",
    cid: KAKAOPAY_CID,
    sid,
    status,
    payment_method_type: "CARD",
    item_name: "CHP-7210N 정수기",
    created_at: "2024-01-01T10:00:00",
    last_approved_at: lastApprovedAt,
    inactivated_at: status === "INACTIVE" ? "2024-04-20T09:00:00" : null,
  };
}

/** The answer of `POST /online/v1/payment/manage/subscription/inactive`. */
export function sidInactivated(sid = SID) {
  return {
    cid: KAKAOPAY_CID,
    sid,
    status: "INACTIVE",
    created_at: "2024-01-01T10:00:00",
    last_approved_at: "2024-04-01T10:00:01",
    inactivated_at: "2024-05-31T18:00:00",
  };
}
