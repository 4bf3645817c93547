process.env.TZ = "Asia/Seoul";

import { join } from "node:path";
import { parseArgs } from "node:util";
import { paymentGatewayFromEnv } from "./adapters/payments/index.js";
import { RestoreError, restoreArchive } from "./archive/restore-archive.js";
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
  options: {
    date: { type: "string" },
    "dry-run": { type: "boolean" },
    "batch-size": { type: "string" },
    file: { type: "string" },
    "owner-password": { type: "string" },
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
  const target = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : join(env.dataDir, "pglite"),
  });
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
