import { DomainError, exitInvoice, type TerminationQuote, terminationQuote } from "@ssp/domain";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { ContractRow } from "../contracts/contracts.repository.js";
import type { Db } from "../db/client.js";
import { invoices, lateInterestCharges } from "../db/schema/index.js";
import type { InvoiceRow } from "./invoice-ledger.js";
import { insertInvoices } from "./invoices.repository.js";
import { interestOwedOn, lateInterestRateBp } from "./late-interest-charges.js";

/** Interest the contract owes on a date: accrued on its open invoices, plus recorded but not yet charged. */
interface InterestOwed {
  total: number;
  onOpen: { invoice: InvoiceRow; amount: number; bp: number }[];
  recordedIds: number[];
}

/** An exit quote with the interest it includes, invoice by invoice, for the exit invoice to write down. */
export interface ExitQuote {
  quote: TerminationQuote;
  interest: InterestOwed;
}

async function interestOwed(tx: Db, contract: ContractRow, date: string): Promise<InterestOwed> {
  const bp = await lateInterestRateBp(tx, contract.partnerId);
  if (bp === null) return { total: 0, onOpen: [], recordedIds: [] };
  const open = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.contractId, contract.id), eq(invoices.status, "open")));
  const onOpen: InterestOwed["onOpen"] = [];
  for (const invoice of open) {
    const amount = await interestOwedOn(tx, invoice, date, bp);
    if (amount > 0) onOpen.push({ invoice, amount, bp });
  }
  const recorded = await tx
    .select({ id: lateInterestCharges.id, amount: lateInterestCharges.amount })
    .from(lateInterestCharges)
    .where(
      and(eq(lateInterestCharges.contractId, contract.id), isNull(lateInterestCharges.chargedInvoiceId)),
    );
  const total = [...onOpen, ...recorded].reduce((sum, i) => sum + i.amount, 0);
  return { total, onOpen, recordedIds: recorded.map((r) => r.id) };
}

/**
 * The itemized exit quote for ending an active contract on `date` (SPEC §4), with late interest
 * where the partner charges it: on the open invoices up to that date and any interest recorded on
 * late-paid invoices that no invoice has charged yet.
 */
export async function exitQuote(tx: Db, contract: ContractRow, date: string): Promise<ExitQuote> {
  const interest = await interestOwed(tx, contract, date);
  const quote = terminationQuote({
    terms: contract.terms,
    activatedOn: contract.activatedOn!,
    billingDay: contract.billingDay,
    date,
    lateInterest: interest.total || undefined,
  });
  return { quote, interest };
}

/**
 * The exit quote as an invoice of its own (period kind `exit`), one line per quote item. The
 * interest it charges is written down against the invoices that earned it, so a late payment of
 * those invoices afterwards is never charged interest a second time.
 */
export async function issueExitInvoice(
  tx: Db,
  input: { contract: ContractRow; exit: ExitQuote; date: string },
): Promise<number | null> {
  const { quote, interest } = input.exit;
  const content = exitInvoice(quote);
  if (!content) return null;
  const [invoice] = await insertInvoices(tx, [
    {
      partnerId: input.contract.partnerId,
      contractId: input.contract.id,
      customerId: input.contract.customerId,
      periodKind: "exit",
      periodIndex: 0,
      periodStart: input.date,
      periodEnd: input.date,
      date: input.date,
      content,
      status: "open",
    },
  ]);
  if (!invoice) throw new DomainError("illegal_transition", "This contract already has an exit invoice");
  await recordInterestCharged(tx, { interest, date: input.date, invoiceId: invoice.id });
  return invoice.id;
}

/** The interest the exit invoice charged, written down against the invoices that earned it. */
async function recordInterestCharged(
  tx: Db,
  input: { interest: InterestOwed; date: string; invoiceId: number },
): Promise<void> {
  const { interest } = input;
  if (interest.onOpen.length > 0) {
    await tx
      .insert(lateInterestCharges)
      .values(
        interest.onOpen.map(({ invoice, amount, bp }) => ({
          partnerId: invoice.partnerId,
          contractId: invoice.contractId,
          invoiceId: invoice.id,
          fromDate: invoice.dueDate,
          toDate: input.date,
          annualRateBp: bp,
          amount,
          chargedInvoiceId: input.invoiceId,
        })),
      )
      .onConflictDoNothing();
  }
  if (interest.recordedIds.length > 0) {
    await tx
      .update(lateInterestCharges)
      .set({ chargedInvoiceId: input.invoiceId })
      .where(inArray(lateInterestCharges.id, interest.recordedIds));
  }
}
