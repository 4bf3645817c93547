import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { ReportColumn, ReportLanguage } from "./report-columns.js";

export const REPORT_NAMES = [
  "billing-register",
  "sales-summary",
  "payments",
  "receivables-aging",
  "adjustments",
  "depreciation",
  "unit-economics",
  "journal",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** What a report's SQL is built from: the tenant, the period (Seoul dates, inclusive), its filter. */
export interface ReportQueryInput<F> {
  partnerId: number;
  from: string;
  to: string;
  /** The clock's today, for filters judged "now" (the invoice list's overdue tab). */
  today: string;
  filter: F;
  /** Labels (statuses, kinds) in the language the headers are in. */
  lang: ReportLanguage;
}

/**
 * One report: its columns in order and one SQL query that selects exactly those columns, in
 * that order. The dashboard sums the same query, so a figure and its report always agree.
 */
export interface ReportDefinition<F = Record<string, unknown>> {
  name: ReportName;
  title: { ko: string; en: string };
  /** What the period means for this report, shown on the Reports page. */
  periodMeaning: { ko: string; en: string };
  filters: z.ZodObject;
  columns: readonly ReportColumn[];
  query(input: ReportQueryInput<F>): SQL;
}

export function defineReport<F>(definition: ReportDefinition<F>): ReportDefinition {
  return definition as unknown as ReportDefinition;
}
