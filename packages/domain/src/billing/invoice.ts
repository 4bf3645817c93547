import { DomainError } from "../domain-error.js";
import { splitVat } from "../money/vat.js";
import { assertWon, sumWon } from "../money/won.js";
import { renderText, type ServerText, text } from "../texts/server-text.js";
import type { QuoteItem, TerminationQuote } from "./termination-quote.js";

/** One line of an invoice; VAT is split per line (SPEC §4). */
export interface InvoiceLine {
  kind:
    | "rent"
    | "registration_fee"
    | "late_interest"
    | "penalty"
    | "removal_fee"
    | "registration_clawback"
    | "promotion_clawback"
    | "relocation_fee";
  /** What the line is, for each viewer's language; `description` is its Korean words of record. */
  text: ServerText;
  description: string;
  supply: number;
  vat: number;
  amount: number;
}

/**
 * Line kinds that are damages, not the price of a supply: a penalty (위약금) and late-payment
 * interest (연체이자) are outside VAT, so their whole amount is supply (docs/decisions/0005).
 */
export const VAT_FREE_LINE_KINDS: ReadonlySet<InvoiceLine["kind"]> = new Set(["penalty", "late_interest"]);

/** One invoice line with its VAT split: prices are VAT-inclusive, damages carry none. */
export function line(kind: InvoiceLine["kind"], text: ServerText, amount: number): InvoiceLine {
  const { supply, vat } = VAT_FREE_LINE_KINDS.has(kind)
    ? { supply: assertWon(amount), vat: 0 }
    : splitVat(amount);
  return { kind, text, description: renderText(text, "ko"), supply, vat, amount };
}

/**
 * The largest amount one invoice, line or payment may carry: what the ledger's columns hold
 * (2^31 − 1 won, about 21억). The API's limits keep every invoice a plan can produce below it
 * (docs/decisions/0008); an invoice that would exceed it is refused, never truncated.
 */
export const MAX_LEDGER_WON = 2_147_483_647;

/** An invoice's content: its lines and their sums (SPEC §4: the invoice is the sum of its lines). */
export interface ComposedInvoice {
  lines: InvoiceLine[];
  supply: number;
  vat: number;
  total: number;
  /** The part of the total that carries no VAT (penalty, late interest): gateways are told it. */
  taxFree: number;
}

/**
 * Composes an invoice from its lines: each line whole won, never negative, supply + VAT = amount;
 * supply, VAT and total the sums of the lines; the total within what the ledger holds.
 */
export function composeInvoice(lines: readonly InvoiceLine[]): ComposedInvoice {
  for (const l of lines) {
    if (assertWon(l.amount) < 0 || assertWon(l.supply) < 0 || assertWon(l.vat) < 0)
      throw new DomainError("invalid_amount", "An invoice line cannot be negative", { kind: l.kind });
    if (l.supply + l.vat !== l.amount)
      throw new DomainError("invalid_amount", "A line's supply and VAT must add up to its amount", {
        kind: l.kind,
      });
  }
  const total = sumWon(lines.map((l) => l.amount));
  if (total > MAX_LEDGER_WON)
    throw new DomainError("invalid_amount", `An invoice cannot exceed ${MAX_LEDGER_WON} won`, { total });
  return {
    lines: [...lines],
    supply: sumWon(lines.map((l) => l.supply)),
    vat: sumWon(lines.map((l) => l.vat)),
    total,
    taxFree: sumWon(lines.filter((l) => VAT_FREE_LINE_KINDS.has(l.kind)).map((l) => l.amount)),
  };
}

/**
 * What the billing register shows of an invoice's lines, kept on the invoice when it is issued
 * (lines never change afterwards): rent, registration fee, penalty and late interest, and the
 * tax-free part. The rest follows from the invoice's sums: other taxable = total − tax-free −
 * rent − registration fee; taxable supply = supply − tax-free (a tax-free line's supply is its
 * amount).
 */
export interface InvoiceSplit {
  rent: number;
  registrationFee: number;
  penalty: number;
  lateInterest: number;
  taxFree: number;
}

export function invoiceSplit(invoice: ComposedInvoice): InvoiceSplit {
  const of = (kind: InvoiceLine["kind"]) =>
    sumWon(invoice.lines.filter((l) => l.kind === kind).map((l) => l.amount));
  return {
    rent: of("rent"),
    registrationFee: of("registration_fee"),
    penalty: of("penalty"),
    lateInterest: of("late_interest"),
    taxFree: invoice.taxFree,
  };
}

/** Late-payment interest earned by an invoice paid late, charged as a line of a later invoice. */
export interface EarnedInterest {
  lateInvoiceNumber: string;
  from: string;
  to: string;
  annualRateBp: number;
  amount: number;
}

export function lateInterestLine(i: EarnedInterest): InvoiceLine {
  const earned = text("line.late_interest_earned", {
    invoice: i.lateInvoiceNumber,
    from: i.from,
    to: i.to,
    rate: i.annualRateBp / 100,
  });
  return line("late_interest", earned, i.amount);
}

/**
 * A period's invoice: the period's own lines (rent, registration fee) and the late interest that
 * rides on it (interest earned by earlier invoices paid late, ADR 0005).
 */
export function periodInvoice(input: {
  lines: readonly InvoiceLine[];
  interest?: readonly EarnedInterest[];
}): ComposedInvoice {
  return composeInvoice([...input.lines, ...(input.interest ?? []).map(lateInterestLine)]);
}

/** The exit invoice of a termination: one line per item of the quote; null when it owes nothing. */
export function exitInvoice(quote: Pick<TerminationQuote, "items" | "total">): ComposedInvoice | null {
  if (quote.total === 0) return null;
  return composeInvoice(quote.items.map((item: QuoteItem) => line(item.kind, item.text, item.amount)));
}

/**
 * The tax-free part of a charge of `amount` against an invoice (KakaoPay `tax_free_amount`, Toss
 * `taxFreeAmount`), so that the gateway's VAT figures equal the invoice's: the invoice's tax-free
 * share of the amount, rounded down (the whole tax-free part when the whole total is charged).
 */
export function taxFreePartOf(input: { amount: number; total: number; taxFree: number }): number {
  const { amount, total, taxFree } = input;
  assertWon(amount);
  if (total <= 0 || taxFree <= 0) return 0;
  if (amount >= total) return taxFree;
  return Math.floor((amount * taxFree) / total);
}
