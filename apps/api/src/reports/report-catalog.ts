import { billingRegister } from "./billing-register.js";
import type { ReportDefinition, ReportName } from "./report-definition.js";

/** Every report of SPEC §3 "Reports and metrics", by the name in its URL. */
export const REPORTS: Partial<Record<ReportName, ReportDefinition>> = {
  "billing-register": billingRegister,
};
