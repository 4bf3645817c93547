import { eq } from "drizzle-orm";
import { CardDeclinedError, GatewayTimeoutError } from "../adapters/payments/payment-gateway.js";
import { retirePaymentMethods } from "../billing/payment-method-retirement.js";
import { contractRecipient } from "../contracts/contract-notices.js";
import type { ContractRow } from "../contracts/contracts.repository.js";
import { partners, paymentMethods } from "../db/schema/index.js";
import type { Reply } from "../http/api-routes.js";
import { enqueueForCustomer } from "../notifications/outbox.js";
import { type PublicContext, recordSigningEvent } from "./public-context.js";
import type { SigningLink } from "./resolve-link.js";

/**
 * Auto-pay right after signing. The card goes to the gateway and only its token comes back to
 * us. A declined card or a timeout is recorded as an event and answered, so the customer can try
 * another card.
 */
export async function registerPaymentMethod(
  ctx: PublicContext,
  input: { link: SigningLink; contract: ContractRow; cardNumber: string; expiry: string },
): Promise<Reply> {
  const { link } = input;
  return registerCard(ctx, {
    ...input,
    record: (kind, detail) => recordSigningEvent(ctx, link, kind, detail),
  });
}

/**
 * The card registration itself, shared by the signing page and the customer's own page (which
 * replaces the auto-pay card): `record` keeps the page's own evidence of each outcome.
 */
export async function registerCard(
  ctx: PublicContext,
  input: {
    contract: ContractRow;
    cardNumber: string;
    expiry: string;
    record: (kind: "payment_failed" | "payment_registered", detail: Record<string, unknown>) => Promise<void>;
  },
): Promise<Reply> {
  const { contract } = input;
  const gateway = ctx.adapters.paymentGateway;
  let method: Awaited<ReturnType<typeof gateway.registerCard>>;
  try {
    method = await gateway.registerCard({
      customerKey: `ssp-${contract.partnerId}-${contract.customerId}`,
      cardNumber: input.cardNumber,
      expiry: input.expiry,
      birthDate: contract.party.birthDate,
    });
  } catch (error) {
    if (error instanceof CardDeclinedError || error instanceof GatewayTimeoutError) {
      const code = error instanceof CardDeclinedError ? error.code : "gateway_timeout";
      await input.record("payment_failed", { code });
      return {
        status: error instanceof CardDeclinedError ? 422 : 504,
        body: {
          code,
          message:
            error instanceof CardDeclinedError
              ? error.message
              : "결제사 응답이 지연되고 있습니다. 잠시 후 다시 시도해 주세요.",
        },
      };
    }
    throw error;
  }
  // The replaced method stops at the gateway too (after commit, by the deactivation job).
  await retirePaymentMethods(ctx.tx, contract.id);
  const [row] = await ctx.tx
    .insert(paymentMethods)
    .values({
      partnerId: contract.partnerId,
      customerId: contract.customerId,
      contractId: contract.id,
      gateway: gateway.name,
      token: method.token,
      display: method.display,
      cardExpiry: method.cardExpiry ?? null,
    })
    .returning();
  await input.record("payment_registered", {
    gateway: gateway.name,
    display: method.display,
  });
  const [partner] = await ctx.tx
    .select({ name: partners.name })
    .from(partners)
    .where(eq(partners.id, contract.partnerId));
  await enqueueForCustomer(ctx.tx, {
    partnerId: contract.partnerId,
    recipient: await contractRecipient(ctx.tx, contract),
    template: "payment_method_registered",
    entity: "contracts",
    entityId: contract.id,
    vars: {
      partner: partner!.name,
      customer: contract.party.name,
      number: contract.number,
      display: method.display,
    },
  });
  return { body: { id: row!.id, gateway: row!.gateway, display: row!.display, status: row!.status } };
}
