import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { contracts, jobRunFailures, jobRuns } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { ZIsoDate } from "../shared/zod-fields.js";

type JobRunRow = typeof jobRuns.$inferSelect;

const JOBS = [
  "billing",
  "dunning",
  "end-of-term",
  "payment-methods",
  "metrics",
  "service-visits",
  "reminders",
] as const;
const STATUSES = ["running", "completed", "completed_with_failures", "failed"] as const;

export const ZJobRunFilter = z.object({
  job: z.enum(JOBS, `One of: ${JOBS.join(", ")}`).optional(),
  status: z.enum(STATUSES, `One of: ${STATUSES.join(", ")}`).optional(),
  runDate: ZIsoDate.optional(),
  dryRun: z.boolean("true or false").optional(),
});

/** A job run as the API shows it: its counts spread out (a billing run's `issued`, …) and its progress. */
export function jobRunJson(r: JobRunRow) {
  return {
    id: r.id,
    job: r.job,
    partnerId: r.partnerId,
    runDate: r.runDate,
    dryRun: r.dryRun,
    status: r.status,
    trigger: r.trigger,
    ...r.counts,
    counts: r.counts,
    progress: { done: r.progressDone, total: r.progressTotal },
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
  };
}

/**
 * Every job run (SPEC §5 long jobs, §6): `GET /api/jobs` lists them (the failed ones for the admin
 * to highlight), `GET /api/jobs/:id` is one run's progress, result or error, with what it could
 * not do row by row (a contract it could not bill, named by its number).
 */
export function registerJobRoutes(routes: ApiRoutes): void {
  registerReads<JobRunRow, typeof ZJobRunFilter.shape>(routes, {
    resource: "jobs",
    title: "job runs: billing, dunning, end of term, … with progress, outcome and counts",
    table: jobRuns,
    partnerColumn: jobRuns.partnerId,
    sort: { id: jobRuns.id, runDate: jobRuns.runDate, startedAt: jobRuns.startedAt, status: jobRuns.status },
    defaultSort: ["id", "DESC"],
    filters: ZJobRunFilter,
    where: (f) => [
      f.job ? eq(jobRuns.job, f.job) : undefined,
      f.status ? eq(jobRuns.status, f.status) : undefined,
      f.runDate ? eq(jobRuns.runDate, f.runDate) : undefined,
      f.dryRun === undefined ? undefined : eq(jobRuns.dryRun, f.dryRun),
    ],
    toJson: async (rows, ctx, view) => {
      if (view === "list") return rows.map(jobRunJson);
      const failures = await ctx.tx
        .select()
        .from(jobRunFailures)
        .where(
          inArray(
            jobRunFailures.jobRunId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(jobRunFailures.id))
        .limit(1_000);
      const contractIds = failures.filter((f) => f.entity === "contracts").map((f) => f.entityId);
      const numbers = new Map(
        contractIds.length === 0
          ? []
          : (
              await ctx.tx
                .select({ id: contracts.id, number: contracts.number })
                .from(contracts)
                .where(inArray(contracts.id, contractIds))
            ).map((c) => [c.id, c.number]),
      );
      return rows.map((r) => ({
        ...jobRunJson(r),
        failures: failures
          .filter((f) => f.jobRunId === r.id)
          .map((f) => ({
            entity: f.entity,
            entityId: f.entityId,
            name: f.entity === "contracts" ? (numbers.get(f.entityId) ?? null) : null,
            code: f.code,
            message: f.message,
            at: f.at.toISOString(),
          })),
      }));
    },
  });
}
