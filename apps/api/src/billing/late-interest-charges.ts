import { accruedLateInterest, rateBp } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";
import { lateInterestCharges } from "../db/schema/index.js";
import { partnerSettings } from "../partners/partner-settings.js";
import type { InvoiceRow } from "./invoice-ledger.js";

/** Periods that earn late interest: rent invoices, not exit invoices (their own settlement). */
const ACCRUING_KINDS = new Set(["stub", "full"]);

/** The partner's late-interest rate in basis points, or null when it does not charge interest. */
export async function lateInterestRateBp(tx: Db, partnerId: number): Promise<number | null> {
  const { lateInterest } = await partnerSettings(tx, partnerId);
  return lateInterest.enabled ? rateBp(lateInterest.annualRatePercent) : null;
}

/** Money that lowered the invoice's balance, by the Seoul day it arrived. */
async function reductionsOf(tx: Db, invoiceId: number): Promise<{ on: string; amount: number }[]> {
  return rowsOf<{ on: string; amount: number }>(
    await tx.execute(sql`
      select (attempted_at at time zone 'Asia/Seoul')::date::text as "on", amount from payments
      where invoice_id = ${invoiceId} and status = 'succeeded'
      union all
      select (created_at at time zone 'Asia/Seoul')::date::text, amount from credit_notes where invoice_id = ${invoiceId}`),
  );
}

/** What an open invoice has earned in interest up to `date`, on what it still owes day by day. */
export async function interestOwedOn(tx: Db, invoice: InvoiceRow, date: string, bp: number): Promise<number> {
  if (!ACCRUING_KINDS.has(invoice.periodKind) || date <= invoice.dueDate) return 0;
  return accruedLateInterest({
    amountDue: invoice.total,
    dueDate: invoice.dueDate,
    until: date,
    reductions: await reductionsOf(tx, invoice.id),
    annualRateBp: bp,
  });
}

/**
 * Records the interest an invoice earned between its due date and the day it was paid, when the
 * partner charges late interest. The contract's next invoice carries it as a line
 * ({@link chargeLateInterest}). One row per invoice: a second settlement, or an invoice whose
 * interest an exit invoice already took, records nothing more.
 */
export async function recordLateInterest(tx: Db, invoice: InvoiceRow, settledOn: string): Promise<void> {
  if (!ACCRUING_KINDS.has(invoice.periodKind) || settledOn <= invoice.dueDate) return;
  const bp = await lateInterestRateBp(tx, invoice.partnerId);
  if (bp === null) return;
  const reductions = await reductionsOf(tx, invoice.id);
  // The day the balance was paid off: the latest money in (ISO dates sort as text).
  const paidOn = [invoice.dueDate, ...reductions.map((r) => r.on)].sort().at(-1)!;
  const amount = accruedLateInterest({
    amountDue: invoice.total,
    dueDate: invoice.dueDate,
    until: paidOn,
    reductions,
    annualRateBp: bp,
  });
  if (amount <= 0) return;
  await tx
    .insert(lateInterestCharges)
    .values({
      partnerId: invoice.partnerId,
      contractId: invoice.contractId,
      invoiceId: invoice.id,
      fromDate: invoice.dueDate,
      toDate: paidOn,
      annualRateBp: bp,
      amount,
    })
    .onConflictDoNothing();
}
