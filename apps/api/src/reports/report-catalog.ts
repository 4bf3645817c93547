import { adjustments } from "./adjustments.js";
import { billingRegister } from "./billing-register.js";
import { depreciation } from "./depreciation.js";
import { journal } from "./journal.js";
import { paymentsReport } from "./payments-report.js";
import { receivablesAging } from "./receivables-aging.js";
import type { ReportDefinition, ReportName } from "./report-definition.js";
import { salesSummary } from "./sales-summary.js";
import { unitEconomics } from "./unit-economics.js";

/** Every report of SPEC §3 "Reports and metrics", by the name in its URL. */
export const REPORTS: Record<ReportName, ReportDefinition> = {
  "billing-register": billingRegister,
  "sales-summary": salesSummary,
  payments: paymentsReport,
  "receivables-aging": receivablesAging,
  adjustments,
  depreciation,
  "unit-economics": unitEconomics,
  journal,
};
