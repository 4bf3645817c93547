import { z } from "zod";
import {
  CardDeclinedError,
  type CardRegistration,
  type ChargeResult,
  type DeactivationResult,
  GatewayTimeoutError,
  type PaymentGateway,
  type RedirectCompleted,
  type RedirectCompletion,
  type RedirectStart,
  type RedirectStarted,
  type RegisteredMethod,
} from "./payment-gateway.js";

/**
 * KakaoPay 정기결제 through the KakaoPay open API (host open-api.kakaopay.com, JSON bodies,
 * `Authorization: SECRET_KEY <secret>`; developers.kakaopay.com/docs/payment/online/*):
 *
 * - registration is a redirect: `startRedirect` → `POST /online/v1/payment/ready` (the recurring
 *   CID) → tid + redirect URLs; the customer approves at KakaoPay, which appends `pg_token` to
 *   approval_url; `completeRedirect` → `POST /online/v1/payment/approve` → the first payment and
 *   the SID. `registerCard` does not apply and throws {@link KakaoPayRedirectRequiredError}.
 * - charge → `POST /online/v1/payment/subscription` (cid, sid, partner_order_id, partner_user_id,
 *   item_name, quantity, total_amount, tax_free_amount) → `{ aid, tid, … }`; gatewayRef = tid.
 * - errors come as `{ error_code, error_message, extras: { method_result_code,
 *   method_result_message } }`: a 4xx is a decline. After a decline the SID is checked with
 *   `POST /online/v1/payment/manage/subscription/status`; an INACTIVE SID is reported as the
 *   decline code `kakaopay_sid_inactive` (the customer must register again).
 * - deactivate → `POST /online/v1/payment/manage/subscription/inactive` (cid, sid) → the SID with
 *   status INACTIVE. On an error answer the SID status decides: already INACTIVE counts as done.
 *
 * No idempotency key: KakaoPay's order lookup (`POST /online/v1/payment/order`) takes cid + tid
 * only (there is no lookup by partner_order_id), and the tid comes only in the charge's answer. So
 * when a charge times out (or gets a 5xx, a dropped connection or an unreadable body) the
 * adapter:
 *   1. keeps the request open in the background (`lateAnswerMs`) so a late answer still yields
 *      the tid, and records the attempt in the {@link KakaoPayLedger} under our orderId;
 *   2. waits `recoveryWaitMs` for that late answer; with a tid it asks the order's status
 *      (SUCCESS_PAYMENT → succeeded, no new charge);
 *   3. otherwise throws GatewayTimeoutError and leaves the attempt in doubt. Every later charge of
 *      the same orderId (any attempt/idempotency key) first resolves the doubt: by the order
 *      status when a tid arrived meanwhile; without a tid only once the attempt is older than
 *      `settleMs` and the SID's `last_approved_at` shows no approval since the attempt began.
 *      Until then it throws GatewayTimeoutError and never charges again.
 * The default ledger is in memory (one process); give a persistent one for several processes.
 *
 * Our token is `<partner_user_id>|<sid>`: the subscription request needs the same
 * partner_user_id as the first payment, and the interface only carries the token. The SID never
 * contains `|`; the last `|` splits. partner_order_id = our idempotencyKey (one per attempt).
 */
export const KAKAOPAY_API_BASE = "https://open-api.kakaopay.com";

export interface KakaoPayGatewayOptions {
  secretKey: string;
  /** The recurring (정기결제) CID; TCSUBSCRIP in KakaoPay's test environment. */
  cid: string;
  /** How long a charge waits for KakaoPay's answer. Default 15 s. */
  timeoutMs?: number;
  /** After a timeout, how long the charge keeps waiting for the late answer. Default 5 s. */
  recoveryWaitMs?: number;
  /** How long a timed-out charge request stays open in the background. Default 120 s. */
  lateAnswerMs?: number;
  /** Age after which an in-doubt attempt without tid may be cleared by the SID status. Default 30 min. */
  settleMs?: number;
  ledger?: KakaoPayLedger;
  now?: () => Date;
  baseUrl?: string;
}

