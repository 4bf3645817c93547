import {
  assertCanRunCreditCheck,
  creditOutcome,
  ORDER_STATUS_AFTER_CHECK,
  type OrderStatus,
  text,
} from "@ssp/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { creditChecks, customers } from "../db/schema/index.js";
import type { Actor, Adapters } from "../http/context.js";
import { AppError } from "../http/errors.js";
import { partnerSettings } from "../partners/partner-settings.js";
import { askBureau } from "./ask-bureau.js";
import { moveOrder } from "./move-order.js";
import type { OrderRow } from "./orders.repository.js";

/**
 * Asks the bureau about the order's customer and moves the order by the partner's policy. Needs
 * a recorded credit-inquiry consent (422 otherwise). A bureau failure writes nothing (502), so
 * the check can simply be run again. Load `order` with lockOrder (or create it in this
 * transaction), so a second check on the same order waits and then finds it no longer received.
 */
export async function runCreditCheck(
  ctx: { tx: Db; actor: Actor | null; ip: string | undefined; clock: { now(): Date }; adapters: Adapters },
  order: OrderRow,
) {
  assertCanRunCreditCheck(order.status as OrderStatus);
  const [customer] = await ctx.tx.select().from(customers).where(eq(customers.id, order.customerId));
  if (!customer?.consentCreditInquiryAt) {
    throw new AppError(422, "consent_required", "The customer has not consented to a credit inquiry");
  }
  const bureau = ctx.adapters.creditBureau;
  const report = await askBureau(bureau, customer, customer.consentCreditInquiryAt);
  const policy = (await partnerSettings(ctx.tx, order.partnerId)).credit;
  const outcome = creditOutcome(report.score, policy);
  const [check] = await ctx.tx
    .insert(creditChecks)
    .values({
      partnerId: order.partnerId,
      orderId: order.id,
      customerId: customer.id,
      bureau: bureau.name,
      score: report.score,
      grade: report.grade,
      outcome,
      bureauRef: report.bureauRef,
      requestedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  const moved = await moveOrder(ctx, order, ORDER_STATUS_AFTER_CHECK[outcome], {
    note: text("order.credit_checked", { score: report.score, grade: report.grade }),
    detail: { creditCheckId: check!.id, score: report.score, grade: report.grade, outcome },
  });
  return { order: moved, check: check! };
}
