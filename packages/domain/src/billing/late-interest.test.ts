import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accruedLateInterest, lateInterest, rateBp } from "./late-interest.js";

describe("late interest on a fixed amount", () => {
  it("accrues daily at the annual rate, rounded down", () => {
    // 89,700 overdue for 30 days at 6%: floor(89,700 × 0.06 × 30 / 365) = 442
    expect(
      lateInterest({
        overdueAmount: 89_700,
        annualRateBp: 600,
        fromDate: "2026-05-05",
        toDate: "2026-06-04",
      }),
    ).toBe(442);
  });

  it("refuses a rate above 6% a year", () => {
    expect(() =>
      lateInterest({ overdueAmount: 1, annualRateBp: 601, fromDate: "2026-01-01", toDate: "2026-01-02" }),
    ).toThrow(/6%/);
  });

  it("is nothing on or before the due date", () => {
    expect(
      lateInterest({
        overdueAmount: 29_900,
        annualRateBp: 600,
        fromDate: "2026-05-05",
        toDate: "2026-05-05",
      }),
    ).toBe(0);
    expect(
      lateInterest({
        overdueAmount: 29_900,
        annualRateBp: 600,
        fromDate: "2026-05-05",
        toDate: "2026-05-01",
      }),
    ).toBe(0);
  });
});

describe("late interest accrued on what is still owed", () => {
  const base = { amountDue: 100_000, dueDate: "2026-01-05", annualRateBp: 600 };

  it.each([
    // [what happened, reductions, until, expected]
    ["paid in full 10 days late", [{ on: "2026-01-15", amount: 100_000 }], "2026-01-15", 164],
    // 100,000 × 10 days + 40,000 × 20 days = 1,800,000 won-days → floor(1,800,000 × 0.06 / 365) = 295
    [
      "60,000 after 10 days, the rest after 30",
      [
        { on: "2026-01-15", amount: 60_000 },
        { on: "2026-02-04", amount: 40_000 },
      ],
      "2026-02-04",
      295,
    ],
    [
      "a credit note on the due date leaves nothing to accrue on",
      [{ on: "2026-01-05", amount: 100_000 }],
      "2026-02-05",
      0,
    ],
    [
      "money before the due date counts from the due date",
      [{ on: "2026-01-01", amount: 50_000 }],
      "2026-01-15",
      82,
    ],
  ])("%s", (_what, reductions, until, expected) => {
    expect(accruedLateInterest({ ...base, reductions, until })).toBe(expected);
  });

  it("never charges interest on an overpaid balance", () => {
    expect(
      accruedLateInterest({
        ...base,
        reductions: [{ on: "2026-01-10", amount: 150_000 }],
        until: "2026-03-01",
      }),
    ).toBe(
      lateInterest({
        overdueAmount: 100_000,
        annualRateBp: 600,
        fromDate: "2026-01-05",
        toDate: "2026-01-10",
      }),
    );
  });

  it("never exceeds 6% a year of the amount due, and never goes below zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.array(
          fc.record({
            day: fc.integer({ min: -10, max: 2_000 }),
            amount: fc.integer({ min: 0, max: 5_000_000 }),
          }),
        ),
        (amountDue, bp, span, moves) => {
          const at = (d: number) => new Date(Date.UTC(2026, 0, 5 + d)).toISOString().slice(0, 10);
          const interest = accruedLateInterest({
            amountDue,
            dueDate: at(0),
            until: at(span),
            annualRateBp: bp,
            reductions: moves.map((m) => ({ on: at(m.day), amount: m.amount })),
          });
          return (
            Number.isInteger(interest) &&
            interest >= 0 &&
            interest <= Math.floor((amountDue * bp * span) / 3_650_000)
          );
        },
      ),
    );
  });
});

describe("rate setting", () => {
  it("turns a percent into basis points and refuses more than 6%", () => {
    expect(rateBp(5.5)).toBe(550);
    expect(rateBp(6)).toBe(600);
    expect(() => rateBp(6.01)).toThrow(/6%/);
  });
});
