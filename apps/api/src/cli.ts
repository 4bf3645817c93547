process.env.TZ = "Asia/Seoul";

import { join } from "node:path";
import { parseArgs } from "node:util";
import { paymentGatewayFromEnv } from "./adapters/payments/index.js";
import { billingWorkers, runBilling, withBillingLock } from "./billing/billing-run.js";
import { runDunning } from "./billing/dunning-run.js";
import { deactivatePendingMethods } from "./billing/payment-method-retirement.js";
import { systemClock } from "./clock.js";
import { runEndOfTerm } from "./contracts/end-of-term-run.js";
import { openDatabase } from "./db/client.js";
import { readEnv } from "./env.js";

/**
 * `pnpm --filter @ssp/api job <billing|dunning|end-of-term> --date YYYY-MM-DD [--dry-run]`: run a
 * job for a date from the shell, against the same database the server uses, behind the same
 * advisory lock as the scheduler. `job payment-methods` deactivates ended contracts' payment
 * methods at the gateway now (the date only names its lock).
 */
const [job, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { date: { type: "string" }, "dry-run": { type: "boolean" }, "batch-size": { type: "string" } },
});
const env = readEnv();
const clock = systemClock();
const date = values.date ?? clock.today();
const JOBS = ["billing", "dunning", "end-of-term", "payment-methods"];
if (!job || !JOBS.includes(job) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
  console.error(
    "usage: job billing|dunning|end-of-term|payment-methods [--date YYYY-MM-DD] [--dry-run] [--batch-size N]",
  );
  process.exit(2);
}
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : join(env.dataDir, "pglite"),
});
await database.migrate();
const now = () => clock.now();
const gateway = () => paymentGatewayFromEnv(process.env, { database, dataDir: env.dataDir });
const run = (): Promise<unknown> => {
  switch (job) {
    case "dunning":
      return runDunning({ db: database.db, gateway: gateway(), date, now });
    case "end-of-term":
      return runEndOfTerm({ db: database.db, date, now });
    case "payment-methods":
      return deactivatePendingMethods({ db: database.db, gateway: gateway(), now: now() });
    default:
      return runBilling({
        db: database.db,
        gateway: gateway(),
        date,
        now,
        trigger: "cli",
        workers: billingWorkers(database),
        dryRun: values["dry-run"] ?? false,
        batchSize: values["batch-size"] ? Number(values["batch-size"]) : undefined,
      });
  }
};
const result = await withBillingLock(database, `${job}:${date}`, run);
console.log(result === "locked" ? `another instance is running ${job} for ${date}` : JSON.stringify(result));
await database.close();
