import { describe, expect, it } from "vitest";
import { monthlyFeeOn, promotionEndsOn } from "./monthly-fee.js";

const promoted = { monthlyFee: 29_900, discountAmount: 10_000, discountMonths: 3 };

describe("monthly fee after promotion", () => {
  it.each([
    // activated on the billing day: periods start 03-05, 04-05, 05-05 discounted; 06-05 full
    ["2026-03-05", 5, "2026-03-05", 19_900],
    ["2026-03-05", 5, "2026-06-04", 19_900],
    ["2026-03-05", 5, "2026-06-05", 29_900],
    // activated mid-month: the stub (03-10 … 04-04) is not discounted, then three promoted periods
    ["2026-03-10", 5, "2026-03-10", 29_900],
    ["2026-03-10", 5, "2026-04-04", 29_900],
    ["2026-03-10", 5, "2026-04-05", 19_900],
    ["2026-03-10", 5, "2026-07-04", 19_900],
    ["2026-03-10", 5, "2026-07-05", 29_900],
    // billing day later in the month than the activation day
    ["2026-03-02", 28, "2026-03-28", 19_900],
    ["2026-03-02", 28, "2026-06-28", 29_900],
  ])("activated %s, billing day %i: on %s the fee is %i", (activatedOn, billingDay, on, fee) => {
    expect(monthlyFeeOn({ terms: promoted, activatedOn, billingDay, on })).toBe(fee);
  });

  it("never discounts below zero", () => {
    const terms = { monthlyFee: 9_900, discountAmount: 20_000, discountMonths: 1 };
    expect(monthlyFeeOn({ terms, activatedOn: "2026-03-05", billingDay: 5, on: "2026-03-20" })).toBe(0);
  });

  it("is the whole fee without a promotion", () => {
    const terms = { monthlyFee: 39_000, discountAmount: 0, discountMonths: 0 };
    expect(monthlyFeeOn({ terms, activatedOn: "2026-03-05", billingDay: 5, on: "2026-03-05" })).toBe(39_000);
    expect(promotionEndsOn({ terms, activatedOn: "2026-03-05", billingDay: 5 })).toBeNull();
  });

  it("ends the promotion on the first full-fee period's start", () => {
    expect(promotionEndsOn({ terms: promoted, activatedOn: "2026-11-30", billingDay: 1 })).toBe("2027-03-01");
  });
});
