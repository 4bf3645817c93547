import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { AppError, validationFailed } from "../http/errors.js";
import { exportReport } from "./export-report.js";
import { REPORTS } from "./report-catalog.js";
import { parseReportFilter } from "./report-filter.js";
import { REPORT_FORMATS, type ReportFormat, ZReportQuery } from "./reports.schemas.js";

/** At most this many exports stream at once per API process; each holds a database connection. */
const MAX_CONCURRENT_EXPORTS = 2;

export function registerReportRoutes(routes: ApiRoutes, deps: AppDeps): void {
  let running = 0;
  routes.staff(
    {
      method: "get",
      path: "/reports/:file",
      summary:
        "A finance report as CSV (UTF-8 with BOM) or XLSX, streamed: <name>.<csv|xlsx>, e.g. billing-register.xlsx",
      tag: "reports",
      query: ZReportQuery,
      access: { resource: "reports", action: "list" },
      outsideTransaction: true,
    },
    async (ctx, { params, query }) => {
      const [name = "", format = "", ...extra] = params.file!.split(".");
      const report = REPORTS[name as keyof typeof REPORTS];
      if (!report)
        throw validationFailed({ name: `Unknown report: one of ${Object.keys(REPORTS).join(", ")}` });
      if (extra.length > 0 || !(REPORT_FORMATS as readonly string[]).includes(format))
        throw validationFailed({ format: `Unknown format: one of ${REPORT_FORMATS.join(", ")}` });
      const filter = parseReportFilter(report.filters, query.filter);
      if (running >= MAX_CONCURRENT_EXPORTS)
        throw new AppError(429, "exports_busy", "Other exports are running; try again in a minute");
      return {
        body: null,
        stream: async (res) => {
          running++;
          try {
            await exportReport({ deps, ctx, res, report, format: format as ReportFormat, query, filter });
          } finally {
            running--;
          }
        },
      };
    },
  );
}
