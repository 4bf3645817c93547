import { addDays, format, parseISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGING_BUCKETS, agingBucket, agingDueDates, overdueDays } from "./aging.js";

describe("overdue days", () => {
  it.each([
    ["2026-03-05", "2026-03-04", 0],
    ["2026-03-05", "2026-03-05", 0],
    ["2026-03-05", "2026-03-06", 1],
    ["2026-03-05", "2026-04-04", 30],
    ["2026-01-31", "2026-03-01", 29],
    ["2024-02-28", "2024-03-01", 2],
    ["2025-12-31", "2026-01-01", 1],
    ["2026-03-05", "2027-03-05", 365],
  ])("an invoice due %s is, on %s, %i days past due", (dueDate, on, days) => {
    expect(overdueDays({ dueDate, on })).toBe(days);
  });
});

describe("aging buckets", () => {
  it.each([
    [-3, null],
    [0, null],
    [1, "1-30"],
    [30, "1-30"],
    [31, "31-60"],
    [60, "31-60"],
    [61, "61-90"],
    [90, "61-90"],
    [91, "90+"],
    [10_000, "90+"],
  ])("%i days past due is in bucket %s", (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it("has no bucket for a number that is not a day count", () => {
    expect(agingBucket(Number.NaN)).toBeNull();
  });

  it.each([
    ["1-30", "2026-03-31", "2026-03-01", "2026-03-30"],
    ["31-60", "2026-03-31", "2026-01-30", "2026-02-28"],
    ["61-90", "2026-03-31", "2025-12-31", "2026-01-29"],
    ["90+", "2026-03-31", null, "2025-12-30"],
  ] as const)("bucket %s on %s holds invoices due from %s to %s", (bucket, on, after, before) => {
    expect(agingDueDates({ bucket, on })).toEqual({ dueOnOrAfter: after, dueOnOrBefore: before });
  });

  it("puts an invoice in a bucket exactly when its due date is in that bucket's range", () => {
    const day = fc
      .integer({ min: 0, max: 3_000 })
      .map((n) => format(addDays(parseISO("2020-01-01"), n), "yyyy-MM-dd"));
    fc.assert(
      fc.property(day, day, (dueDate, on) => {
        const bucket = agingBucket(overdueDays({ dueDate, on }));
        for (const b of AGING_BUCKETS) {
          const { dueOnOrAfter, dueOnOrBefore } = agingDueDates({ bucket: b, on });
          const inRange = dueDate <= dueOnOrBefore && (dueOnOrAfter === null || dueDate >= dueOnOrAfter);
          if (inRange !== (bucket === b)) return false;
        }
        return true;
      }),
    );
  });
});
