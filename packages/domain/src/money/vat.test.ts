import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitVat } from "./vat.js";

describe("splitVat", () => {
  it.each([
    [29_900, 27_182, 2_718],
    [0, 0, 0],
    [11, 10, 1],
    [10, 10, 0],
    [1_100_000, 1_000_000, 100_000],
  ])("splits %i won into supply %i and VAT %i", (total, supply, vat) => {
    expect(splitVat(total)).toEqual({ total, supply, vat });
  });

  it("always adds back up to the total", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (total) => {
        const s = splitVat(total);
        return s.supply + s.vat === total && s.vat === Math.floor(total / 11);
      }),
    );
  });

  it("refuses fractional won", () => {
    expect(() => splitVat(10.5)).toThrow(/whole number/);
  });
});