/** A charge whose outcome is not known yet, kept until KakaoPay's order status settles it. */
export interface KakaoPayPendingCharge {
  orderId: string;
  partnerOrderId: string;
  partnerUserId: string;
  sid: string;
  amount: number;
  /** ISO timestamp of the request. */
  startedAt: string;
  /** Filled in when KakaoPay's (late) answer arrives. */
  tid?: string;
  /**
   * When KakaoPay confirmed the charge. The entry is kept a while after that
   * ({@link CONFIRMED_RETENTION_DAYS}): if the transaction that was to record the payment rolls
   * back, the same order comes again, and the confirmation answers it instead of a second charge.
   */
  confirmedAt?: string;
}

/** How long a confirmed charge is remembered: longer than any re-run of a failed batch takes. */
export const CONFIRMED_RETENTION_DAYS = 7;

export interface KakaoPayLedger {
  get(orderId: string): Promise<KakaoPayPendingCharge | undefined>;
  put(entry: KakaoPayPendingCharge): Promise<void>;
  delete(orderId: string): Promise<void>;
}

export class InMemoryKakaoPayLedger implements KakaoPayLedger {
  private readonly entries = new Map<string, KakaoPayPendingCharge>();
  async get(orderId: string) {
    return this.entries.get(orderId);
  }
  async put(entry: KakaoPayPendingCharge) {
    this.entries.set(entry.orderId, { ...entry });
  }
  async delete(orderId: string) {
    this.entries.delete(orderId);
  }
}

/** KakaoPay registers through its own payment page, never with a card number. */
export class KakaoPayRedirectRequiredError extends CardDeclinedError {
  constructor() {
    super(
      "redirect_required",
      "카카오페이는 카드 번호로 등록할 수 없습니다. 카카오페이 결제 화면(ready/approve)으로 등록해 주세요",
    );
    this.name = "KakaoPayRedirectRequiredError";
  }
}

export const KAKAOPAY_SID_INACTIVE = "kakaopay_sid_inactive";

const KakaoError = z.object({
  error_code: z.union([z.number(), z.string()]),
  error_message: z.string().nullish(),
  extras: z
    .object({ method_result_code: z.string().nullish(), method_result_message: z.string().nullish() })
    .nullish(),
});
type KakaoError = z.infer<typeof KakaoError>;

const ReadyResponse = z.object({
  tid: z.string().min(1),
  next_redirect_pc_url: z.string().min(1),
  next_redirect_mobile_url: z.string().min(1),
  next_redirect_app_url: z.string().nullish(),
});

const Amount = z.object({ total: z.number() });
const CardInfo = z
  .object({
    kakaopay_issuer_corp: z.string().nullish(),
    kakaopay_purchase_corp: z.string().nullish(),
    issuer_corp: z.string().nullish(),
  })
  .nullish();

const ApproveResponse = z.object({
  tid: z.string().min(1),
  sid: z.string().min(1),
  payment_method_type: z.string().nullish(),
  amount: Amount,
  card_info: CardInfo,
});

const SubscriptionResponse = z.object({ aid: z.string().nullish(), tid: z.string().min(1) });

const OrderResponse = z.object({
  tid: z.string(),
  status: z.string(),
  canceled_amount: z.object({ total: z.number() }).nullish(),
});

const CancelResponse = z.object({ aid: z.string().nullish(), tid: z.string().min(1) });

const InactiveResponse = z.object({ sid: z.string(), status: z.literal("INACTIVE") });

const SidStatus = z.object({
  available: z.boolean().nullish(),
  status: z.string(),
  last_approved_at: z.string().nullish(),
});

const PAID = new Set(["SUCCESS_PAYMENT", "PART_CANCEL_PAYMENT"]);
const FAILED = new Set(["FAIL_PAYMENT", "QUIT_PAYMENT", "FAIL_AUTH_PASSWORD"]);

type Outcome =
  | { kind: "response"; status: number; body: unknown }
  | { kind: "timeout" }
  | { kind: "network"; error: unknown };

type Interpreted =
  | { kind: "paid"; tid: string }
  | { kind: "refused"; status: number; error: KakaoError | null }
  | { kind: "unknown" };

type Resolution = { kind: "final"; result: ChargeResult } | { kind: "charge_again" };

const WAITED = Symbol("waited");

