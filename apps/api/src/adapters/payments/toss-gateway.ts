import { z } from "zod";
import {
  CardDeclinedError,
  type CardRegistration,
  type ChargeResult,
  cardExpiryMonth,
  type DeactivationResult,
  GatewayTimeoutError,
  type PaymentGateway,
  type RegisteredMethod,
} from "./payment-gateway.js";

/**
 * Toss Payments 카드 자동결제 (billing), server to server with the secret key
 * (https://docs.tosspayments.com/guides/apis/card-billing, /reference/using-api/authorization):
 *
 * - registerCard → `POST /v1/billing/authorizations/card` → billingKey + masked card.
 * - charge → `POST /v1/billing/{billingKey}` with the `Idempotency-Key` header (valid 15 days,
 *   https://docs.tosspayments.com/guides/using-api/idempotency-key); the answer is a Payment.
 * - error bodies are `{ code, message }` (https://docs.tosspayments.com/reference/error-codes):
 *   a 4xx is a decline; a 5xx, a timeout, a lost connection or an unreadable success body leave
 *   the outcome unknown, so the adapter asks `GET /v1/payments/orders/{orderId}` before it answers
 *   (https://docs.tosspayments.com/guides/apis/get-payment): DONE → succeeded, a failed payment →
 *   declined, NOT_FOUND_PAYMENT (or no answer) → GatewayTimeoutError. A later attempt for the same
 *   orderId that Toss refuses as DUPLICATED_ORDER_ID / ALREADY_PROCESSED_PAYMENT is also resolved
 *   by that lookup, so a payment whose answer was lost is reported as paid, never charged twice.
 * - deactivate → `DELETE /v1/billing/{billingKey}`: 2xx or 404 (the key is already gone) means
 *   no one can charge it any more.
 *
 * Our token is `<customerKey>|<billingKey>`: the charge API needs both, and the interface only
 * carries the token. Toss customerKeys use letters, digits and `-_=.@` only, so `|` is a safe
 * separator; the first `|` splits.
 */
export const TOSS_API_BASE = "https://api.tosspayments.com";

export interface TossGatewayOptions {
  secretKey: string;
  /** Per request, milliseconds. Default 15 s. */
  timeoutMs?: number;
  baseUrl?: string;
}

const TossError = z.object({ code: z.string().min(1), message: z.string() });

const TossBilling = z.object({
  billingKey: z.string().min(1),
  customerKey: z.string().optional(),
  card: z.object({ company: z.string().nullish(), number: z.string().nullish() }).nullish(),
  cardCompany: z.string().nullish(),
  cardNumber: z.string().nullish(),
});

const TossPayment = z.object({
  paymentKey: z.string().min(1),
  orderId: z.string(),
  status: z.string(),
  totalAmount: z.number().optional(),
  failure: z.object({ code: z.string(), message: z.string() }).nullish(),
});
type TossPayment = z.infer<typeof TossPayment>;

const TossCanceled = z.object({
  paymentKey: z.string().min(1),
  cancels: z.array(z.object({ transactionKey: z.string().nullish() })).nullish(),
});

/** Refusals that mean the billing key no longer exists, whatever the HTTP status. */
const BILLING_KEY_GONE = new Set(["NOT_FOUND_BILLING_KEY", "NOT_FOUND_BILLING"]);

/** Statuses that mean this order was paid (a partial refund is a credit note of ours, not a failure). */
const PAID = new Set(["DONE", "PARTIAL_CANCELED"]);
/** Final and unpaid (CANCELED: paid, then fully refunded; never report that as collected). */
const UNPAID = new Set(["ABORTED", "EXPIRED", "CANCELED"]);
/** Refusals that mean "this orderId was already processed": look it up. */
const ALREADY_PROCESSED = new Set(["DUPLICATED_ORDER_ID", "ALREADY_PROCESSED_PAYMENT"]);

type Outcome =
  | { kind: "response"; status: number; body: unknown }
  | { kind: "timeout" }
  | { kind: "network"; error: unknown };

export class TossGateway implements PaymentGateway {
  readonly name = "toss";
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly baseUrl: string;

