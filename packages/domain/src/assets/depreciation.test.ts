import { describe, expect, it } from "vitest";
import { bookValue } from "./depreciation.js";

const base = { acquisitionCost: 600_000, acquiredOn: "2026-01-15", usefulLifeMonths: 60 };

describe("straight-line book value", () => {
  it("is the full cost in the month of acquisition", () => {
    expect(bookValue({ ...base, asOf: "2026-01-31" })).toBe(600_000);
  });
  it("loses cost / life each month", () => {
    expect(bookValue({ ...base, asOf: "2026-02-01" })).toBe(590_000);
    expect(bookValue({ ...base, asOf: "2027-01-15" })).toBe(480_000);
  });
  it("reaches zero at the end of the useful life and stays there", () => {
    expect(bookValue({ ...base, asOf: "2031-01-01" })).toBe(0);
    expect(bookValue({ ...base, asOf: "2040-01-01" })).toBe(0);
  });
  it("rounds in the owner's favour without fractions", () => {
    expect(
      bookValue({
        acquisitionCost: 1_000,
        acquiredOn: "2026-01-01",
        usefulLifeMonths: 3,
        asOf: "2026-02-01",
      }),
    ).toBe(667);
  });
});
