import { describe, expect, it } from "vitest";
import {
  isVisitMissed,
  missedBefore,
  nextVisitDue,
  VISIT_STATUSES,
  type VisitStatus,
  visitDueDate,
  visitLifecycle,
  visitSchedule,
  visitTarget,
} from "./visit-lifecycle.js";

const ALLOWED: [VisitStatus, VisitStatus][] = [
  ["scheduled", "assigned"],
  ["scheduled", "cancelled"],
  ["assigned", "assigned"],
  ["assigned", "completed"],
  ["assigned", "cancelled"],
];

describe("service visit lifecycle", () => {
  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(() => visitLifecycle.assertCanTransition(from, to)).not.toThrow();
  });

  it("refuses every other pair", () => {
    const allowed = new Set(ALLOWED.map(([f, t]) => `${f}>${t}`));
    for (const from of VISIT_STATUSES)
      for (const to of VISIT_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(() => visitLifecycle.assertCanTransition(from, to), `${from}>${to}`).toThrow(/cannot go/);
      }
  });

  it("cannot complete a visit nobody is assigned to, nor touch a finished one", () => {
    expect(visitLifecycle.canTransition("scheduled", "completed")).toBe(false);
    expect(visitLifecycle.isTerminal("completed")).toBe(true);
    expect(visitLifecycle.isTerminal("cancelled")).toBe(true);
  });

  it.each([
    ["scheduled", "reschedule", "scheduled"],
    ["assigned", "reschedule", "assigned"],
    ["scheduled", "assign", "assigned"],
    ["assigned", "complete", "completed"],
    ["scheduled", "cancel", "cancelled"],
  ] as const)("%s + %s → %s", (from, action, to) => {
    expect(visitTarget(from, action)).toBe(to);
  });
});

describe("missed visits (derived, after the partner's grace period)", () => {
  it.each([
    ["scheduled", "2026-03-01", 3, "2026-03-04", false],
    ["scheduled", "2026-03-01", 3, "2026-03-05", true],
    ["assigned", "2026-03-01", 0, "2026-03-02", true],
    ["completed", "2026-03-01", 0, "2026-04-01", false],
    ["cancelled", "2026-03-01", 0, "2026-04-01", false],
  ] as const)("%s on %s, grace %i, today %s → missed %s", (status, scheduledOn, graceDays, today, missed) => {
    expect(isVisitMissed({ status, scheduledOn, graceDays, today })).toBe(missed);
  });

  it("names the last date still inside the grace period", () => {
    expect(missedBefore("2026-03-05", 3)).toBe("2026-03-02");
  });
});

describe("visit schedule", () => {
  it("counts every visit from activation, clamping month ends without drifting", () => {
    expect(visitSchedule({ activatedOn: "2026-01-31", intervalMonths: 1, until: "2026-05-31" })).toEqual([
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
    ]);
  });

  it("stops at the contract's end", () => {
    expect(
      visitSchedule({
        activatedOn: "2026-01-10",
        intervalMonths: 4,
        until: "2030-01-01",
        endsOn: "2027-01-09",
      }),
    ).toEqual(["2026-05-10", "2026-09-10"]);
  });

  it("has no visits without a positive whole interval", () => {
    expect(visitSchedule({ activatedOn: "2026-01-10", intervalMonths: 0, until: "2030-01-01" })).toEqual([]);
    expect(nextVisitDue({ activatedOn: "2026-01-10", intervalMonths: 0, from: "2026-01-10" })).toBeNull();
  });

  it("finds the next due date on or after a day", () => {
    expect(nextVisitDue({ activatedOn: "2026-01-10", intervalMonths: 3, from: "2026-04-10" })).toBe(
      "2026-04-10",
    );
    expect(nextVisitDue({ activatedOn: "2026-01-10", intervalMonths: 3, from: "2026-04-11" })).toBe(
      "2026-07-10",
    );
    expect(
      nextVisitDue({
        activatedOn: "2026-01-10",
        intervalMonths: 3,
        from: "2026-04-11",
        endsOn: "2026-06-30",
      }),
    ).toBeNull();
    expect(visitDueDate("2024-02-29", 12, 1)).toBe("2025-02-28");
  });
});
