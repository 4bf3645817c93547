import { addYears, format, parseISO } from "date-fns";

/** The longest period a report or export covers: bounded so that one request stays bounded. */
export const MAX_REPORT_YEARS = 5;

/**
 * Why a report period is not acceptable, as field → message (empty when it is): `to` before
 * `from`, or longer than five years (2021-01-01 … 2025-12-31 is the longest from 2021-01-01).
 */
export function reportPeriodErrors(input: { from: string; to: string }): Record<string, string> {
  if (input.to < input.from) return { to: "The period ends before it starts" };
  const limit = format(addYears(parseISO(input.from), MAX_REPORT_YEARS), "yyyy-MM-dd");
  if (input.to >= limit) return { to: `A period covers at most ${MAX_REPORT_YEARS} years` };
  return {};
}