export class KakaoPayGateway implements PaymentGateway {
  readonly name = "kakaopay";
  private readonly authorization: string;
  private readonly cid: string;
  private readonly timeoutMs: number;
  private readonly recoveryWaitMs: number;
  private readonly lateAnswerMs: number;
  private readonly settleMs: number;
  private readonly ledger: KakaoPayLedger;
  private readonly now: () => Date;
  private readonly baseUrl: string;

  constructor(options: KakaoPayGatewayOptions) {
    if (!options.secretKey) throw new Error("KakaoPayGateway needs a secret key (KAKAOPAY_SECRET_KEY)");
    if (!options.cid) throw new Error("KakaoPayGateway needs the recurring CID (KAKAOPAY_CID)");
    this.authorization = `SECRET_KEY ${options.secretKey}`;
    this.cid = options.cid;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.recoveryWaitMs = options.recoveryWaitMs ?? 5_000;
    this.lateAnswerMs = Math.max(options.lateAnswerMs ?? 120_000, this.timeoutMs + this.recoveryWaitMs);
    this.settleMs = Math.max(options.settleMs ?? 30 * 60_000, this.lateAnswerMs);
    this.ledger = options.ledger ?? new InMemoryKakaoPayLedger();
    this.now = options.now ?? (() => new Date());
    this.baseUrl = (options.baseUrl ?? KAKAOPAY_API_BASE).replace(/\/$/, "");
  }

  async registerCard(_input: CardRegistration): Promise<RegisteredMethod> {
    throw new KakaoPayRedirectRequiredError();
  }

  async startRedirect(input: RedirectStart): Promise<RedirectStarted> {
    const outcome = await this.post(
      "/online/v1/payment/ready",
      {
        cid: this.cid,
        partner_order_id: input.orderId,
        partner_user_id: input.customerKey,
        item_name: input.orderName,
        quantity: 1,
        total_amount: input.amount,
        tax_free_amount: 0,
        approval_url: input.approvalUrl,
        cancel_url: input.cancelUrl,
        fail_url: input.failUrl,
      },
      this.timeoutMs,
    );
    const ready = ReadyResponse.safeParse(this.okBody(outcome));
    if (!ready.success) throw new GatewayTimeoutError("카카오페이 결제 준비 응답을 해석할 수 없습니다");
    return {
      redirectId: ready.data.tid,
      pcUrl: ready.data.next_redirect_pc_url,
      mobileUrl: ready.data.next_redirect_mobile_url,
      appUrl: ready.data.next_redirect_app_url ?? null,
    };
  }

  async completeRedirect(input: RedirectCompletion): Promise<RedirectCompleted> {
    const outcome = await this.post(
      "/online/v1/payment/approve",
      {
        cid: this.cid,
        tid: input.redirectId,
        partner_order_id: input.orderId,
        partner_user_id: input.customerKey,
        pg_token: input.approvalToken,
      },
      this.timeoutMs,
    );
    const approved = ApproveResponse.safeParse(this.okBody(outcome));
    if (!approved.success) {
      throw new GatewayTimeoutError(
        `카카오페이 승인 응답을 확인하지 못했습니다 (tid ${input.redirectId}); 주문 상태를 확인해 주세요`,
      );
    }
    const card = approved.data.card_info;
    const issuer = card?.kakaopay_issuer_corp ?? card?.issuer_corp ?? card?.kakaopay_purchase_corp;
    return {
      token: encodeKakaoPayToken(input.customerKey, approved.data.sid),
      display:
        approved.data.payment_method_type === "MONEY"
          ? "카카오페이머니"
          : issuer
            ? `카카오페이 (${issuer})`
            : "카카오페이",
      firstPayment: { gatewayRef: approved.data.tid, amount: approved.data.amount.total },
    };
  }

