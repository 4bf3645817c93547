import { describe, expect, it } from "vitest";
import { creditOutcome, DEFAULT_CREDIT_POLICY } from "./credit-policy.js";

describe("credit policy", () => {
  it.each([
    [1000, "approved"],
    [700, "approved"],
    [699, "review"],
    [600, "review"],
    [599, "declined"],
    [1, "declined"],
  ] as const)("score %i → %s under the default policy", (score, outcome) => {
    expect(creditOutcome(score, DEFAULT_CREDIT_POLICY)).toBe(outcome);
  });

  it("follows the partner's thresholds", () => {
    expect(creditOutcome(650, { approveAt: 650, reviewAt: 500 })).toBe("approved");
    expect(creditOutcome(499, { approveAt: 650, reviewAt: 500 })).toBe("declined");
  });
});
