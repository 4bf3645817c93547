import { invoiceBalanceOf } from "@ssp/domain";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { creditNotes, invoiceLines, payments, refunds } from "../db/schema/index.js";

type PaymentRow = typeof payments.$inferSelect;

/** Money recorded against an invoice after it was issued: what moved its balance, and when. */
export interface Adjustment {
  kind: "payment" | "bank_transfer" | "credit_note" | "refund";
  /** Positive: it lowered what is owed (money in, a credit note); a refund raised it again. */
  amount: number;
  at: string;
  /** The bank reference, the gateway's, the credit note's reason or the refund's. */
  note: string | null;
}

/**
 * The lines, payment attempts and adjustments (payments, bank transfers, credit notes, refunds)
 * of some invoices, a query each for all of them, in the API's JSON shapes (the invoice page and
 * the contract schedule show the same).
 */
export async function invoiceDetails(tx: Db, invoiceIds: readonly number[]) {
  const ids = [...invoiceIds];
  const [lines, attempts, credits, refunded] =
    ids.length === 0
      ? [[], [], [], []]
      : await Promise.all([
          tx
            .select()
            .from(invoiceLines)
            .where(inArray(invoiceLines.invoiceId, ids))
            .orderBy(asc(invoiceLines.position)),
          tx.select().from(payments).where(inArray(payments.invoiceId, ids)).orderBy(asc(payments.id)),
          tx
            .select()
            .from(creditNotes)
            .where(inArray(creditNotes.invoiceId, ids))
            .orderBy(asc(creditNotes.id)),
          tx
            .select({
              invoiceId: payments.invoiceId,
              amount: refunds.amount,
              status: refunds.status,
              reason: refunds.reason,
              createdAt: refunds.createdAt,
            })
            .from(refunds)
            .innerJoin(payments, eq(payments.id, refunds.paymentId))
            .where(inArray(payments.invoiceId, ids))
            .orderBy(asc(refunds.id)),
        ]);
  const linesOf = groupBy(lines, (l) => l.invoiceId);
  const paymentsOf = groupBy(attempts, (p) => p.invoiceId);
  const creditsOf = groupBy(credits, (c) => c.invoiceId);
  const refundsOf = groupBy(refunded, (r) => r.invoiceId);
  const adjustments = (invoiceId: number): Adjustment[] =>
    [
      ...(paymentsOf.get(invoiceId) ?? [])
        .filter((p) => p.status === "succeeded" && p.amount > 0)
        .map((p) => ({
          kind: p.method === "bank_transfer" ? ("bank_transfer" as const) : ("payment" as const),
          amount: p.amount,
          at: p.attemptedAt.toISOString(),
          note: p.gatewayRef,
        })),
      ...(creditsOf.get(invoiceId) ?? []).map((c) => ({
        kind: "credit_note" as const,
        amount: c.amount,
        at: c.createdAt.toISOString(),
        note: c.reason,
      })),
      ...(refundsOf.get(invoiceId) ?? [])
        .filter((r) => r.status === "succeeded")
        .map((r) => ({
          kind: "refund" as const,
          amount: -r.amount,
          at: r.createdAt.toISOString(),
          note: r.reason,
        })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    adjustments,
    /** What the invoice still asks for: its total less credit notes and payments net of refunds. */
    balanceDue: (invoiceId: number, total: number) => {
      const list = adjustments(invoiceId);
      const sum = (kinds: Adjustment["kind"][]) =>
        list.filter((a) => kinds.includes(a.kind)).reduce((s, a) => s + Math.abs(a.amount), 0);
      return invoiceBalanceOf({
        total,
        credited: sum(["credit_note"]),
        paid: sum(["payment", "bank_transfer"]),
        refunded: sum(["refund"]),
      });
    },
    lines: (invoiceId: number) =>
      (linesOf.get(invoiceId) ?? []).map(({ kind, description, descriptionText, supply, vat, amount }) => ({
        kind,
        description,
        text: descriptionText,
        supply,
        vat,
        amount,
      })),
    payments: (invoiceId: number): (Omit<PaymentRow, "attemptedAt"> & { attemptedAt: string })[] =>
      (paymentsOf.get(invoiceId) ?? []).map((p) => ({ ...p, attemptedAt: p.attemptedAt.toISOString() })),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
