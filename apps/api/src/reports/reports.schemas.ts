import { reportPeriodErrors } from "@ssp/domain";
import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";

export const REPORT_FORMATS = ["csv", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * `GET /api/reports/<name>.<format>?from=&to=&filter={…}&lang=`: a period of Seoul dates (both
 * inclusive, at most five years), the matching admin list's filter as JSON, header language.
 */
export const ZReportQuery = z
  .object({
    from: ZIsoDate,
    to: ZIsoDate,
    filter: z.string().max(4_000, "At most 4,000 characters").optional(),
    lang: z.enum(["ko", "en"], "ko or en").default("ko"),
  })
  .superRefine((q, ctx) => {
    if (!ZIsoDate.safeParse(q.from).success || !ZIsoDate.safeParse(q.to).success) return;
    for (const [field, message] of Object.entries(reportPeriodErrors(q)))
      ctx.addIssue({ code: "custom", path: [field], message });
  });
export type TReportQuery = z.infer<typeof ZReportQuery>;
