import { asc, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { invoiceLines, payments } from "../db/schema/index.js";

type PaymentRow = typeof payments.$inferSelect;

/**
 * The lines and payment attempts of some invoices, two queries for all of them, in the API's
 * JSON shapes (the invoice page and the contract schedule show the same).
 */
export async function invoiceDetails(tx: Db, invoiceIds: readonly number[]) {
  const ids = [...invoiceIds];
  const [lines, attempts] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          tx
            .select()
            .from(invoiceLines)
            .where(inArray(invoiceLines.invoiceId, ids))
            .orderBy(asc(invoiceLines.position)),
          tx.select().from(payments).where(inArray(payments.invoiceId, ids)).orderBy(asc(payments.id)),
        ]);
  const linesOf = groupBy(lines, (l) => l.invoiceId);
  const paymentsOf = groupBy(attempts, (p) => p.invoiceId);
  return {
    lines: (invoiceId: number) =>
      (linesOf.get(invoiceId) ?? []).map(({ kind, description, supply, vat, amount }) => ({
        kind,
        description,
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
