import { describe, expect, it } from "vitest";
import { reportPeriodErrors } from "./report-period.js";

describe("report periods", () => {
  it.each([
    ["2026-01-01", "2026-01-01"],
    ["2026-01-01", "2026-12-31"],
    ["2021-01-01", "2025-12-31"],
    ["2024-02-29", "2029-02-27"],
  ])("accepts %s … %s", (from, to) => {
    expect(reportPeriodErrors({ from, to })).toEqual({});
  });

  it.each([
    ["2026-02-01", "2026-01-31", "The period ends before it starts"],
    ["2021-01-01", "2026-01-01", "A period covers at most 5 years"],
    ["2000-01-01", "2026-12-31", "A period covers at most 5 years"],
  ])("refuses %s … %s on the end date", (from, to, message) => {
    expect(reportPeriodErrors({ from, to })).toEqual({ to: message });
  });
});
