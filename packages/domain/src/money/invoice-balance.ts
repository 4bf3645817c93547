import { assertWon } from "./won.js";

/**
 * What an issued invoice still asks for (SPEC §3 Billing): its total, less credit notes, less
 * payments net of their refunds. Invoices are never edited, so this is the one place the
 * balance is worked out; the billing run's first attempt uses the same rule in SQL, where no
 * payment exists yet (collect-payments.ts).
 */
export function invoiceBalanceOf(input: {
  total: number;
  credited: number;
  paid: number;
  refunded: number;
}): number {
  const { total, credited, paid, refunded } = input;
  for (const [what, amount] of Object.entries(input)) assertWon(amount, what);
  return total - credited - (paid - refunded);
}
