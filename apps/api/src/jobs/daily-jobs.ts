import { TZDate } from "@date-fns/tz";
import { and, eq, inArray, sql } from "drizzle-orm";
import { billingWorkers, partnerIds, runBilling } from "../billing/billing-run.js";
import { runDunning } from "../billing/dunning-run.js";
import { addDay } from "../clock.js";
import { runEndOfTerm } from "../contracts/end-of-term-run.js";
import { jobRuns } from "../db/schema/index.js";
import type { AppDeps } from "../http/context.js";
import { keepClosedMonths } from "../metrics/dashboard.js";
import { runReminders } from "../notifications/reminders-run.js";
import { runServiceVisits } from "../service-visits/service-visits-run.js";

/** What the jobs run on: the database, the clock, and the payment gateway. */
export type JobDeps = Pick<AppDeps, "database" | "clock"> & {
  adapters: Pick<AppDeps["adapters"], "paymentGateway">;
};

import { type JobName, type JobRunRow, type JobTrigger, markInterruptedRuns, runJob } from "./job-runs.js";

/** The daily jobs (SPEC §6), in the order a day runs them, with their hour in Seoul. */
export const DAILY_JOBS = [
  // Last month's dashboard figures, kept before anyone opens the dashboard.
  { job: "metrics", hour: 5 },
  { job: "billing", hour: 6 },
  { job: "dunning", hour: 7 },
  // After collections, so that a contract whose last invoice was recovered today completes.
  { job: "end-of-term", hour: 8 },
  // Visits: the next ones scheduled and assigned, missed ones flagged, tomorrow's customers reminded.
  { job: "service-visits", hour: 9 },
  // Reminders: an auto-pay charge in three days, a contract ending in thirty.
  { job: "reminders", hour: 10 },
] as const satisfies readonly { job: JobName; hour: number }[];

export type DailyJobName = (typeof DAILY_JOBS)[number]["job"];

/**
 * Runs a daily job for a date, partner by partner (or for one partner), each partner's run its own
 * job run behind its own lock (a partner whose run is already going elsewhere is skipped here).
 */
export async function runDailyJob(
  deps: JobDeps,
  input: { job: DailyJobName; date: string; trigger: JobTrigger; partnerId?: number },
): Promise<JobRunRow[]> {
  const gateway = deps.adapters.paymentGateway;
  const now = () => deps.clock.now();
  if (input.job === "billing") {
    const summary = await runBilling({
      database: deps.database,
      gateway,
      now,
      date: input.date,
      trigger: input.trigger,
      partnerId: input.partnerId,
      workers: billingWorkers(deps.database),
    });
    return runsOf(
      deps,
      summary.runs.map((r) => r.id),
    );
  }
  const runs: JobRunRow[] = [];
  const job: Exclude<DailyJobName, "billing"> = input.job;
  for (const partnerId of input.partnerId ? [input.partnerId] : await partnerIds(deps.database.db)) {
    const run = await runJob(
      deps.database,
      { job, partnerId, date: input.date, trigger: input.trigger },
      async (handle) => {
        const common = { db: deps.database.db, date: input.date, now, partnerId, jobRunId: handle.id };
        switch (job) {
          case "dunning":
            return { ...(await runDunning({ ...common, gateway })) };
          case "end-of-term":
            return { ...(await runEndOfTerm(common)) };
          case "service-visits":
            return { ...(await runServiceVisits({ ...common, gateway })) };
          case "reminders":
            return { ...(await runReminders(common)) };
          case "metrics":
            return {
              ...(await deps.database.db.transaction((tx) =>
                keepClosedMonths(tx, { partnerId, today: input.date }),
              )),
            };
        }
      },
    );
    if (run !== "locked") runs.push(run);
  }
  return runs;
}

async function runsOf(deps: Pick<AppDeps, "database">, ids: number[]): Promise<JobRunRow[]> {
  if (ids.length === 0) return [];
  return deps.database.db.select().from(jobRuns).where(inArray(jobRuns.id, ids));
}

/** The date of a daily job's latest occurrence at `now`: today once its hour has come, else yesterday. */
export function lastOccurrence(hour: number, now: Date): string {
  const seoul = new TZDate(now, "Asia/Seoul");
  const today = `${seoul.getFullYear()}-${String(seoul.getMonth() + 1).padStart(2, "0")}-${String(seoul.getDate()).padStart(2, "0")}`;
  return seoul.getHours() >= hour ? today : addDay(today, -1);
}

/**
 * A daily job that did not run at its hour — the server was down, or the run crashed — runs now
 * (SPEC §6): runs left `running` by a dead process are marked failed first; then, for each daily
 * job in the day's order, every partner without a successful run for the job's latest occurrence
 * gets one. The jobs catch up by themselves (billing issues every period started by its date,
 * dunning makes the next attempt that is due, end of term completes whatever ended before), so
 * running the latest occurrence covers the days missed before it. Runs at start-up and then
 * every half hour.
 */
export async function catchUpDailyJobs(deps: JobDeps, trigger: JobTrigger = "startup"): Promise<JobRunRow[]> {
  await markInterruptedRuns(deps.database);
  const ran: JobRunRow[] = [];
  const partners = await partnerIds(deps.database.db);
  for (const { job, hour } of DAILY_JOBS) {
    const date = lastOccurrence(hour, deps.clock.now());
    const done = await deps.database.db
      .select({ partnerId: jobRuns.partnerId })
      .from(jobRuns)
      .where(
        and(
          eq(jobRuns.job, job),
          eq(jobRuns.runDate, date),
          eq(jobRuns.dryRun, false),
          sql`${jobRuns.status} in ('running', 'completed', 'completed_with_failures')`,
        ),
      );
    const covered = new Set(done.map((r) => r.partnerId));
    for (const partnerId of partners.filter((p) => !covered.has(p))) {
      ran.push(...(await runDailyJob(deps, { job, date, trigger, partnerId })));
    }
  }
  return ran;
}
