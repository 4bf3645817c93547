import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";

type ChargeInput = Parameters<PaymentGateway["charge"]>[0];

/** What identifies an invoice for good: its contract and period (unique together). */
export interface InvoiceIdentity {
  contractId: number;
  periodKind: string;
  periodStart: string;
  number: string;
}

/** The gateway order of an invoice: one per invoice, the same for every attempt on it. */
export function gatewayOrderId(invoice: InvoiceIdentity): string {
  return `SSP-${invoice.contractId}-${invoice.periodKind}-${invoice.periodStart.replaceAll("-", "")}`;
}

/** The idempotency key of one attempt (SPEC §3: contract, period, attempt). */
export function attemptKey(invoice: InvoiceIdentity, attempt: number): string {
  return keyOfAttempt(gatewayOrderId(invoice), attempt);
}

const keyOfAttempt = (orderId: string, attempt: number) => `${orderId}-a${attempt}`;

/**
 * One collection attempt as the gateway is asked for it. The names come from the invoice's
 * contract and period — never its row id or number, which a rolled-back transaction does not
 * keep — so an attempt that was sent before a crash is sent again under the same names, and the
 * gateway's idempotency (Toss) or our in-doubt ledger (KakaoPay) answers it instead of charging
 * twice. The invoice number is what the customer sees (orderName).
 */
export function chargeRequest(input: {
  invoice: InvoiceIdentity;
  attempt: number;
  amount: number;
  /** The part of `amount` that carries no VAT (taxFreePartOf). */
  taxFree: number;
  token: string;
}): ChargeInput {
  const orderId = gatewayOrderId(input.invoice);
  return {
    token: input.token,
    orderId,
    orderName: input.invoice.number,
    amount: input.amount,
    taxFreeAmount: input.taxFree,
    idempotencyKey: keyOfAttempt(orderId, input.attempt),
  };
}
