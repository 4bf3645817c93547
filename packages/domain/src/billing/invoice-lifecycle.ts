import { DomainError } from "../domain-error.js";
import { invoiceBalanceOf } from "../money/invoice-balance.js";
import { stateMachine } from "../state-machine.js";

/**
 * An invoice is open until it is settled: paid (money in covers what it asks for) or void (credited
 * in full without payment, or withdrawn with its contract's cancellation, every payment refunded).
 * Issued invoices are never edited; what changes them is money recorded against them.
 */
export const INVOICE_STATUSES = ["open", "paid", "void"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const invoiceLifecycle = stateMachine<InvoiceStatus>("An invoice", {
  open: ["paid", "void"],
  paid: ["void"],
  void: [],
});

/**
 * The settlement rule: an open invoice whose balance (total − credit notes − payments net of
 * refunds) is nothing settles — paid when money was kept against it, void when it was credited
 * away. Returns the balance and the status it settles to (null: stays as it is).
 */
export function invoiceSettlement(input: {
  status: InvoiceStatus;
  total: number;
  credited: number;
  paid: number;
  refunded: number;
}): { balance: number; settlesTo: InvoiceStatus | null } {
  const { total, credited, paid, refunded } = input;
  const balance = invoiceBalanceOf({ total, credited, paid, refunded });
  if (input.status !== "open" || balance > 0) return { balance, settlesTo: null };
  const settlesTo = paid - refunded > 0 ? "paid" : "void";
  invoiceLifecycle.assertCanTransition(input.status, settlesTo);
  return { balance, settlesTo };
}

/** Money is taken or credited against an open invoice only: a settled one owes nothing. */
export function assertInvoiceOpen(status: InvoiceStatus): void {
  if (status !== "open")
    throw new DomainError("invoice_settled", `This invoice is ${status} and owes nothing`);
}
