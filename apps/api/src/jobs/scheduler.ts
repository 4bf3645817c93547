import cron from "node-cron";
import { billingWorkers, runBilling, withBillingLock } from "../billing/billing-run.js";
import { runDunning } from "../billing/dunning-run.js";
import { deactivatePendingMethods } from "../billing/payment-method-retirement.js";
import { runEndOfTerm } from "../contracts/end-of-term-run.js";
import type { AppDeps } from "../http/context.js";
import type { OutboxRunner } from "../notifications/outbox.js";
import { processLogger } from "../observability/logger.js";

/**
 * In-process schedules (SPEC §6), times in Asia/Seoul: the outbox every minute (each write request
 * also kicks it at once), the billing run at 06:00, collections at 07:00 and end of term at 08:00, each behind a
 * PostgreSQL advisory lock so that only one instance starts it. Every job takes "today" from the
 * clock; the API and the CLI run the same jobs for any date. Ended contracts' payment methods are
 * deactivated at the gateway every hour at :30; that job needs no lock (its rows are claimed with
 * SKIP LOCKED, so instances share the work).
 */
export function startScheduler(input: { outbox: OutboxRunner; deps: AppDeps }): { stop(): void } {
  const { deps } = input;
  const gateway = deps.adapters.paymentGateway;
  const now = () => deps.clock.now();
  const daily = async (name: string, job: (date: string) => Promise<unknown>) => {
    const date = deps.clock.today();
    try {
      const result = await withBillingLock(deps.database, `${name}:${date}`, () => job(date));
      if (result !== "locked") input.outbox.kick();
    } catch (error) {
      processLogger().error({ err: error, job: name, date }, "job failed");
    }
  };
  const options = (name: string) => ({ timezone: "Asia/Seoul", name });
  const tasks = [
    cron.schedule("* * * * *", () => input.outbox.kick(), options("notification-delivery")),
    cron.schedule(
      "0 6 * * *",
      () =>
        daily("billing", (date) =>
          runBilling({
            db: deps.database.db,
            gateway,
            date,
            now,
            trigger: "cron",
            workers: billingWorkers(deps.database),
          }),
        ),
      options("billing-run"),
    ),
    cron.schedule(
      "0 7 * * *",
      () => daily("dunning", (date) => runDunning({ db: deps.database.db, gateway, date, now })),
      options("dunning"),
    ),
    // After collections, so that a contract whose last invoice was recovered today completes.
    cron.schedule(
      "0 8 * * *",
      () => daily("end-of-term", (date) => runEndOfTerm({ db: deps.database.db, date, now })),
      options("end-of-term"),
    ),
    cron.schedule(
      "30 * * * *",
      async () => {
        try {
          await deactivatePendingMethods({ db: deps.database.db, gateway, now: now() });
        } catch (error) {
          processLogger().error({ err: error, job: "payment-method-retirement" }, "job failed");
        }
      },
      options("payment-method-retirement"),
    ),
  ];
  return {
    stop: () => {
      for (const t of tasks) t.stop();
    },
  };
}
