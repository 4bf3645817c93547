import { createHash } from "node:crypto";
import {
  CardDeclinedError,
  type CardRegistration,
  type ChargeResult,
  cardExpiryMonth,
  type DeactivationResult,
  GatewayTimeoutError,
  type PaymentGateway,
} from "./payment-gateway.js";

/**
 * The offline gateway for demos and tests. Documented test cards:
 *   4242 4242 4242 4242 → registers; every charge succeeds
 *   4000 0000 0000 0002 → declined at registration (card_declined)
 *   4000 0000 0000 0119 → the gateway times out
 *   4000 0000 0000 0341 → registers, but every charge is declined (insufficient funds)
 * Tokens are `sbx_` + a hash of the card, so the same card gives the same token; a charge's or
 * refund's reference is its idempotency key (the same attempt, the same reference), which costs
 * no hashing per charge: the sandbox stands in for a gateway's network call, not for CPU of ours.
 */
export const SANDBOX_CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  timeout: "4000000000000119",
  chargeFails: "4000000000000341",
} as const;

export class SandboxGateway implements PaymentGateway {
  readonly name = "sandbox";

  async registerCard(input: CardRegistration) {
    const card = input.cardNumber.replace(/\D/g, "");
    if (card === SANDBOX_CARDS.declined)
      throw new CardDeclinedError("card_declined", "카드사에서 승인을 거절했습니다");
    if (card === SANDBOX_CARDS.timeout) throw new GatewayTimeoutError();
    const prefix = card === SANDBOX_CARDS.chargeFails ? "sbx_decline_" : "sbx_";
    const token = `${prefix}${createHash("sha256").update(`${input.customerKey}|${card}`).digest("hex").slice(0, 24)}`;
    return { token, display: `카드 **** ${card.slice(-4)}`, cardExpiry: cardExpiryMonth(input.expiry) };
  }

  async refund(input: { idempotencyKey: string }) {
    return {
      status: "succeeded" as const,
      gatewayRef: `sbx_rf_${input.idempotencyKey}`,
    };
  }

  async charge(input: { token: string; idempotencyKey: string }): Promise<ChargeResult> {
    if (input.token.startsWith("sbx_decline_"))
      return { status: "declined", code: "insufficient_funds", message: "잔액이 부족합니다" };
    return {
      status: "succeeded",
      gatewayRef: `sbx_pay_${input.idempotencyKey}`,
    };
  }

  async deactivate(_input: { token: string }): Promise<DeactivationResult> {
    return { status: "deactivated" };
  }
}
