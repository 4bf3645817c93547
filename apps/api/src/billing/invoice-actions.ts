import { assertInvoiceOpen, type InvoiceStatus } from "@ssp/domain";
import { and, desc, eq, sql } from "drizzle-orm";
import { type AuditSubject, recordAudit } from "../audit/record-audit.js";
import { notifyCustomer } from "../contracts/contract-notices.js";
import { rowsOf } from "../db/client.js";
import { contracts, creditNotes, invoices, payments, refunds } from "../db/schema/index.js";
import { findScoped } from "../db/scoped.js";
import type { Actor, Adapters, StaffContext, UseCaseContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { attemptKey } from "./charge-request.js";
import { type InvoiceRow, invoiceBalance, settleInvoice } from "./invoice-ledger.js";
import { activeMethodOf, balanceChargeRequest } from "./invoices.repository.js";

const invoiceTable = { table: invoices, partnerColumn: invoices.partnerId };

async function loadInvoice(ctx: Pick<StaffContext, "tx" | "scope">, id: number): Promise<InvoiceRow> {
  const invoice = await findScoped<InvoiceRow>(ctx.tx, ctx.scope, invoiceTable, id);
  if (!invoice) throw notFound("Invoice");
  return invoice;
}

/**
 * Loads an invoice in the caller's scope and locks it (SELECT … FOR UPDATE) for the rest of the
 * transaction. Each use case here checks what is owed and then adds money against it, so it
 * takes this lock first: two concurrent requests then see each other's rows instead of both
 * passing the same balance check. (The dunning retry takes the same locks in the same order.)
 */
async function lockInvoice(ctx: Pick<StaffContext, "tx" | "scope">, id: number): Promise<InvoiceRow> {
  const scoped = await loadInvoice(ctx, id);
  // Contract first, then invoice: the order the dunning run locks them in, so that a payment
  // landing while collections walk the same contract waits instead of deadlocking.
  await ctx.tx
    .select({ id: contracts.id })
    .from(contracts)
    .where(eq(contracts.id, scoped.contractId))
    .for("update");
  const [invoice] = await ctx.tx.select().from(invoices).where(eq(invoices.id, scoped.id)).for("update");
  return invoice!;
}

async function nextAttempt(ctx: UseCaseContext, invoiceId: number): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await ctx.tx.execute(
      sql`select coalesce(max(attempt), 0)::int + 1 as n from payments where invoice_id = ${invoiceId}`,
    ),
  );
  return row!.n;
}

/** A payment that arrived outside the gateway (bank transfer), up to what is owed. */
export async function recordBankTransfer(
  ctx: StaffContext,
  input: { invoiceId: number; amount: number; paidOn: string; reference: string },
) {
  const invoice = await lockInvoice(ctx, input.invoiceId);
  assertInvoiceOpen(invoice.status as InvoiceStatus);
  const { balance } = await invoiceBalance(ctx.tx, invoice);
  if (input.amount > balance)
    throw new AppError(422, "amount_exceeds_balance", `At most ${balance} won is owed`, {
      amount: `At most ${balance.toLocaleString("ko-KR")}원`,
    });
  const attempt = await nextAttempt(ctx, invoice.id);
  const [row] = await ctx.tx
    .insert(payments)
    .values({
      partnerId: invoice.partnerId,
      invoiceId: invoice.id,
      attempt,
      amount: input.amount,
      status: "succeeded",
      method: "bank_transfer",
      idempotencyKey: attemptKey(invoice, attempt),
      gatewayRef: input.reference,
      attemptedAt: new Date(`${input.paidOn}T09:00:00+09:00`),
    })
    .returning();
  await recordAudit(ctx, {
    entity: "invoices",
    entityId: invoice.id,
    action: "bank_transfer",
    partnerId: invoice.partnerId,
    after: { amount: input.amount, reference: input.reference },
  });
  await settleInvoice(ctx, invoice);
  return { ...row!, attemptedAt: row!.attemptedAt.toISOString() };
}

/**
 * A manual collection attempt through the gateway, as the next attempt with its own key, for the
 * invoice's remaining balance. Staff start it, or the customer on their own page ("pay now").
 */
