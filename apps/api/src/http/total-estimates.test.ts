import { describe, expect, it } from "vitest";
import { TotalEstimates } from "./total-estimates.js";

describe("remembered total estimates", () => {
  it("answers an estimate until its time is up, then forgets it", () => {
    let now = 1_000;
    const estimates = new TotalEstimates({ ttlMs: 10_000, now: () => now });
    estimates.set("demo|customers", 998_291);
    now += 9_999;
    expect(estimates.get("demo|customers")).toBe(998_291);
    now += 1;
    expect(estimates.get("demo|customers")).toBeUndefined();
    expect(estimates.get("barun|customers")).toBeUndefined();
  });

  it("keeps at most maxEntries, dropping the oldest first", () => {
    const estimates = new TotalEstimates({ maxEntries: 2, now: () => 0 });
    estimates.set("a", 1);
    estimates.set("b", 2);
    estimates.set("a", 3); // a fresh estimate counts as new
    estimates.set("c", 4);
    expect([estimates.get("a"), estimates.get("b"), estimates.get("c")]).toEqual([3, undefined, 4]);
  });
});
