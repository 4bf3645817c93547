import cron from "node-cron";
import { deactivatePendingMethods } from "../billing/payment-method-retirement.js";
import type { AppDeps } from "../http/context.js";
import type { OutboxRunner } from "../notifications/outbox.js";
import { processLogger } from "../observability/logger.js";
import { catchUpDailyJobs, DAILY_JOBS, runDailyJob } from "./daily-jobs.js";
import { runJob } from "./job-runs.js";

/**
 * In-process schedules (SPEC §6), times in Asia/Seoul: the outbox every minute (each write request
 * also kicks it at once); each daily job at its hour (billing 06:00, collections 07:00, end of term
 * 08:00), partner by partner, each run recorded and behind its own advisory lock so that only one
 * instance runs it. At start and every half hour (:15 and :45) a daily job whose latest occurrence
 * did not run — the server was down, or the run crashed — runs now. Ended contracts' payment
 * methods are deactivated at the gateway every hour at :30 (its rows are claimed with SKIP LOCKED,
 * so instances share the work). Every job takes "today" from the clock; the API and the CLI run
 * the same jobs for any date.
 */
export function startScheduler(input: { outbox: OutboxRunner; deps: AppDeps }): { stop(): void } {
  const { deps } = input;
  const options = (name: string) => ({ timezone: "Asia/Seoul", name });
  const guarded = (name: string, work: () => Promise<unknown>) => async () => {
    try {
      await work();
      input.outbox.kick();
    } catch (error) {
      processLogger().error({ err: error, job: name }, "job failed");
    }
  };
  const catchUp = (trigger: "startup" | "cron") =>
    guarded("catching up the daily jobs", () => catchUpDailyJobs(deps, trigger));
  const tasks = [
    cron.schedule("* * * * *", () => input.outbox.kick(), options("notification-delivery")),
    ...DAILY_JOBS.map(({ job, hour }) =>
      cron.schedule(
        `0 ${hour} * * *`,
        guarded(job, () => runDailyJob(deps, { job, date: deps.clock.today(), trigger: "cron" })),
        options(job),
      ),
    ),
    cron.schedule("15,45 * * * *", catchUp("cron"), options("daily-job-catch-up")),
    cron.schedule(
      "30 * * * *",
      guarded("payment-method deactivation", () =>
        runJob(
          deps.database,
          { job: "payment-methods", partnerId: null, date: deps.clock.today(), trigger: "cron" },
          async () => ({
            ...(await deactivatePendingMethods({
              db: deps.database.db,
              gateway: deps.adapters.paymentGateway,
              now: deps.clock.now(),
            })),
          }),
        ),
      ),
      options("payment-method-retirement"),
    ),
  ];
  void catchUp("startup")();
  return {
    stop: () => {
      for (const t of tasks) t.stop();
    },
  };
}
