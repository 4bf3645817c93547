/**
 * `pnpm bench billing [--contracts=1000000] [--reuse] [--keep]`: seeds active contracts due on
 * one date (real PostgreSQL), runs billing with the sandbox gateway, then runs it again.
 * `--reuse` keeps the seeded contracts of a kept database and empties the billing tables first.
 * Targets (2 cores): first run ≤ 60 s for 1M, re-run ≤ 10 s issuing nothing, peak RSS ≤ 500 MB.
 */
import { sql } from "drizzle-orm";
import { SandboxGateway } from "../src/adapters/payments/sandbox-gateway.js";
import { billingWorkers, runBilling } from "../src/billing/billing-run.js";
import { seedActiveContracts } from "../src/billing/seed-active-contracts.js";
import { openDatabase, rowsOf } from "../src/db/client.js";
import { seedDemo } from "../src/seed/demo-seed.js";
import {
  databaseExists,
  databaseUrls,
  dropDatabase,
  parseFlags,
  recreateDatabase,
  round1,
  timer,
} from "./lib.js";

const DB = "ssp_bench_billing";
const DUE = "2026-11-05";
const SMALL_DUE = "2026-11-06";

export async function main(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const contracts = Number(args.find((a) => a.startsWith("--contracts="))?.split("=")[1] ?? 1_000_000);
  const { adminUrl, benchUrl } = databaseUrls(DB);
  const reuse = flags.reuse && (await databaseExists(adminUrl, DB));
  if (!reuse) await recreateDatabase(adminUrl, DB);
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 8 });
  await database.migrate();
  const db = database.db;
  if (reuse) {
    // Same contracts, a clean slate of billing: every run starts from "nothing invoiced yet".
    await db.execute(
      sql`truncate invoices, invoice_lines, payments, job_runs, job_run_failures, late_interest_charges, credit_notes, refunds`,
    );
    await db.execute(sql`vacuum analyze`);
  } else {
    const seedTime = timer();
    await seedDemo(db, { today: "2026-10-01", customersPerPartner: 0 });
    const [plan] = rowsOf<{ id: number }>(
      await db.execute(
        sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
      ),
    );
    const [small] = rowsOf<{ id: number }>(
      await db.execute(
        sql`select current_version_id as id from plans where partner_id = 2 order by id limit 1`,
      ),
    );
    for (let done = 0; done < contracts; done += 100_000) {
      await seedActiveContracts(db, {
        partnerId: 1,
        planVersionId: plan!.id,
        count: Math.min(100_000, contracts - done),
        activatedOn: "2026-10-05",
        billingDay: 5,
      });
      process.stdout.write(`  seeded ${Math.min(done + 100_000, contracts).toLocaleString()} contracts\r`);
    }
    await seedActiveContracts(db, {
      partnerId: 2,
      planVersionId: small!.id,
      count: 100_000,
      activatedOn: "2026-10-06",
      billingDay: 6,
    });
    await db.execute(sql`vacuum analyze`);
    console.log(
      `\nseeded ${contracts.toLocaleString()} + 100,000 active contracts in ${round1(seedTime() / 1000)} s`,
    );
  }

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const gateway = new SandboxGateway();
  const bill = (date: string) =>
    runBilling({
      database,
      gateway,
      date,
      now: () => new Date(`${date}T06:00:00+09:00`),
      trigger: "cli",
      workers: billingWorkers(database), // as the cron job and the CLI run it
    });

  const smallTime = timer();
  const small = await bill(SMALL_DUE);
  const smallSeconds = smallTime() / 1000;
  const firstTime = timer();
  const first = await bill(DUE);
  const firstSeconds = firstTime() / 1000;
  const rerunTime = timer();
  const rerun = await bill(DUE);
  const rerunSeconds = rerunTime() / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const [check] = rowsOf<{ invoices: number; lines: number; payments: number; dup: number }>(
    await db.execute(sql`select
      (select count(*)::int from invoices where period_start = ${DUE}) as invoices,
      (select count(*)::int from invoice_lines l join invoices i on i.id = l.invoice_id where i.period_start = ${DUE}) as lines,
      (select count(*)::int from payments p join invoices i on i.id = p.invoice_id where i.period_start = ${DUE}) as payments,
      (select count(*)::int from (select contract_id from invoices group by contract_id, period_start having count(*) > 1) d) as dup`),
  );
  await database.close();
  if (!flags.keep) await dropDatabase(adminUrl, DB);

  console.log("billing run, sandbox gateway, PostgreSQL");
  console.log(
    `  100k run:   ${small.issued.toLocaleString()} invoices in ${round1(smallSeconds)} s → ${Math.round(small.issued / smallSeconds).toLocaleString()} invoices/s`,
  );
  console.log(
    `  first run:  issued ${first.issued.toLocaleString()}, charged ${first.charged.toLocaleString()}, failed ${first.failed} in ${round1(firstSeconds)} s → ${Math.round(first.issued / firstSeconds).toLocaleString()} invoices/s`,
  );
  console.log(
    `  re-run:     issued ${rerun.issued}, charged ${rerun.charged}, skipped ${rerun.skipped.toLocaleString()} in ${round1(rerunSeconds)} s`,
  );
  console.log(
    `  rows:       ${check!.invoices.toLocaleString()} invoices, ${check!.lines.toLocaleString()} lines, ${check!.payments.toLocaleString()} payments, ${check!.dup} duplicates`,
  );
  console.log(`  peak RSS:   ${Math.round(peakRss / 1024 / 1024)} MB`);
  console.log(
    `  targets:    first ≤ 60 s ${firstSeconds <= 60 ? "met" : "MISSED"}; re-run ≤ 10 s ${rerunSeconds <= 10 ? "met" : "MISSED"}; RSS ≤ 500 MB ${peakRss <= 500 * 1024 * 1024 ? "met" : "MISSED"}`,
  );
  if (check!.dup > 0 || check!.invoices !== contracts || rerun.issued !== 0) process.exitCode = 1;
  console.log(
    JSON.stringify({
      bench: "billing",
      contracts,
      firstRunSeconds: round1(firstSeconds),
      rerunSeconds: round1(rerunSeconds),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      invoicesPerSecondAt100k: Math.round(small.issued / smallSeconds),
      invoicesPerSecond: Math.round(first.issued / firstSeconds),
    }),
  );
}
