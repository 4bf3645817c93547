import { differenceInCalendarMonths, parseISO } from "date-fns";
import type { ApiRoutes } from "../http/api-routes.js";
import { validationFailed } from "../http/errors.js";
import { dashboard } from "./dashboard.js";
import { MAX_SERIES_MONTHS, seriesBounds, ZDashboardQuery } from "./metrics.schemas.js";

/**
 * The dashboard (SPEC §3 "Reports and metrics"): monthly series of every metric the caller's
 * role may see, each month's figures the totals of the reports that itemize them.
 */
export function registerMetricRoutes(routes: ApiRoutes): void {
  routes.staff(
    {
      method: "get",
      path: "/metrics/dashboard",
      summary: "Dashboard: monthly series (from/to as YYYY-MM, default the last 12 months) per role",
      tag: "metrics",
      query: ZDashboardQuery,
      access: "any",
    },
    async (ctx, { query }) => {
      const today = ctx.clock.today();
      const bounds = seriesBounds(query, today);
      if (bounds.to > today.slice(0, 7))
        throw validationFailed({ to: "The series cannot end after this month" });
      if (
        differenceInCalendarMonths(parseISO(`${bounds.to}-01`), parseISO(`${bounds.from}-01`)) >=
        MAX_SERIES_MONTHS
      )
        throw validationFailed({ from: `At most ${MAX_SERIES_MONTHS} months` });
      return { body: await dashboard(ctx, bounds) };
    },
  );
}
