import { AGING_BUCKETS, ASSET_STATUSES } from "@ssp/domain";
import type { ReportName } from "./download-report";

/** A report's own filters on the Reports page: field, its values and their i18n prefix. */
export interface ReportFilterField {
  field: "status" | "overdueBucket" | "method" | "type" | "source";
  values: readonly string[];
  label: string;
}

const invoiceStatus = {
  field: "status",
  values: ["open", "paid", "void"],
  label: "ssp.invoiceStatus",
} as const;
const bucket = { field: "overdueBucket", values: AGING_BUCKETS, label: "ssp.overdueBucket" } as const;

export const REPORT_FILTERS: Record<ReportName, readonly ReportFilterField[]> = {
  "billing-register": [invoiceStatus, bucket],
  "sales-summary": [],
  payments: [
    { field: "status", values: ["succeeded", "failed", "pending"], label: "ssp.paymentStatus" },
    {
      field: "method",
      values: ["sandbox", "kakaopay", "toss", "bank_transfer", "none"],
      label: "ssp.paymentMethodKind",
    },
  ],
  "receivables-aging": [bucket],
  adjustments: [
    {
      field: "type",
      values: ["credit_note", "refund", "cancellation", "termination"],
      label: "ssp.reports.adjustmentType",
    },
  ],
  depreciation: [{ field: "status", values: ASSET_STATUSES, label: "ssp.assetStatus" }],
  "unit-economics": [],
  journal: [
    {
      field: "source",
      values: ["invoice", "payment", "refund", "credit_note", "cancellation"],
      label: "ssp.reports.journalSource",
    },
  ],
};
