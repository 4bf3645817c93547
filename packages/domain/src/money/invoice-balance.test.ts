import { describe, expect, it } from "vitest";
import { invoiceBalanceOf } from "./invoice-balance.js";

describe("invoiceBalanceOf", () => {
  it.each([
    { total: 124_900, credited: 0, paid: 0, refunded: 0, balance: 124_900 },
    { total: 124_900, credited: 4_900, paid: 20_000, refunded: 0, balance: 100_000 },
    { total: 29_900, credited: 0, paid: 29_900, refunded: 29_900, balance: 29_900 },
    { total: 29_900, credited: 29_900, paid: 0, refunded: 0, balance: 0 },
  ])("owes $balance of $total after credit $credited, paid $paid, refunded $refunded", (row) => {
    expect(invoiceBalanceOf(row)).toBe(row.balance);
  });

  it("refuses amounts that are not whole won", () => {
    expect(() => invoiceBalanceOf({ total: 100.5, credited: 0, paid: 0, refunded: 0 })).toThrow();
    expect(() => invoiceBalanceOf({ total: 100, credited: 0, paid: Number.NaN, refunded: 0 })).toThrow();
  });
});