export async function collectInvoice(ctx: UseCaseContext, invoiceId: number) {
  const invoice = await lockInvoice(ctx, invoiceId);
  assertInvoiceOpen(invoice.status as InvoiceStatus);
  // Charge what is still owed after bank transfers and credit notes, never the issued total.
  const { balance } = await invoiceBalance(ctx.tx, invoice);
  if (balance <= 0) {
    // Nothing left to charge: the invoice is settled (paid or void) instead of charged.
    await settleInvoice(ctx, invoice);
    const [settled] = await ctx.tx
      .select({ status: invoices.status })
      .from(invoices)
      .where(eq(invoices.id, invoice.id));
    return { invoiceId: invoice.id, charged: false as const, invoiceStatus: settled!.status };
  }
  const method = await activeMethodOf(ctx.tx, invoice);
  if (!method) throw new AppError(422, "no_payment_method", "The customer has no active auto-pay method");
  const attempt = await nextAttempt(ctx, invoice.id);
  const key = attemptKey(invoice, attempt);
  const result = await ctx.adapters.paymentGateway
    .charge(balanceChargeRequest({ invoice, attempt, balance, token: method.token }))
    .catch(() => ({ status: "declined" as const, code: "gateway_error", message: "gateway unreachable" }));
  const [row] = await ctx.tx
    .insert(payments)
    .values({
      partnerId: invoice.partnerId,
      invoiceId: invoice.id,
      attempt,
      amount: balance,
      status: result.status === "succeeded" ? "succeeded" : "failed",
      method: method.gateway,
      idempotencyKey: key,
      gatewayRef: result.status === "succeeded" ? result.gatewayRef : null,
      failureCode: result.status === "succeeded" ? null : result.code,
      attemptedAt: ctx.clock.now(),
    })
    .returning();
  await recordAudit(ctx, {
    entity: "invoices",
    entityId: invoice.id,
    action: "collect",
    partnerId: invoice.partnerId,
    after: { attempt, status: row!.status },
  });
  await settleInvoice(ctx, invoice);
  const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.id, invoice.contractId));
  const payment = {
    number: invoice.number,
    amount: balance.toLocaleString("ko-KR"),
    attempt: String(attempt),
  };
  await notifyCustomer(
    ctx.tx,
    contract!,
    row!.status === "succeeded" ? "payment_succeeded" : "payment_failed",
    payment,
    { entity: "invoices", entityId: invoice.id },
  );
  return { ...row!, attemptedAt: row!.attemptedAt.toISOString() };
}

/**
 * Who issues a credit note: staff (finance) in a request, or a job with no actor (a missed
 * service visit credited automatically), named in the audit row by `by`.
 */
export type CreditNoteContext = Pick<StaffContext, "tx" | "scope" | "ip"> & {
  actor: Actor | null;
  by?: AuditSubject;
  clock: { now(): Date; today(): string };
  adapters: Pick<Adapters, "paymentGateway">;
};

/**
 * A credit note lowers what an issued invoice asks for, never by editing it. On an invoice that
 * was already paid, the credited amount goes back to the customer through the gateway.
 */
export async function issueCreditNote(
  ctx: CreditNoteContext,
  input: { invoiceId: number; amount: number; reason: string },
) {
  const invoice = await lockInvoice(ctx, input.invoiceId);
  const { credited, paid, refunded } = await invoiceBalance(ctx.tx, invoice);
  const creditable = invoice.total - credited;
  if (input.amount > creditable) {
    throw new AppError(422, "amount_exceeds_invoice", `At most ${creditable} won can still be credited`, {
      amount: `At most ${creditable.toLocaleString("ko-KR")}원`,
    });
  }
  const [note] = await ctx.tx
    .insert(creditNotes)
    .values({
      partnerId: invoice.partnerId,
      invoiceId: invoice.id,
      amount: input.amount,
      reason: input.reason,
      userId: ctx.actor?.userId ?? null,
      createdAt: ctx.clock.now(),
    })
    .returning();
  const toRefund = Math.min(
    input.amount,
    Math.max(0, paid - refunded - (invoice.total - credited - input.amount)),
  );
  if (toRefund > 0)
    await refundPayments(ctx, {
      invoice,
      amount: toRefund,
      reason: `credit note ${note!.id}`,
      key: `cn-${note!.id}`,
    });
  await recordAudit(ctx, {
    entity: "invoices",
    entityId: invoice.id,
    action: "credit_note",
    partnerId: invoice.partnerId,
    after: { amount: input.amount, reason: input.reason },
  });
  await settleInvoice(ctx, invoice);
  return { ...note!, createdAt: note!.createdAt.toISOString(), refunded: toRefund };
}

/** Refunds `amount` of an invoice's successful payments, newest first, each with its own key. */
export async function refundPayments(
  ctx: Pick<StaffContext, "tx" | "clock"> & { adapters: Pick<Adapters, "paymentGateway"> },
  input: { invoice: InvoiceRow; amount: number; reason: string; key: string },
): Promise<number> {
  let left = input.amount;
  const paid = await ctx.tx
    .select()
    .from(payments)
    .where(and(eq(payments.invoiceId, input.invoice.id), eq(payments.status, "succeeded")))
    .orderBy(desc(payments.id));
  for (const payment of paid) {
    if (left <= 0) break;
    const [done] = rowsOf<{ n: number }>(
      await ctx.tx.execute(
        sql`select coalesce(sum(amount), 0)::int as n from refunds where payment_id = ${payment.id} and status = 'succeeded'`,
      ),
    );
    const amount = Math.min(left, payment.amount - done!.n);
    if (amount <= 0) continue;
    const key = `${input.key}-p${payment.id}`;
    const result =
      payment.method === "bank_transfer" || !payment.gatewayRef
        ? { status: "succeeded" as const, gatewayRef: "manual" }
        : await ctx.adapters.paymentGateway.refund({
            gatewayRef: payment.gatewayRef,
            amount,
            reason: input.reason,
            idempotencyKey: key,
          });
    await ctx.tx.insert(refunds).values({
      partnerId: payment.partnerId,
      paymentId: payment.id,
      amount,
      status: result.status,
      reason: input.reason,
      idempotencyKey: key,
      gatewayRef: result.status === "succeeded" ? result.gatewayRef : null,
      createdAt: ctx.clock.now(),
    });
    if (result.status === "succeeded") left -= amount;
  }
  return input.amount - left;
}
