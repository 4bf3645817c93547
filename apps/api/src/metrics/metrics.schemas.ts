import { addMonths, differenceInCalendarMonths, format, parseISO } from "date-fns";
import { z } from "zod";

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM");

/** At most two years of months in one series. */
export const MAX_SERIES_MONTHS = 24;

/**
 * `GET /api/metrics/dashboard?from=YYYY-MM&to=YYYY-MM`: the months of the series, both included;
 * by default the twelve months up to the current one. Checked against the clock in the route.
 */
export const ZDashboardQuery = z
  .object({ from: ZMonth.optional(), to: ZMonth.optional() })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to || !ZMonth.safeParse(q.from).success || !ZMonth.safeParse(q.to).success) return;
    const span = differenceInCalendarMonths(parseISO(`${q.to}-01`), parseISO(`${q.from}-01`));
    if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The series ends before it starts" });
    else if (span >= MAX_SERIES_MONTHS)
      ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_SERIES_MONTHS} months` });
  });

/** The default series: the twelve months that end with `to` (or the current month). */
export function seriesBounds(
  query: { from?: string; to?: string },
  today: string,
): { from: string; to: string } {
  const to = query.to ?? today.slice(0, 7);
  const from = query.from ?? format(addMonths(parseISO(`${to}-01`), -11), "yyyy-MM");
  return { from, to };
}
