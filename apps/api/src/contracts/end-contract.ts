import { assertCanCancelContract, assertHasExitQuote, type ContractStatus, text } from "@ssp/domain";
import { eq } from "drizzle-orm";
import { lockAsset, moveAsset } from "../assets/move-asset.js";
import { recordAudit } from "../audit/record-audit.js";
import { exitQuote, issueExitInvoice } from "../billing/exit-invoice.js";
import { refundPayments } from "../billing/invoice-actions.js";
import { invoiceBalance, moveInvoice } from "../billing/invoice-ledger.js";
import { closeCursor } from "../billing/invoices.repository.js";
import { retirePaymentMethods } from "../billing/payment-method-retirement.js";
import { invoices, orders, signingLinks, tasks } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { moveOrder } from "../orders/move-order.js";
import { noteColumns } from "../shared/note-columns.js";
import {
  type ContractRow,
  contractJson,
  findContract,
  lockContract,
  moveContract,
} from "./contracts.repository.js";

/** The itemized exit quote for a date, with late interest where the partner charges it. */
export async function quoteFor(ctx: Pick<StaffContext, "tx">, contract: ContractRow, date: string) {
  assertHasExitQuote(contract.status as ContractStatus);
  if (!contract.activatedOn)
    throw new AppError(409, "illegal_transition", "The contract was never activated");
  if (date < contract.activatedOn)
    throw new AppError(422, "business_rule", "The date is before the contract started", {
      date: "Before activation",
    });
  return exitQuote(ctx.tx, contract, date);
}

export async function terminationQuoteFor(ctx: StaffContext, input: { contractId: number; date: string }) {
  const contract = await findContract(ctx.tx, ctx.scope, input.contractId);
  if (!contract) throw notFound("Contract");
  return (await quoteFor(ctx, contract, input.date)).quote;
}

/**
 * Early (or end-of-mandatory) termination on a date: the quote is invoiced as its own invoice,
 * the contract terminated, and a task opened to recover the asset.
 */
export async function terminateContract(
  ctx: StaffContext,
  input: { contractId: number; date: string; reason: string },
) {
  // Locked first: a concurrent cancel or second termination waits, then finds it ended (409).
  const contract = await lockContract(ctx.tx, ctx.scope, input.contractId);
  if (!contract) throw notFound("Contract");
  const exit = await quoteFor(ctx, contract, input.date);
  const quote = exit.quote;
  const invoiceId = await issueExitInvoice(ctx.tx, { contract, exit, date: input.date });
  const ended = await moveContract(ctx, contract, "terminated", {
    endedOn: input.date,
    endReason: input.reason,
  });
  await retirePaymentMethods(ctx.tx, contract.id);
  if (contract.assetId) {
    await ctx.tx.insert(tasks).values({
      partnerId: contract.partnerId,
      kind: "asset_recovery",
      contractId: contract.id,
      assetId: contract.assetId,
      dueOn: input.date,
      ...noteColumns(text("asset.recovery_after_termination", { contract: contract.number })),
    });
  }
  await recordAudit(ctx, {
    entity: "contracts",
    entityId: contract.id,
    action: "terminate",
    partnerId: contract.partnerId,
    after: { quote, invoiceId },
  });
  return { contract: contractJson(ended), quote, invoiceId };
}

/**
 * Cancellation: before activation it simply ends the contract; an active contract can only be
 * withdrawn inside the cooling-off window, with no penalty and every payment refunded (SPEC §4).
 * A reserved or installed asset goes back to stock.
 */
export async function cancelContract(
  ctx: StaffContext,
  input: { contractId: number; date: string; reason: string },
) {
  const contract = await lockContract(ctx.tx, ctx.scope, input.contractId);
  if (!contract) throw notFound("Contract");
  assertCanCancelContract({
    status: contract.status as ContractStatus,
    activatedOn: contract.activatedOn,
    coolingOffDays: contract.terms.coolingOffDays,
    on: input.date,
  });
  // No billing batch may be issuing for it while it is withdrawn: its cursor goes first (waiting
  // for a batch that holds it), so every invoice ever issued is seen below.
  await closeCursor(ctx.tx, { partnerId: contract.partnerId, contractId: contract.id });
  let refunded = 0;
  const issued = await ctx.tx.select().from(invoices).where(eq(invoices.contractId, contract.id));
  for (const invoice of issued) {
    const { paid, refunded: already } = await invoiceBalance(ctx.tx, invoice);
    if (paid - already > 0)
      refunded += await refundPayments(ctx, {
        invoice,
        amount: paid - already,
        reason: `청약철회 ${input.reason}`,
        key: `cancel-${contract.id}-inv-${invoice.id}`,
      });
  }
  for (const invoice of issued.filter((i) => i.status !== "void")) await moveInvoice(ctx.tx, invoice, "void");
  const ended = await moveContract(ctx, contract, "cancelled", {
    endedOn: input.date,
    endReason: input.reason,
  });
  await retirePaymentMethods(ctx.tx, contract.id);
  await ctx.tx
    .update(signingLinks)
    .set({ revokedAt: ctx.clock.now() })
    .where(eq(signingLinks.contractId, contract.id));
  if (contract.assetId) {
    const asset = await lockAsset(ctx.tx, contract.assetId);
    const back = asset!.status === "installed" ? "returned" : "in_stock";
    await moveAsset(ctx, asset!, back, {
      by: "system",
      contractId: contract.id,
      note: text("asset.released", { contract: contract.number }),
      values: { contractId: null, customerId: null },
    });
  }
  const [order] = await ctx.tx.select().from(orders).where(eq(orders.id, contract.orderId));
  if (order && !["installed", "cancelled", "credit_declined"].includes(order.status)) {
    await moveOrder(ctx, order, "cancelled", {
      note: text("order.contract_cancelled", { reason: input.reason }),
      values: { cancelReason: input.reason },
    });
  }
  return { contract: contractJson(ended), refunded };
}
