import { describe, expect, it } from "vitest";
import { arrearsAction, arrearsCleared, attemptDueOn, DEFAULT_DUNNING } from "./arrears.js";

const policy = DEFAULT_DUNNING;

describe("collection attempts", () => {
  it("retries on D+1, D+3 and D+7, once each", () => {
    const due = "2026-03-05";
    expect(attemptDueOn({ dueDate: due, today: "2026-03-05", attemptsMade: 0, policy })).toBe(1);
    expect(attemptDueOn({ dueDate: due, today: "2026-03-06", attemptsMade: 1, policy })).toBe(2);
    expect(
      attemptDueOn({
        dueDate: due,
        today: "2026-03-07",
        attemptsMade: 2,
        lastAttemptOn: "2026-03-06",
        policy,
      }),
    ).toBeNull();
    expect(attemptDueOn({ dueDate: due, today: "2026-03-08", attemptsMade: 2, policy })).toBe(3);
    expect(attemptDueOn({ dueDate: due, today: "2026-03-12", attemptsMade: 3, policy })).toBe(4);
    expect(
      attemptDueOn({
        dueDate: due,
        today: "2026-03-12",
        attemptsMade: 4,
        lastAttemptOn: "2026-03-12",
        policy,
      }),
    ).toBeNull();
    expect(attemptDueOn({ dueDate: due, today: "2026-03-13", attemptsMade: 4, policy })).toBeNull();
  });
  it("makes an attempt whose day was missed on the next day with a run, one a day at most", () => {
    const due = "2026-03-05";
    // Down from D+1 to D+5: attempt 2 on D+6, attempt 3 (due since D+3) on D+7 — not both on D+6.
    expect(
      attemptDueOn({ dueDate: due, today: "2026-03-11", attemptsMade: 1, lastAttemptOn: due, policy }),
    ).toBe(2);
    expect(
      attemptDueOn({
        dueDate: due,
        today: "2026-03-11",
        attemptsMade: 2,
        lastAttemptOn: "2026-03-11",
        policy,
      }),
    ).toBeNull();
    expect(
      attemptDueOn({
        dueDate: due,
        today: "2026-03-12",
        attemptsMade: 2,
        lastAttemptOn: "2026-03-11",
        policy,
      }),
    ).toBe(3);
    // A caught-up invoice is due on the run's date: its retries count from there, not its period.
    expect(attemptDueOn({ dueDate: "2026-03-09", today: "2026-03-09", attemptsMade: 1, policy })).toBeNull();
    expect(attemptDueOn({ dueDate: "2026-03-09", today: "2026-03-10", attemptsMade: 1, policy })).toBe(2);
  });
  it("follows the partner's retry days", () => {
    expect(
      attemptDueOn({
        dueDate: "2026-03-05",
        today: "2026-03-07",
        attemptsMade: 1,
        policy: { ...policy, retryDays: [2] },
      }),
    ).toBe(2);
  });
});

describe("arrears ladder", () => {
  const base = { status: "active", demand: null, policy } as const;
  it("does nothing while nothing is late", () => {
    expect(arrearsAction({ ...base, overdue: [{ dueDate: "2026-03-05" }], today: "2026-03-05" })).toEqual({
      kind: "none",
    });
  });
  it("suspends at 30 days overdue", () => {
    expect(arrearsAction({ ...base, overdue: [{ dueDate: "2026-03-05" }], today: "2026-04-03" }).kind).toBe(
      "none",
    );
    expect(arrearsAction({ ...base, overdue: [{ dueDate: "2026-03-05" }], today: "2026-04-04" })).toEqual({
      kind: "suspend",
      reason: "30일 연체",
    });
  });
  it("sends a formal demand with a 14-day deadline at three invoices in arrears", () => {
    const overdue = [{ dueDate: "2026-03-05" }, { dueDate: "2026-04-05" }, { dueDate: "2026-05-05" }];
    expect(arrearsAction({ ...base, status: "suspended", overdue, today: "2026-05-06" })).toEqual({
      kind: "demand",
      deadline: "2026-05-20",
    });
  });
  it("terminates for default when the deadline passes unpaid", () => {
    const overdue = [{ dueDate: "2026-03-05" }, { dueDate: "2026-04-05" }, { dueDate: "2026-05-05" }];
    const demand = { deadline: "2026-05-20" };
    expect(arrearsAction({ ...base, status: "suspended", overdue, demand, today: "2026-05-19" }).kind).toBe(
      "none",
    );
    expect(arrearsAction({ ...base, status: "suspended", overdue, demand, today: "2026-05-20" }).kind).toBe(
      "terminate_for_default",
    );
  });
  it("re-activates a suspended contract once nothing is overdue", () => {
    expect(arrearsAction({ ...base, status: "suspended", overdue: [], today: "2026-05-20" })).toEqual({
      kind: "reactivate",
    });
  });
  it("refuses a demand deadline shorter than 14 days", () => {
    expect(() =>
      arrearsAction({
        ...base,
        overdue: [],
        today: "2026-05-20",
        policy: { ...policy, demandDeadlineDays: 7 },
      }),
    ).toThrow(/14 days/);
  });
});

describe("answering a formal demand", () => {
  it("counts arrears as cleared only when no unpaid invoice is past its due date", () => {
    expect(arrearsCleared({ overdue: [], today: "2026-05-10" })).toBe(true);
    // An invoice due today is not late yet: paying the arrears on a billing day clears them.
    expect(arrearsCleared({ overdue: [{ dueDate: "2026-05-10" }], today: "2026-05-10" })).toBe(true);
    expect(arrearsCleared({ overdue: [{ dueDate: "2026-05-09" }], today: "2026-05-10" })).toBe(false);
  });
});
