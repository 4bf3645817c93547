import { date, integer, jsonb, pgTable, primaryKey, timestamp } from "drizzle-orm/pg-core";

/**
 * The dashboard's figures for a closed month (SPEC §3): computed once, from what happened up to
 * its last day, by the same SQL as the reports, and kept — a past month's figures never change
 * afterwards, and the dashboard reads twelve of them instead of recomputing them.
 */
export const metricMonths = pgTable(
  "metric_months",
  {
    partnerId: integer("partner_id").notNull(),
    /** The month's first day. */
    month: date("month", { mode: "string" }).notNull(),
    figures: jsonb("figures").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "metric_months_pkey", columns: [t.partnerId, t.month] })],
);