  async charge(input: Parameters<PaymentGateway["charge"]>[0]): Promise<ChargeResult> {
    const { partnerUserId, sid } = decodeKakaoPayToken(input.token);

    const pending = await this.ledger.get(input.orderId);
    if (pending?.confirmedAt && pending.tid) {
      // KakaoPay took this order's money, yet our records ask again: the transaction that was to
      // record it did not commit. Had it committed, the invoice would owe nothing. The same
      // amount is that payment; another amount is a new question, charged as one.
      if (pending.amount === input.amount) return { status: "succeeded", gatewayRef: pending.tid };
      await this.ledger.delete(input.orderId);
    } else if (pending) {
      // An earlier attempt for this order ended in doubt: settle it before anything is charged.
      const resolution = await this.resolve(pending, { mayClearWithoutTid: true });
      if (resolution.kind === "final") return resolution.result;
    }

    const entry: KakaoPayPendingCharge = {
      orderId: input.orderId,
      partnerOrderId: input.idempotencyKey,
      partnerUserId,
      sid,
      amount: input.amount,
      startedAt: this.now().toISOString(),
    };
    await this.ledger.put(entry);
    // Recorded before anyone reads it: a late answer's tid is in the ledger when `answer` settles.
    const answer = this.post(
      "/online/v1/payment/subscription",
      {
        cid: this.cid,
        sid,
        partner_order_id: input.idempotencyKey,
        partner_user_id: partnerUserId,
        item_name: input.orderName,
        quantity: 1,
        total_amount: input.amount,
        // The penalty and late-interest part carries no VAT; KakaoPay works out VAT on the rest.
        tax_free_amount: input.taxFreeAmount,
      },
      this.lateAnswerMs,
    ).then(async (outcome) => {
      const interpreted = interpret(outcome);
      const current = await this.ledger.get(entry.orderId);
      if (current?.partnerOrderId === entry.partnerOrderId) {
        if (interpreted.kind === "paid") await this.ledger.put({ ...current, tid: interpreted.tid });
        if (interpreted.kind === "refused") await this.ledger.delete(entry.orderId);
      }
      return interpreted;
    });

    let settled = await within(answer, this.timeoutMs);
    if (settled === WAITED) settled = await within(answer, this.recoveryWaitMs);
    else if (settled.kind === "paid") {
      await this.confirm(entry, settled.tid);
      return { status: "succeeded", gatewayRef: settled.tid };
    }
    if (settled !== WAITED && settled.kind === "refused") return this.decline(sid, settled);

    // In doubt: ask KakaoPay about the order if the (late) answer gave us its tid.
    const doubtful = (await this.ledger.get(entry.orderId)) ?? entry;
    const resolution = await this.resolve(doubtful, { mayClearWithoutTid: false });
    if (resolution.kind === "final") return resolution.result;
    return { status: "declined", code: "FAIL_PAYMENT", message: "카카오페이 결제가 실패했습니다" };
  }

  /**
   * `POST /online/v1/payment/cancel` (cid, tid, cancel_amount, cancel_tax_free_amount). KakaoPay
   * has no idempotency key: the order's canceled total is read first, and after an unknown outcome
   * read again, so a refund whose answer was lost is reported as done rather than repeated.
   */
  async refund(input: {
    gatewayRef: string;
    amount: number;
    reason: string;
    idempotencyKey: string;
  }): Promise<{ status: "succeeded"; gatewayRef: string } | { status: "failed"; code: string }> {
    const before = await this.canceledTotal(input.gatewayRef);
    if (before === null) return { status: "failed", code: "gateway_timeout" };
    const outcome = await this.post(
      "/online/v1/payment/cancel",
      { cid: this.cid, tid: input.gatewayRef, cancel_amount: input.amount, cancel_tax_free_amount: 0 },
      this.timeoutMs,
    );
    if (outcome.kind === "response" && outcome.status < 300) {
      const canceled = CancelResponse.safeParse(outcome.body);
      if (canceled.success)
        return { status: "succeeded", gatewayRef: canceled.data.aid ?? canceled.data.tid };
    } else if (outcome.kind === "response" && outcome.status < 500) {
      const error = KakaoError.safeParse(outcome.body);
      return {
        status: "failed",
        code: error.success ? String(error.data.error_code) : `HTTP_${outcome.status}`,
      };
    }
    const after = await this.canceledTotal(input.gatewayRef);
    return after !== null && after >= before + input.amount
      ? { status: "succeeded", gatewayRef: `${input.gatewayRef}:cancel:${after}` }
      : { status: "failed", code: "gateway_timeout" };
  }

