import { DomainError } from "@ssp/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { jobRunFailures, jobRuns } from "../db/schema/index.js";
import { AppError, pgError } from "../http/errors.js";
import { processLogger } from "../observability/logger.js";
import { jobDuration, jobFailures } from "../observability/metrics.js";

export type JobName =
  | "billing"
  | "dunning"
  | "end-of-term"
  | "payment-methods"
  | "metrics"
  | "service-visits"
  | "reminders";
export type JobTrigger = "cron" | "cli" | "api" | "startup";
export type JobRunRow = typeof jobRuns.$inferSelect;

/** What a job reports of a row it could not handle; the next run tries it again. */
export interface JobFailure {
  entity: string;
  entityId: number;
  code: string;
  message: string;
}

/** What a running job sees of its own run: its record, and ways to report progress and failures. */
export interface JobRunHandle {
  id: number;
  job: JobName;
  partnerId: number | null;
  date: string;
  dryRun: boolean;
  /** How far it got (and, optionally, the counts so far): written through for the admin to watch. */
  progress(input: { done: number; total?: number; counts?: Record<string, number> }): Promise<void>;
  fail(failure: JobFailure): Promise<void>;
}

export interface JobSpec {
  job: JobName;
  /** null: platform-wide work (one run for every partner). */
  partnerId: number | null;
  date: string;
  trigger: JobTrigger;
  dryRun?: boolean;
}

export type JobStart =
  | { status: "started"; run: JobRunRow; done: Promise<JobRunRow> }
  | { status: "locked"; runningId: number | null };

/** Runs started by this process and not finished: on the embedded database, the only ones alive. */
const ACTIVE = new Set<number>();

function lockKey(spec: Pick<JobSpec, "job" | "partnerId" | "date" | "dryRun">): string {
  return `job:${spec.job}:${spec.partnerId ?? "platform"}:${spec.date}${spec.dryRun ? ":preview" : ""}`;
}

/**
 * Starts a job run: takes the run's lock — one run per job, partner and date at a time, across
 * every instance (a PostgreSQL advisory lock, `Database.tryLock`) — records it as `running`, and
 * returns at once with the run's record and a promise of its end. The work runs on its own connections; when it ends the record says how
 * (completed, completed_with_failures, failed with the reason) with its counts and duration.
 */
export async function startJobRun(
  database: Database,
  spec: JobSpec,
  work: (run: JobRunHandle) => Promise<Record<string, number>>,
): Promise<JobStart> {
  const key = lockKey(spec);
  if (!(await database.tryLock(key)))
    return { status: "locked", runningId: await runningRunOf(database, spec) };
  try {
    const run = await insertRun(database, spec);
    const done = execute(database, run, work).finally(() => database.unlock(key));
    return { status: "started", run, done };
  } catch (error) {
    await database.unlock(key);
    throw error;
  }
}

/** Starts a run and waits for its end; "locked" when another run of the same job, partner and date is going. */
export async function runJob(
  database: Database,
  spec: JobSpec,
  work: (run: JobRunHandle) => Promise<Record<string, number>>,
): Promise<JobRunRow | "locked"> {
  const start = await startJobRun(database, spec, work);
  return start.status === "locked" ? "locked" : start.done;
}

async function insertRun(database: Database, spec: JobSpec): Promise<JobRunRow> {
  const [run] = await database.db
    .insert(jobRuns)
    .values({
      job: spec.job,
      partnerId: spec.partnerId,
      runDate: spec.date,
      dryRun: spec.dryRun ?? false,
      trigger: spec.trigger,
    })
    .returning();
  ACTIVE.add(run!.id);
  return run!;
}

