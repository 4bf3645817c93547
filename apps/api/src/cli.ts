process.env.TZ = "Asia/Seoul";

import { parseArgs } from "node:util";
import { paymentGatewayFromEnv } from "./adapters/payments/index.js";
import { RestoreError, restoreArchive } from "./archive/restore-archive.js";
import { billingWorkers, runBilling } from "./billing/billing-run.js";
import { deactivatePendingMethods } from "./billing/payment-method-retirement.js";
import { systemClock } from "./clock.js";
import { readEnv } from "./env.js";
import { runDailyJob } from "./jobs/daily-jobs.js";
import { markInterruptedRuns, runJob } from "./jobs/job-runs.js";
import { openAppDatabase } from "./startup.js";

/**
 * `pnpm --filter @ssp/api job <billing|dunning|end-of-term> --date YYYY-MM-DD [--dry-run]`: run a
 * job for a date from the shell, against the same database the server uses, partner by partner,
 * each partner's run recorded and behind the same advisory lock as the scheduler's. `job
 * payment-methods` deactivates ended contracts' payment methods at the gateway now.
 */
const [job, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    date: { type: "string" },
    "dry-run": { type: "boolean" },
    "batch-size": { type: "string" },
    file: { type: "string" },
    "owner-password": { type: "string" },
    partner: { type: "string" },
  },
});
const env = readEnv();
if (job === "restore-archive") {
  // `job restore-archive --file <zip> [--owner-password <pw>]`: a partner's take-out archive into
  // this (empty) installation's database; see the archive's README.
  if (!values.file) {
    console.error("usage: job restore-archive --file <archive.zip> [--owner-password <password>]");
    process.exit(2);
  }
  const target = await openAppDatabase(env, { boundReads: false });
  await target.migrate();
  try {
    const loaded = await restoreArchive(target, {
      file: values.file,
      ownerPassword: values["owner-password"],
      log: (line) => console.log(`  ${line}`),
    });
    console.log(`restored ${Object.keys(loaded).length} tables`);
  } catch (error) {
    console.error(error instanceof RestoreError ? `restore failed: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await target.close();
  }
  process.exit();
}
const clock = systemClock();
const date = values.date ?? clock.today();
const JOBS = ["billing", "dunning", "end-of-term", "payment-methods", "service-visits", "reminders"];
const partnerId = values.partner ? Number(values.partner) : undefined;
if (
  !job ||
  !JOBS.includes(job) ||
  !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
  (partnerId !== undefined && !(Number.isInteger(partnerId) && partnerId > 0))
) {
  console.error(
    "usage: job billing|dunning|end-of-term|payment-methods|service-visits|reminders [--date YYYY-MM-DD] [--partner ID] [--dry-run] [--batch-size N]",
  );
  process.exit(2);
}
const database = await openAppDatabase(env, { boundReads: false });
await database.migrate();
// A run of an earlier process that died is marked failed before anything else runs.
await markInterruptedRuns(database);
const now = () => clock.now();
const gateway = paymentGatewayFromEnv(process.env, { database, dataDir: env.dataDir });
const deps = { database, clock, adapters: { paymentGateway: gateway } };
const run = (): Promise<unknown> => {
  switch (job) {
    case "payment-methods":
      return runJob(database, { job, partnerId: null, date, trigger: "cli" }, async () => ({
        ...(await deactivatePendingMethods({ db: database.db, gateway, now: now() })),
      }));
    case "billing":
      return runBilling({
        database,
        gateway,
        date,
        now,
        trigger: "cli",
        partnerId,
        workers: billingWorkers(database),
        dryRun: values["dry-run"] ?? false,
        batchSize: values["batch-size"] ? Number(values["batch-size"]) : undefined,
      });
    default:
      return runDailyJob(deps, {
        job: job as "dunning" | "end-of-term" | "service-visits" | "reminders",
        date,
        trigger: "cli",
        partnerId,
      });
  }
};
console.log(JSON.stringify(await run()));
await database.close();