  async deactivate(input: { token: string; idempotencyKey?: string }): Promise<DeactivationResult> {
    let sid: string;
    try {
      sid = decodeKakaoPayToken(input.token).sid;
    } catch {
      return { status: "failed", code: "invalid_token", retryable: false };
    }
    const outcome = await this.post(
      "/online/v1/payment/manage/subscription/inactive",
      { cid: this.cid, sid },
      this.timeoutMs,
    );
    if (outcome.kind !== "response" || outcome.status >= 500 || outcome.status === 429) {
      return {
        status: "failed",
        code: outcome.kind === "response" ? `HTTP_${outcome.status}` : "gateway_timeout",
        retryable: true,
      };
    }
    if (outcome.status < 300) {
      return InactiveResponse.safeParse(outcome.body).success
        ? { status: "deactivated" }
        : { status: "failed", code: "unreadable_answer", retryable: true };
    }
    const error = KakaoError.safeParse(outcome.body);
    const code = error.success ? String(error.data.error_code) : `HTTP_${outcome.status}`;
    // KakaoPay refuses to inactivate a SID that is already inactive; that is the outcome we want.
    const status = await this.sidStatus(sid);
    if (status?.status === "INACTIVE") return { status: "deactivated" };
    // Without the status we cannot tell "already inactive" from a real refusal: ask again later.
    return { status: "failed", code, retryable: status === null };
  }

  private async canceledTotal(tid: string): Promise<number | null> {
    const outcome = await this.post("/online/v1/payment/order", { cid: this.cid, tid }, this.timeoutMs);
    if (outcome.kind !== "response" || outcome.status >= 300) return null;
    const order = OrderResponse.safeParse(outcome.body);
    return order.success ? (order.data.canceled_amount?.total ?? 0) : null;
  }

  /** KakaoPay took the money: remember it until our own records surely have it. */
  private async confirm(entry: KakaoPayPendingCharge, tid: string): Promise<void> {
    await this.ledger.put({ ...entry, tid, confirmedAt: this.now().toISOString() });
  }

  /** Settles an attempt whose answer we did not get in time. Throws while it stays unknown. */
  private async resolve(
    pending: KakaoPayPendingCharge,
    options: { mayClearWithoutTid: boolean },
  ): Promise<Resolution> {
    if (pending.tid) {
      const outcome = await this.post(
        "/online/v1/payment/order",
        { cid: this.cid, tid: pending.tid },
        this.timeoutMs,
      );
      const order =
        outcome.kind === "response" && outcome.status < 300 ? OrderResponse.safeParse(outcome.body) : null;
      if (!order?.success) {
        throw new GatewayTimeoutError(
          `카카오페이 주문 ${pending.partnerOrderId} (tid ${pending.tid})의 결제 여부를 확인하지 못했습니다`,
        );
      }
      if (PAID.has(order.data.status)) {
        await this.confirm(pending, pending.tid);
        return { kind: "final", result: { status: "succeeded", gatewayRef: pending.tid } };
      }
      if (order.data.status === "CANCEL_PAYMENT") {
        await this.ledger.delete(pending.orderId);
        return {
          kind: "final",
          result: {
            status: "declined",
            code: "CANCEL_PAYMENT",
            message: "이 주문의 카카오페이 결제는 취소되었습니다",
          },
        };
      }
      if (FAILED.has(order.data.status)) {
        await this.ledger.delete(pending.orderId);
        return { kind: "charge_again" };
      }
      throw new GatewayTimeoutError(`카카오페이 결제가 아직 처리 중입니다 (${order.data.status})`);
    }
    if (options.mayClearWithoutTid && (await this.noApprovalSince(pending))) {
      await this.ledger.delete(pending.orderId);
      return { kind: "charge_again" };
    }
    throw new GatewayTimeoutError(
      `카카오페이가 주문 ${pending.partnerOrderId}에 응답하지 않아 결제 여부를 알 수 없습니다. 확인 전에는 다시 청구하지 않습니다`,
    );
  }

