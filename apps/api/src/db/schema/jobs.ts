import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Every run of a job — billing, dunning, end of term, … — whoever started it (cron, CLI, the
 * admin, a start-up catching up a missed day): what it did (`counts`, by job), how far it got
 * (`progress_done` of `progress_total`), how it ended and why (SPEC §5 long jobs, §6). A run per
 * partner and date for the daily jobs; null partner for platform-wide work.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: serial("id").primaryKey(),
    job: text("job").notNull(),
    partnerId: integer("partner_id"),
    runDate: date("run_date", { mode: "string" }).notNull(),
    dryRun: boolean("dry_run").notNull().default(false),
    /** running | completed | completed_with_failures | failed */
    status: text("status").notNull().default("running"),
    trigger: text("trigger").notNull(),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    /** Why a run failed: our own error codes and messages, never a query's parameters. */
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
  },
  (t) => [index("job_runs_job_partner_date_idx").on(t.job, t.partnerId, t.runDate)],
);

/** What one run could not do for one row (a contract that could not be billed, …); the next run retries it. */
export const jobRunFailures = pgTable(
  "job_run_failures",
  {
    id: serial("id").primaryKey(),
    jobRunId: integer("job_run_id").notNull(),
    partnerId: integer("partner_id"),
    entity: text("entity").notNull(),
    entityId: integer("entity_id").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("job_run_failures_run_idx").on(t.jobRunId, t.id)],
);
