import { describe, expect, it } from "vitest";
import { type PlanTerms, planEditOutcome, planTermErrors } from "./plan-terms.js";

const rental: PlanTerms = {
  kind: "rental",
  monthlyFee: 29_900,
  termMonths: 36,
  mandatoryMonths: 36,
  registrationFee: 100_000,
  registrationFeeWaived: false,
  ownershipTransfer: true,
  serviceIntervalMonths: 4,
  earlyTerminationRate: 10,
  removalFee: 0,
  coolingOffDays: 14,
  discountAmount: 0,
  discountMonths: 0,
};

describe("plan terms", () => {
  it("accepts a coherent rental plan", () => {
    expect(planTermErrors(rental)).toEqual({});
  });
  it("requires a term for rentals and for ownership transfer", () => {
    expect(planTermErrors({ ...rental, termMonths: null })).toMatchObject({
      termMonths: expect.any(String),
      ownershipTransfer: expect.any(String),
    });
  });
  it("refuses a mandatory period longer than the term", () => {
    expect(planTermErrors({ ...rental, mandatoryMonths: 48 })).toHaveProperty("mandatoryMonths");
  });
  it("refuses a discount above the fee", () => {
    expect(planTermErrors({ ...rental, discountAmount: 30_000, discountMonths: 3 })).toHaveProperty(
      "discountAmount",
    );
  });
});

describe("editing a plan", () => {
  it("corrects an unused version in place", () => {
    expect(planEditOutcome({ current: rental, next: { ...rental, monthlyFee: 31_900 }, inUse: false })).toBe(
      "update_in_place",
    );
  });
  it("makes a new version when a used version's terms change", () => {
    expect(planEditOutcome({ current: rental, next: { ...rental, monthlyFee: 31_900 }, inUse: true })).toBe(
      "new_version",
    );
  });
  it("keeps the version when nothing contractual changed", () => {
    expect(planEditOutcome({ current: rental, next: { ...rental }, inUse: true })).toBe("update_in_place");
  });
});