  /** Without a tid: only an old attempt on a SID with no approval since it began is known unpaid. */
  private async noApprovalSince(pending: KakaoPayPendingCharge): Promise<boolean> {
    const started = Date.parse(pending.startedAt);
    if (!(this.now().getTime() - started >= this.settleMs)) return false;
    const status = await this.sidStatus(pending.sid);
    if (!status) return false;
    if (!status.last_approved_at) return true;
    const approved = parseKakaoTime(status.last_approved_at);
    return approved !== null && approved < started;
  }

  private async decline(
    sid: string,
    refused: { status: number; error: KakaoError | null },
  ): Promise<ChargeResult> {
    const status = await this.sidStatus(sid);
    if (status && (status.status === "INACTIVE" || status.available === false)) {
      return {
        status: "declined",
        code: KAKAOPAY_SID_INACTIVE,
        message: "카카오페이 정기결제(SID)가 비활성화되어 결제할 수 없습니다. 결제수단을 다시 등록해 주세요",
      };
    }
    const error = refused.error;
    if (!error)
      return {
        status: "declined",
        code: `HTTP_${refused.status}`,
        message: "카카오페이 결제가 거절되었습니다",
      };
    const method = error.extras?.method_result_code;
    return {
      status: "declined",
      code: method ? `${error.error_code}/${method}` : String(error.error_code),
      message:
        error.extras?.method_result_message ?? error.error_message ?? "카카오페이 결제가 거절되었습니다",
    };
  }

  private async sidStatus(sid: string): Promise<z.infer<typeof SidStatus> | null> {
    const outcome = await this.post(
      "/online/v1/payment/manage/subscription/status",
      { cid: this.cid, sid },
      this.timeoutMs,
    );
    if (outcome.kind !== "response" || outcome.status >= 300) return null;
    const parsed = SidStatus.safeParse(outcome.body);
    return parsed.success ? parsed.data : null;
  }

  /** A 2xx body, or the error a registration step raises (registration moves no money on failure). */
  private okBody(outcome: Outcome): unknown {
    if (outcome.kind === "response" && outcome.status < 300) return outcome.body;
    if (outcome.kind === "response" && outcome.status < 500) {
      const error = KakaoError.safeParse(outcome.body);
      throw error.success
        ? new CardDeclinedError(
            String(error.data.error_code),
            error.data.extras?.method_result_message ??
              error.data.error_message ??
              "카카오페이 요청이 거절되었습니다",
          )
        : new CardDeclinedError(`HTTP_${outcome.status}`, "카카오페이 요청이 거절되었습니다");
    }
    throw new GatewayTimeoutError();
  }

  private async post(path: string, body: Record<string, unknown>, timeoutMs: number): Promise<Outcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method: "POST",
        headers: { Authorization: this.authorization, "Content-Type": "application/json" },
        body: JSON.stringify(body),
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

function interpret(outcome: Outcome): Interpreted {
  if (outcome.kind !== "response" || outcome.status >= 500) return { kind: "unknown" };
  if (outcome.status < 300) {
    const paid = SubscriptionResponse.safeParse(outcome.body);
    // An unreadable 2xx may still be a payment: treat it as unknown, never as a decline.
    return paid.success ? { kind: "paid", tid: paid.data.tid } : { kind: "unknown" };
  }
  const error = KakaoError.safeParse(outcome.body);
  return { kind: "refused", status: outcome.status, error: error.success ? error.data : null };
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof WAITED> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<typeof WAITED>((resolve) => {
    timer = setTimeout(() => resolve(WAITED), ms);
  });
  try {
    return await Promise.race([promise, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** KakaoPay datetimes are KST without an offset (e.g. 2024-05-01T10:00:00). */
function parseKakaoTime(value: string): number | null {
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+09:00`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? null : time;
}

export function encodeKakaoPayToken(partnerUserId: string, sid: string): string {
  if (sid.includes("|")) throw new Error("A KakaoPay SID cannot contain '|'");
  return `${partnerUserId}|${sid}`;
}

export function decodeKakaoPayToken(token: string): { partnerUserId: string; sid: string } {
  const at = token.lastIndexOf("|");
  if (at <= 0 || at === token.length - 1) {
    throw new Error("Not a KakaoPay payment token (expected <partner_user_id>|<sid>)");
  }
  return { partnerUserId: token.slice(0, at), sid: token.slice(at + 1) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