  constructor(options: TossGatewayOptions) {
    if (!options.secretKey) throw new Error("TossGateway needs a secret key (TOSS_SECRET_KEY)");
    this.authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString("base64")}`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.baseUrl = (options.baseUrl ?? TOSS_API_BASE).replace(/\/$/, "");
  }

  async registerCard(input: CardRegistration): Promise<RegisteredMethod> {
    const expiry = /^(\d{2})\/?(\d{2})$/.exec(input.expiry.replace(/\s/g, ""));
    const birth = /^\d{2}(\d{2})-?(\d{2})-?(\d{2})$/.exec(input.birthDate);
    if (!expiry)
      throw new CardDeclinedError("INVALID_CARD_EXPIRATION", "카드 유효기간(MM/YY)을 확인해 주세요");
    if (!birth) throw new CardDeclinedError("INVALID_BIRTH_DATE", "생년월일을 확인해 주세요");
    const outcome = await this.request("POST", "/v1/billing/authorizations/card", {
      body: {
        customerKey: input.customerKey,
        cardNumber: input.cardNumber.replace(/\D/g, ""),
        cardExpirationYear: expiry[2],
        cardExpirationMonth: expiry[1],
        customerIdentityNumber: `${birth[1]}${birth[2]}${birth[3]}`,
      },
    });
    if (outcome.kind !== "response" || outcome.status >= 500) {
      // Nothing is charged at registration; the customer can simply try again.
      throw new GatewayTimeoutError();
    }
    if (outcome.status >= 400) {
      const error = TossError.safeParse(outcome.body);
      throw error.success
        ? new CardDeclinedError(error.data.code, error.data.message)
        : new CardDeclinedError(`HTTP_${outcome.status}`, "카드 등록이 거절되었습니다");
    }
    const billing = TossBilling.safeParse(outcome.body);
    if (!billing.success) throw new GatewayTimeoutError("토스페이먼츠 응답을 해석할 수 없습니다");
    const company = billing.data.card?.company ?? billing.data.cardCompany;
    const number = billing.data.card?.number ?? billing.data.cardNumber;
    const last4 = number?.replace(/\D/g, "").slice(-4);
    const masked = number ?? (last4 ? `**** ${last4}` : "");
    return {
      token: encodeTossToken(input.customerKey, billing.data.billingKey),
      display: [company ? `${company}카드` : "카드", masked].filter(Boolean).join(" "),
      // Toss's Billing answer does not repeat the expiry; it is the one Toss just accepted.
      cardExpiry: cardExpiryMonth(`${expiry[1]}/${expiry[2]}`),
    };
  }

  async charge(input: Parameters<PaymentGateway["charge"]>[0]): Promise<ChargeResult> {
    const { customerKey, billingKey } = decodeTossToken(input.token);
    const outcome = await this.request("POST", `/v1/billing/${encodeURIComponent(billingKey)}`, {
      body: {
        customerKey,
        amount: input.amount,
        // The penalty and late-interest part carries no VAT (Toss works out VAT on the rest).
        taxFreeAmount: input.taxFreeAmount,
        orderId: input.orderId,
        orderName: input.orderName,
      },
      headers: { "Idempotency-Key": input.idempotencyKey },
    });
    if (outcome.kind === "response" && outcome.status < 300) {
      const payment = TossPayment.safeParse(outcome.body);
      // An unreadable 2xx may still be a payment: ask rather than guess.
      if (payment.success) return this.fromPayment(payment.data, input.amount);
    } else if (outcome.kind === "response" && outcome.status >= 400 && outcome.status < 500) {
      const error = TossError.safeParse(outcome.body);
      if (!error.success) {
        return { status: "declined", code: `HTTP_${outcome.status}`, message: "결제가 거절되었습니다" };
      }
      // 409: the same Idempotency-Key is still being processed; the outcome is not known yet.
      if (!ALREADY_PROCESSED.has(error.data.code) && outcome.status !== 409) {
        return { status: "declined", code: error.data.code, message: error.data.message };
      }
    }
    return this.resolveByOrderId(input.orderId, input.amount);
  }

  /**
   * `POST /v1/payments/{paymentKey}/cancel` (cancelReason, cancelAmount) with the Idempotency-Key,
   * so an unknown outcome is retried once with the same key; gatewayRef = the cancel's
   * transactionKey.
   */
  async refund(input: {
    gatewayRef: string;
    amount: number;
    reason: string;
    idempotencyKey: string;
  }): Promise<{ status: "succeeded"; gatewayRef: string } | { status: "failed"; code: string }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const outcome = await this.request(
        "POST",
        `/v1/payments/${encodeURIComponent(input.gatewayRef)}/cancel`,
        {
          body: { cancelReason: input.reason.slice(0, 200) || "환불", cancelAmount: input.amount },
          headers: { "Idempotency-Key": input.idempotencyKey },
        },
      );
      if (outcome.kind === "response" && outcome.status < 300) {
        const payment = TossCanceled.safeParse(outcome.body);
        if (payment.success) {
          const last = payment.data.cancels?.at(-1);
          return { status: "succeeded", gatewayRef: last?.transactionKey ?? payment.data.paymentKey };
        }
      } else if (
        outcome.kind === "response" &&
        outcome.status >= 400 &&
        outcome.status < 500 &&
        outcome.status !== 409
      ) {
        const error = TossError.safeParse(outcome.body);
        return { status: "failed", code: error.success ? error.data.code : `HTTP_${outcome.status}` };
      }
    }
    return { status: "failed", code: "gateway_timeout" };
  }

  /**
   * Toss's Idempotency-Key applies to POST requests only; a DELETE is safe to repeat as it is
   * (a second one answers 404, which counts as done).
   */
  async deactivate(input: { token: string; idempotencyKey?: string }): Promise<DeactivationResult> {
    let billingKey: string;
    try {
      billingKey = decodeTossToken(input.token).billingKey;
    } catch {
      return { status: "failed", code: "invalid_token", retryable: false };
    }
    const outcome = await this.request("DELETE", `/v1/billing/${encodeURIComponent(billingKey)}`, {});
    if (outcome.kind !== "response") return { status: "failed", code: "gateway_timeout", retryable: true };
    if (outcome.status < 300 || outcome.status === 404) return { status: "deactivated" };
    const error = TossError.safeParse(outcome.body);
    const code = error.success ? error.data.code : `HTTP_${outcome.status}`;
    if (BILLING_KEY_GONE.has(code)) return { status: "deactivated" };
    const retryable = outcome.status >= 500 || outcome.status === 409 || outcome.status === 429;
    return { status: "failed", code, retryable };
  }

  /** After an unknown outcome: what does Toss know about this order? */
  private async resolveByOrderId(orderId: string, amount: number): Promise<ChargeResult> {
    const outcome = await this.request("GET", `/v1/payments/orders/${encodeURIComponent(orderId)}`, {});
    if (outcome.kind === "response" && outcome.status < 300) {
      const payment = TossPayment.safeParse(outcome.body);
      if (payment.success && payment.data.orderId === orderId) return this.fromPayment(payment.data, amount);
    }
    throw new GatewayTimeoutError(
      outcome.kind === "response" && outcome.status === 404
        ? "토스페이먼츠가 응답하지 않았고, 이 주문의 결제는 없습니다"
        : "토스페이먼츠가 응답하지 않아 결제 여부를 확인하지 못했습니다",
    );
  }

  private fromPayment(payment: TossPayment, amount: number): ChargeResult {
    if (PAID.has(payment.status)) {
      if (payment.totalAmount !== undefined && payment.totalAmount !== amount) {
        return {
          status: "declined",
          code: "ORDER_AMOUNT_MISMATCH",
          message: `주문 ${payment.orderId}은(는) 다른 금액(${payment.totalAmount}원)으로 결제되었습니다`,
        };
      }
      return { status: "succeeded", gatewayRef: payment.paymentKey };
    }
    if (UNPAID.has(payment.status)) {
      return {
        status: "declined",
        code: payment.failure?.code ?? payment.status,
        message: payment.failure?.message ?? "결제가 완료되지 않았습니다",
      };
    }
    // READY, IN_PROGRESS, WAITING_FOR_DEPOSIT: not settled yet.
    throw new GatewayTimeoutError(`토스페이먼츠 결제가 아직 처리 중입니다 (${payment.status})`);
  }

  private async request(
    method: "GET" | "POST" | "DELETE",
    path: string,
    options: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Outcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: this.authorization,
          ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
      const text = await response.text();
      return { kind: "response", status: response.status, body: parseJson(text) };
    } catch (error) {
      return controller.signal.aborted ? { kind: "timeout" } : { kind: "network", error };
    } finally {
      clearTimeout(timer);
    }
  }
}

export function encodeTossToken(customerKey: string, billingKey: string): string {
  if (customerKey.includes("|")) throw new Error("A Toss customerKey cannot contain '|'");
  return `${customerKey}|${billingKey}`;
}

export function decodeTossToken(token: string): { customerKey: string; billingKey: string } {
  const at = token.indexOf("|");
  if (at <= 0 || at === token.length - 1) {
    throw new Error("Not a Toss payment token (expected <customerKey>|<billingKey>)");
  }
  return { customerKey: token.slice(0, at), billingKey: token.slice(at + 1) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
