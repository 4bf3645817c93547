import { describe, expect, it } from "vitest";
import type { PlanTerms } from "../plans/plan-terms.js";
import { coolingOffRefund, terminationQuote } from "./termination-quote.js";

const terms: PlanTerms = {
  kind: "rental",
  monthlyFee: 30_000,
  termMonths: 36,
  mandatoryMonths: 36,
  registrationFee: 100_000,
  registrationFeeWaived: true,
  ownershipTransfer: true,
  serviceIntervalMonths: 4,
  earlyTerminationRate: 10,
  removalFee: 20_000,
  coolingOffDays: 14,
  discountAmount: 5_000,
  discountMonths: 6,
};
const base = { terms, activatedOn: "2026-03-10", billingDay: 5 };

describe("termination quote", () => {
  it("counts a full period that started on the termination date as used", () => {
    // Full periods start 5 Apr, 5 May, …; on 5 Jun three have started.
    const q = terminationQuote({ ...base, date: "2026-06-05" });
    expect(q.usedFullPeriods).toBe(3);
    expect(q.remainingMandatoryPeriods).toBe(33);
    expect(q.items).toEqual([
      {
        kind: "penalty",
        text: expect.anything(),
        description: expect.stringContaining("33개월"),
        amount: 99_000,
      },
      { kind: "removal_fee", text: expect.anything(), description: "철거비", amount: 20_000 },
      {
        kind: "registration_clawback",
        text: expect.anything(),
        description: "면제된 등록비 환수",
        amount: 100_000,
      },
      {
        kind: "promotion_clawback",
        text: expect.anything(),
        description: "프로모션 할인 환수",
        amount: 15_000,
      },
    ]);
    expect(q.total).toBe(234_000);
  });

  it("never counts the stub toward the mandatory periods", () => {
    const q = terminationQuote({ ...base, date: "2026-03-20" });
    expect(q.usedFullPeriods).toBe(0);
    expect(q.remainingMandatoryPeriods).toBe(36);
    expect(q.items.find((i) => i.kind === "penalty")!.amount).toBe(108_000);
    expect(q.items.find((i) => i.kind === "promotion_clawback")).toBeUndefined();
  });

  it("rounds the penalty down to the won", () => {
    const q = terminationQuote({
      ...base,
      terms: { ...terms, monthlyFee: 29_900, earlyTerminationRate: 7 },
      date: "2026-04-05",
    });
    expect(q.items[0]!.amount).toBe(Math.floor((35 * 29_900 * 7) / 100));
    expect(q.items[0]!.amount).toBe(73_255);
  });

  it("charges only the removal fee after the mandatory period", () => {
    const plan = { ...terms, mandatoryMonths: 12, ownershipTransfer: false };
    const q = terminationQuote({ ...base, terms: plan, date: "2027-04-05" });
    expect(q.remainingMandatoryPeriods).toBe(0);
    expect(q.items).toEqual([
      { kind: "removal_fee", text: expect.anything(), description: "철거비", amount: 20_000 },
    ]);
  });

  it("charges nothing once an ownership-transfer plan's term is over", () => {
    const q = terminationQuote({ ...base, date: "2029-04-05" });
    expect(q.items).toEqual([]);
    expect(q.total).toBe(0);
  });

  it("adds late interest as its own item", () => {
    const q = terminationQuote({ ...base, date: "2029-04-05", lateInterest: 1_234 });
    expect(q.items).toEqual([
      { kind: "late_interest", text: expect.anything(), description: "연체 이자", amount: 1_234 },
    ]);
  });
});

describe("cooling-off refund", () => {
  it("returns every successful payment", () => {
    expect(
      coolingOffRefund([
        { amount: 125_077, status: "succeeded" },
        { amount: 29_900, status: "failed" },
        { amount: 29_900, status: "succeeded" },
      ]),
    ).toBe(154_977);
  });
});
