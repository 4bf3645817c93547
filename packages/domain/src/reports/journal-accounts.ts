import { type InvoiceLine, VAT_FREE_LINE_KINDS } from "../billing/invoice.js";
import { assertWon } from "../money/won.js";

/**
 * The accounts SSP books to in the sales journal (매출전표). Each partner names its own codes
 * (partner settings, `accounting`), since every firm's chart of accounts differs; the defaults
 * are the usual Korean ones.
 */
export const JOURNAL_ACCOUNTS = ["receivable", "bank", "rentalRevenue", "otherIncome", "vatPayable"] as const;
export type JournalAccount = (typeof JOURNAL_ACCOUNTS)[number];

export interface AccountCode {
  code: string;
  name: string;
}

export const DEFAULT_ACCOUNT_CODES: Readonly<Record<JournalAccount, AccountCode>> = {
  receivable: { code: "108", name: "외상매출금" },
  bank: { code: "103", name: "보통예금" },
  rentalRevenue: { code: "401", name: "렌탈매출" },
  otherIncome: { code: "930", name: "잡이익" },
  vatPayable: { code: "255", name: "부가세예수금" },
};

/**
 * Where an invoice line's supply is credited: damages (penalty, late interest) are outside VAT
 * and are other income (잡이익); every price of a supply — rent, fees, clawbacks — is revenue.
 */
export function creditAccountOf(kind: InvoiceLine["kind"]): "rentalRevenue" | "otherIncome" {
  return VAT_FREE_LINE_KINDS.has(kind) ? "otherIncome" : "rentalRevenue";
}

/**
 * How a reversal of part of an invoice (a credit note, or what a cancellation voids) is booked:
 * in the invoice's own proportion of tax-free damages to VAT-inclusive prices, the taxable part
 * split like any price (VAT = ⌊taxable / 11⌋). Integer won; the parts add up to `amount`.
 */
export function reversalSplit(input: { amount: number; invoiceTotal: number; invoiceTaxFree: number }): {
  supply: number;
  vat: number;
  taxFree: number;
} {
  const amount = assertWon(input.amount, "amount");
  const total = assertWon(input.invoiceTotal, "invoiceTotal");
  const taxFree =
    total > 0 ? Math.floor((amount * assertWon(input.invoiceTaxFree, "invoiceTaxFree")) / total) : 0;
  const vat = Math.floor((amount - taxFree) / 11);
  return { supply: amount - taxFree - vat, vat, taxFree };
}
