import { addDays, format, parseISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanTerms } from "../plans/plan-terms.js";
import type { SchedulePeriod } from "./billing-schedule.js";
import { billingSchedule, nextBillingDate, periodsDue, stubCharge } from "./billing-schedule.js";

const terms: PlanTerms = {
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

describe("billing schedule", () => {
  it("starts a full period at once when activated on the billing day", () => {
    const s = billingSchedule({ terms, activatedOn: "2026-03-05", billingDay: 5 });
    expect(s.periods[0]).toMatchObject({ kind: "full", start: "2026-03-05", end: "2026-04-04" });
    expect(s.periods).toHaveLength(36);
    expect(s.endsOn).toBe("2029-03-04");
  });

  it("bills a stub from activation to the day before the billing day", () => {
    // March has 31 days; 10 Mar → 4 Apr is 26 days: floor(29,900 × 26 / 31) = 25,077.
    const s = billingSchedule({ terms, activatedOn: "2026-03-10", billingDay: 5 });
    expect(s.periods[0]).toMatchObject({ kind: "stub", start: "2026-03-10", end: "2026-04-04" });
    expect(s.periods[0]!.lines[0]!.amount).toBe(25_077);
    expect(s.periods[1]).toMatchObject({ kind: "full", index: 1, start: "2026-04-05" });
    expect(s.periods.filter((p) => p.kind === "full")).toHaveLength(36);
    expect(s.endsOn).toBe("2029-04-04");
  });

  it("uses the activation month's length for the stub", () => {
    expect(stubCharge({ monthlyFee: 28_000, activatedOn: "2026-02-20", billingDay: 25 })).toEqual({
      days: 5,
      amount: 5_000,
      end: "2026-02-24",
    });
    expect(nextBillingDate("2026-12-29", 1)).toBe("2027-01-01");
  });

  it("puts the registration fee on the first invoice as its own line, split for VAT", () => {
    const s = billingSchedule({ terms, activatedOn: "2026-03-10", billingDay: 5 });
    const [rent, fee] = s.periods[0]!.lines;
    expect(fee).toEqual({
      kind: "registration_fee",
      text: { key: "line.registration_fee" },
      description: "등록비",
      supply: 90_910,
      vat: 9_090,
      amount: 100_000,
    });
    expect(s.periods[0]!.amount).toBe(rent!.amount + 100_000);
    expect(s.periods[1]!.lines).toHaveLength(1);
  });

  it("skips a waived registration fee", () => {
    const s = billingSchedule({
      terms: { ...terms, registrationFeeWaived: true },
      activatedOn: "2026-03-05",
      billingDay: 5,
    });
    expect(s.periods[0]!.lines.map((l) => l.kind)).toEqual(["rent"]);
  });

  it("takes the promotion off the first full periods only, never below zero", () => {
    const promo = { ...terms, discountAmount: 5_000, discountMonths: 2 };
    const s = billingSchedule({ terms: promo, activatedOn: "2026-03-10", billingDay: 5 });
    expect(s.periods.map((p) => p.lines[0]!.amount).slice(0, 4)).toEqual([25_077, 24_900, 24_900, 29_900]);
    const free = billingSchedule({
      terms: { ...terms, discountAmount: 29_900, discountMonths: 1 },
      activatedOn: "2026-03-05",
      billingDay: 5,
    });
    expect(free.periods[0]!.lines[0]!.amount).toBe(0);
  });

  it("lists an open-ended subscription for the horizon asked", () => {
    const s = billingSchedule({
      terms: { ...terms, kind: "subscription", termMonths: null },
      activatedOn: "2026-03-05",
      billingDay: 5,
      horizonMonths: 6,
    });
    expect(s.endsOn).toBeNull();
    expect(s.periods).toHaveLength(6);
  });

  it("refuses a billing day outside 1–28", () => {
    expect(() => billingSchedule({ terms, activatedOn: "2026-03-05", billingDay: 31 })).toThrow(
      /billing day/,
    );
  });

  it("for any plan and activation date: termMonths full periods, contiguous, and supply + VAT = total", () => {
    const day = 24 * 3600 * 1000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 72 }),
        fc.integer({ min: 1_000, max: 300_000 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 400_000 }),
        (offset, billingDay, termMonths, monthlyFee, discountMonths, discountAmount) => {
          const activatedOn = format(new Date(Date.UTC(2025, 0, 1) + offset * day), "yyyy-MM-dd");
          const plan = {
            ...terms,
            termMonths,
            mandatoryMonths: termMonths,
            monthlyFee,
            discountMonths: Math.min(discountMonths, termMonths),
            discountAmount,
          };
          const s = billingSchedule({ terms: plan, activatedOn, billingDay });
          const full = s.periods.filter((p) => p.kind === "full");
          expect(full).toHaveLength(termMonths);
          expect(s.periods[0]!.start).toBe(activatedOn);
          for (let i = 1; i < s.periods.length; i++) {
            expect(s.periods[i]!.start).toBe(
              format(addDays(parseISO(s.periods[i - 1]!.end), 1), "yyyy-MM-dd"),
            );
          }
          for (const p of full) expect(parseISO(p.start).getDate()).toBe(billingDay);
          expect(s.endsOn).toBe(s.periods[s.periods.length - 1]!.end);
          for (const p of s.periods) {
            for (const l of p.lines) {
              expect(l.supply + l.vat).toBe(l.amount);
              expect(l.amount).toBeGreaterThanOrEqual(0);
            }
            expect(p.amount).toBe(p.lines.reduce((a, l) => a + l.amount, 0));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("issues, over runs on random days (some skipped, some repeated), exactly the schedule", () => {
    const day = 24 * 3600 * 1000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 1, maxLength: 60 }),
        (offset, billingDay, termMonths, discountMonths, waived, gaps) => {
          const activatedOn = format(new Date(Date.UTC(2025, 0, 1) + offset * day), "yyyy-MM-dd");
          const plan = {
            ...terms,
            termMonths,
            mandatoryMonths: termMonths,
            discountAmount: 3_000,
            discountMonths: Math.min(discountMonths, termMonths),
            registrationFeeWaived: waived,
          };
          const schedule = billingSchedule({ terms: plan, activatedOn, billingDay });
          const issued: SchedulePeriod[] = [];
          let from: string | null = activatedOn;
          let date = activatedOn;
          for (const gap of gaps) {
            date = format(addDays(parseISO(date), gap), "yyyy-MM-dd"); // gap 0: the same date again
            if (from === null) break;
            const due = periodsDue({ terms: plan, activatedOn, billingDay, from, through: date });
            for (const p of due.periods) expect(p.start <= date).toBe(true);
            issued.push(...due.periods);
            from = due.next;
          }
          expect(issued).toEqual(schedule.periods.filter((p) => p.start <= date));
          if (from !== null) expect(from).toBe(schedule.periods[issued.length]!.start);
          else expect(issued).toHaveLength(schedule.periods.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("catches up a backdated activation: the stub with its registration fee and every full period since", () => {
    // Installed 2026-11-20 (recorded later), billing day 5, run on 2026-12-09.
    const due = periodsDue({
      terms,
      activatedOn: "2026-11-20",
      billingDay: 5,
      from: "2026-11-20",
      through: "2026-12-09",
    });
    expect(due.periods.map((p) => [p.kind, p.start, p.amount])).toEqual([
      ["stub", "2026-11-20", Math.floor((29_900 * 15) / 30) + 100_000],
      ["full", "2026-12-05", 29_900],
    ]);
    expect(due.next).toBe("2027-01-05");
  });

  it("bills an ended contract's periods up to the day it ended, and nothing after", () => {
    const due = periodsDue({
      terms,
      activatedOn: "2026-03-05",
      billingDay: 5,
      from: "2026-05-05",
      through: "2026-09-01",
      endedOn: "2026-06-05",
    });
    expect(due.periods.map((p) => p.start)).toEqual(["2026-05-05", "2026-06-05"]);
    expect(due.next).toBeNull();
  });

  it("refuses to start from a day on which no period starts", () => {
    expect(() =>
      periodsDue({
        terms,
        activatedOn: "2026-03-05",
        billingDay: 5,
        from: "2026-04-06",
        through: "2026-05-01",
      }),
    ).toThrow(/No period/);
  });
});
