/** Card details pass through to the gateway and are never stored; only its token is kept. */
export interface CardRegistration {
  customerKey: string;
  cardNumber: string;
  expiry: string;
  birthDate: string;
}

export interface RegisteredMethod {
  token: string;
  display: string;
  /**
   * The card's last valid month, `YYYY-MM`, for the "card expiring" reminder; null or absent
   * when the gateway keeps the card to itself (KakaoPay's own page).
   */
  cardExpiry?: string | null;
}

/** A card's `MM/YY` (or `MMYY`) expiry as `YYYY-MM`; null when it is not one. */
export function cardExpiryMonth(expiry: string): string | null {
  const m = /^(0[1-9]|1[0-2])\/?(\d{2})$/.exec(expiry.replace(/\s/g, ""));
  return m ? `20${m[2]}-${m[1]}` : null;
}

export type ChargeResult =
  | { status: "succeeded"; gatewayRef: string }
  | { status: "declined"; code: string; message: string };

/**
 * `retryable`: the gateway did not give a final answer (timeout, 5xx, unreadable body), so asking
 * again later may succeed; otherwise it refused and a person has to look at `code`.
 */
export type DeactivationResult =
  | { status: "deactivated" }
  | { status: "failed"; code: string; retryable: boolean };

/** A payment gateway (SPEC §3 Payment methods), chosen by PAYMENT_GATEWAY in one place. */
export interface PaymentGateway {
  readonly name: string;
  registerCard(input: CardRegistration): Promise<RegisteredMethod>;
  /** Gives money back on an earlier successful charge (cooling-off, credit notes). */
  refund(input: {
    gatewayRef: string;
    amount: number;
    reason: string;
    idempotencyKey: string;
  }): Promise<{ status: "succeeded"; gatewayRef: string } | { status: "failed"; code: string }>;
  charge(input: {
    token: string;
    orderId: string;
    orderName: string;
    amount: number;
    /**
     * The part of `amount` that carries no VAT (penalty, late interest): KakaoPay
     * `tax_free_amount`, Toss `taxFreeAmount`, so that the gateway's VAT figures equal the invoice's.
     */
    taxFreeAmount: number;
    idempotencyKey: string;
  }): Promise<ChargeResult>;
  /**
   * Stops the method at the gateway so nothing can charge it any more (the contract ended).
   * Idempotent: a method the gateway already forgot or stopped counts as deactivated.
   */
  deactivate(input: { token: string; idempotencyKey?: string }): Promise<DeactivationResult>;
  /**
   * Redirect-based registration (KakaoPay 정기결제): starts the first payment and returns where to
   * send the customer. Only gateways without card registration implement it.
   */
  startRedirect?(input: RedirectStart): Promise<RedirectStarted>;
  /** Finishes a redirect registration with the token the gateway appended to approvalUrl. */
  completeRedirect?(input: RedirectCompletion): Promise<RedirectCompleted>;
}

export interface RedirectStart {
  /** Our stable customer id at the gateway (KakaoPay partner_user_id). */
  customerKey: string;
  /** Our order id for the first payment (KakaoPay partner_order_id). */
  orderId: string;
  orderName: string;
  /** The first payment, KRW VAT included. KakaoPay charges it on approval. */
  amount: number;
  approvalUrl: string;
  cancelUrl: string;
  failUrl: string;
}

export interface RedirectStarted {
  /** The gateway's id of the pending payment (KakaoPay tid); keep it for completeRedirect. */
  redirectId: string;
  pcUrl: string;
  mobileUrl: string;
  appUrl: string | null;
}

export interface RedirectCompletion {
  customerKey: string;
  orderId: string;
  redirectId: string;
  /** The one-time token the gateway appended to approvalUrl (KakaoPay pg_token). */
  approvalToken: string;
}

/** The registered method plus the first payment that the approval charged. */
export interface RedirectCompleted extends RegisteredMethod {
  firstPayment: { gatewayRef: string; amount: number };
}

export class CardDeclinedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CardDeclinedError";
  }
}

export class GatewayTimeoutError extends Error {
  constructor(message = "The payment gateway did not answer in time") {
    super(message);
    this.name = "GatewayTimeoutError";
  }
}
