import { and, eq, isNull } from "drizzle-orm";
import { CardDeclinedError } from "../adapters/payments/payment-gateway.js";
import { retirePaymentMethods } from "../billing/payment-method-retirement.js";
import type { ContractRow } from "../contracts/contracts.repository.js";
import { paymentMethods, paymentRedirects } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { advanceWhenReady } from "../installation/ready-to-install.js";
import { type PublicContext, recordSigningEvent } from "./public-context.js";
import type { SigningLink } from "./resolve-link.js";

/** KakaoPay approves a subscription with a first payment; we ask for 100원 and give it back at once. */
const VERIFY_AMOUNT = 100;

/** Sends the signer to the gateway's own page (KakaoPay 정기결제 ready); the SID comes back on approval. */
export async function startRedirectRegistration(
  ctx: PublicContext,
  input: { link: SigningLink; contract: ContractRow; token: string; mobile: boolean },
) {
  const gateway = ctx.adapters.paymentGateway;
  if (!gateway.startRedirect)
    throw new AppError(409, "redirect_unavailable", "이 결제수단은 사용할 수 없습니다.");
  const orderId = `kpreg-${input.contract.id}-${input.link.id}-${ctx.clock.now().getTime()}`;
  const customerKey = `ssp-${input.contract.partnerId}-${input.contract.customerId}`;
  const base = `${ctx.config.publicUrl}`;
  const started = await gateway.startRedirect({
    customerKey,
    orderId,
    orderName: `${input.contract.productName} 자동결제 등록`,
    amount: VERIFY_AMOUNT,
    approvalUrl: `${base}/api/public/sign/${input.token}/kakaopay-approve?order=${orderId}`,
    cancelUrl: `${base}/sign/${input.token}?payment=cancelled`,
    failUrl: `${base}/sign/${input.token}?payment=failed`,
  });
  await ctx.tx.insert(paymentRedirects).values({
    partnerId: input.contract.partnerId,
    contractId: input.contract.id,
    linkId: input.link.id,
    gateway: gateway.name,
    customerKey,
    orderId,
    redirectId: started.redirectId,
  });
  return { redirectUrl: input.mobile ? started.mobileUrl : started.pcUrl };
}

/**
 * The gateway sends the signer back with its one-time token: complete the registration, keep
 * only the gateway's token (SID), refund the 100원 check, and move the order on.
 */
export async function completeRedirectRegistration(
  ctx: PublicContext,
  input: { link: SigningLink; contract: ContractRow; orderId: string; approvalToken: string },
) {
  const gateway = ctx.adapters.paymentGateway;
  const [pending] = await ctx.tx
    .select()
    .from(paymentRedirects)
    .where(
      and(
        eq(paymentRedirects.orderId, input.orderId),
        eq(paymentRedirects.linkId, input.link.id),
        isNull(paymentRedirects.completedAt),
      ),
    );
  if (!pending || !gateway.completeRedirect)
    throw new AppError(404, "redirect_unknown", "결제 등록 요청을 찾을 수 없습니다.");
  let done: Awaited<ReturnType<NonNullable<typeof gateway.completeRedirect>>>;
  try {
    done = await gateway.completeRedirect({
      customerKey: pending.customerKey,
      orderId: pending.orderId,
      redirectId: pending.redirectId,
      approvalToken: input.approvalToken,
    });
  } catch (error) {
    if (error instanceof CardDeclinedError) {
      await recordSigningEvent(ctx, input.link, "payment_failed", {
        code: error.code,
        gateway: gateway.name,
      });
      return { ok: false as const };
    }
    throw error;
  }
  await ctx.tx
    .update(paymentRedirects)
    .set({ completedAt: ctx.clock.now() })
    .where(eq(paymentRedirects.id, pending.id));
  // The replaced method stops at the gateway too (after commit, by the deactivation job).
  await retirePaymentMethods(ctx.tx, input.contract.id);
  await ctx.tx.insert(paymentMethods).values({
    partnerId: input.contract.partnerId,
    customerId: input.contract.customerId,
    contractId: input.contract.id,
    gateway: gateway.name,
    token: done.token,
    display: done.display,
  });
  await gateway.refund({
    gatewayRef: done.firstPayment.gatewayRef,
    amount: done.firstPayment.amount,
    reason: "자동결제 등록 확인 결제 취소",
    idempotencyKey: `${pending.orderId}-refund`,
  });
  await recordSigningEvent(ctx, input.link, "payment_registered", {
    gateway: gateway.name,
    display: done.display,
  });
  await advanceWhenReady(ctx, input.contract.orderId);
  return { ok: true as const };
}
