import { describe, expect, it } from "vitest";
import { creditAccountOf, reversalSplit } from "./journal-accounts.js";

describe("journal accounts", () => {
  it.each([
    ["rent", "rentalRevenue"],
    ["registration_fee", "rentalRevenue"],
    ["removal_fee", "rentalRevenue"],
    ["promotion_clawback", "rentalRevenue"],
    ["penalty", "otherIncome"],
    ["late_interest", "otherIncome"],
  ] as const)("credits a %s line to %s", (kind, account) => {
    expect(creditAccountOf(kind)).toBe(account);
  });

  it.each([
    // a rent-only invoice: the whole reversal is taxable
    [29_900, 29_900, 0, { supply: 27_182, vat: 2_718, taxFree: 0 }],
    [10_000, 29_900, 0, { supply: 9_091, vat: 909, taxFree: 0 }],
    // an exit invoice of 100,000 penalty and 33,000 removal fee, credited in full and in part
    [133_000, 133_000, 100_000, { supply: 30_000, vat: 3_000, taxFree: 100_000 }],
    [13_300, 133_000, 100_000, { supply: 3_000, vat: 300, taxFree: 10_000 }],
    [0, 0, 0, { supply: 0, vat: 0, taxFree: 0 }],
  ])("reverses %i of an invoice of %i (%i tax-free) as %o", (amount, invoiceTotal, invoiceTaxFree, split) => {
    const parts = reversalSplit({ amount, invoiceTotal, invoiceTaxFree });
    expect(parts).toEqual(split);
    expect(parts.supply + parts.vat + parts.taxFree).toBe(amount);
  });
});