async function execute(
  database: Database,
  run: JobRunRow,
  work: (run: JobRunHandle) => Promise<Record<string, number>>,
): Promise<JobRunRow> {
  const started = Date.now();
  let failures = 0;
  const handle: JobRunHandle = {
    id: run.id,
    job: run.job as JobName,
    partnerId: run.partnerId,
    date: run.runDate,
    dryRun: run.dryRun,
    progress: async ({ done, total, counts }) => {
      await database.db
        .update(jobRuns)
        .set({
          progressDone: done,
          ...(total === undefined ? {} : { progressTotal: total }),
          ...(counts ? { counts } : {}),
        })
        .where(eq(jobRuns.id, run.id));
    },
    fail: async (failure) => {
      failures++;
      await database.db
        .insert(jobRunFailures)
        .values({ jobRunId: run.id, partnerId: run.partnerId, ...failure });
    },
  };
  try {
    const counts = await work(handle);
    const [done] = await database.db
      .update(jobRuns)
      .set({
        status: failures > 0 ? "completed_with_failures" : "completed",
        counts,
        finishedAt: new Date(),
        durationMs: Date.now() - started,
      })
      .where(eq(jobRuns.id, run.id))
      .returning();
    jobDuration.observe({ job: run.job, outcome: done!.status }, (Date.now() - started) / 1000);
    if (failures > 0) jobFailures.inc({ job: run.job, kind: "item" }, failures);
    return done!;
  } catch (error) {
    const [failed] = await database.db
      .update(jobRuns)
      .set({
        status: "failed",
        error: safeReason(error),
        finishedAt: new Date(),
        durationMs: Date.now() - started,
      })
      .where(eq(jobRuns.id, run.id))
      .returning();
    jobDuration.observe({ job: run.job, outcome: "failed" }, (Date.now() - started) / 1000);
    jobFailures.inc({ job: run.job, kind: "run" });
    processLogger().error({ err: error, job: run.job, run: run.id, date: run.runDate }, "job run failed");
    return failed!;
  } finally {
    ACTIVE.delete(run.id);
  }
}

/**
 * Why something failed, fit for the run's record and the log: our own errors' codes and messages,
 * PostgreSQL's error code and constraint — never a query's text or parameters, which may carry a
 * customer's personal data.
 */
export function safeReason(error: unknown): string {
  if (error instanceof AppError || error instanceof DomainError) return `${error.code}: ${error.message}`;
  const pg = pgError(error);
  if (pg) return `database error ${pg.code}${pg.constraint_name ? ` (${pg.constraint_name})` : ""}`;
  return error instanceof Error ? error.name : "unknown error";
}

async function runningRunOf(database: Database, spec: JobSpec): Promise<number | null> {
  // The holder records its run right after taking the lock: give it a moment to appear.
  for (let i = 0; i < 20; i++) {
    const [row] = await database.db
      .select({ id: jobRuns.id })
      .from(jobRuns)
      .where(
        and(
          eq(jobRuns.job, spec.job),
          spec.partnerId === null ? sql`${jobRuns.partnerId} is null` : eq(jobRuns.partnerId, spec.partnerId),
          eq(jobRuns.runDate, spec.date),
          eq(jobRuns.dryRun, spec.dryRun ?? false),
          eq(jobRuns.status, "running"),
        ),
      )
      .limit(1);
    if (row) return row.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

/**
 * Runs left `running` by a process that died (kill -9, a crash, a lost machine) are marked failed,
 * so that nobody waits on them and the catch-up retries their work: a run is alive exactly while
 * its lock is held (a dead process's session, and with it its locks, is gone).
 */
export async function markInterruptedRuns(database: Database): Promise<number> {
  const running = await database.db.select().from(jobRuns).where(eq(jobRuns.status, "running"));
  let marked = 0;
  for (const run of running) {
    if (ACTIVE.has(run.id)) continue;
    // A live run holds its lock (in this process: it is in ACTIVE, skipped above).
    const key = lockKey({
      job: run.job as JobName,
      partnerId: run.partnerId,
      date: run.runDate,
      dryRun: run.dryRun,
    });
    if (!(await database.tryLock(key))) continue;
    try {
      const [current] = await database.db
        .update(jobRuns)
        .set({
          status: "failed",
          error: "interrupted: the process running it stopped",
          finishedAt: new Date(),
        })
        .where(and(eq(jobRuns.id, run.id), eq(jobRuns.status, "running")))
        .returning({ id: jobRuns.id });
      if (current) marked++;
    } finally {
      await database.unlock(key);
    }
  }
  return marked;
}
