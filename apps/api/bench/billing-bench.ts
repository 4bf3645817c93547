/**
 * `pnpm bench billing [--contracts=1000000] [--reuse] [--keep]`: the billing run on real
 * PostgreSQL with the sandbox gateway, as the cron job runs it (billingWorkers: three).
 *   1. a small partner's 100,000 contracts due on one date (warm-up and invoices/s at 100k);
 *   2. the first run: 1,000,000 contracts of one partner due on one date (their October already
 *      invoiced), then the same date again (the re-run issues nothing);
 *   3. catch-up: 1,000,000 contracts of another partner spread over all 28 billing days, billed
 *      through 21 November, run on 28 November after seven days without runs (7/28 of them due);
 *   4. the floor: the same rows as the first run's (invoice, line, payment per contract) written by
 *      one INSERT … SELECT statement, rolled back — what the database alone costs.
 * `--reuse` keeps the seeded contracts of a kept database and puts the billing state back.
 * Targets (2 cores): first run ≤ 25 s, re-run ≤ 2 s, catch-up ≤ 30 s, peak RSS ≤ 400 MB.
 */
import { sql } from "drizzle-orm";
import { SandboxGateway } from "../src/adapters/payments/sandbox-gateway.js";
import { billingWorkers, runBilling } from "../src/billing/billing-run.js";
import { seedActiveContracts } from "../src/billing/seed-active-contracts.js";
import { type Db, openDatabase, rowsOf } from "../src/db/client.js";
import { seedDemo } from "../src/seed/demo-seed.js";
import {
  databaseExists,
  databaseUrls,
  dropDatabase,
  parseFlags,
  postgresCpuMs,
  recreateDatabase,
  round1,
  timer,
} from "./lib.js";

const DB = "ssp_bench_billing";
const DUE = "2026-11-05";
const SMALL_DUE = "2026-11-06";
const CATCH_UP = "2026-11-28";
const BIG = 1;
const SMALL = 2;
const SPREAD = 3;

export async function main(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const contracts = Number(args.find((a) => a.startsWith("--contracts="))?.split("=")[1] ?? 1_000_000);
  const { adminUrl, benchUrl } = databaseUrls(DB);
  const reuse = flags.reuse && (await databaseExists(adminUrl, DB));
  if (!reuse) await recreateDatabase(adminUrl, DB);
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 8 });
  await database.migrate();
  const db = database.db;
  if (!reuse) await seed(db, contracts);
  await resetBilling(db);

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const gateway = new SandboxGateway();
  const bill = async (date: string, partnerId: number) => {
    const time = timer();
    const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuMs() };
    const walBefore = await walStats(db);
    const summary = await runBilling({
      database,
      gateway,
      date,
      now: () => new Date(`${date}T06:00:00+09:00`),
      trigger: "cli",
      partnerId,
      workers: billingWorkers(database), // as the cron job and the CLI run it
    });
    const node = process.cpuUsage(cpuBefore.node);
    const cpu = {
      node: (node.user + node.system) / 1e6,
      postgres: (postgresCpuMs() - cpuBefore.postgres) / 1000,
    };
    const walAfter = await walStats(db);
    const wal = {
      records: walAfter.records - walBefore.records,
      fullPages: walAfter.fpi - walBefore.fpi,
      mb: (walAfter.bytes - walBefore.bytes) / 1e6,
    };
    return { ...summary, seconds: time() / 1000, cpu, wal };
  };

  const small = await bill(SMALL_DUE, SMALL);
  const first = await bill(DUE, BIG);
  const rerun = await bill(DUE, BIG);
  const catchUp = await bill(CATCH_UP, SPREAD);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const floorSeconds = await floor(db);

  const [check] = rowsOf<{ invoices: number; lines: number; payments: number; dup: number }>(
    await db.execute(sql`select
      (select count(*)::int from invoices where period_start = ${DUE} and partner_id = ${BIG}) as invoices,
      (select count(*)::int from invoice_lines l join invoices i on i.id = l.invoice_id where i.period_start = ${DUE} and i.partner_id = ${BIG}) as lines,
      (select count(*)::int from payments p join invoices i on i.id = p.invoice_id where i.period_start = ${DUE} and i.partner_id = ${BIG}) as payments,
      (select count(*)::int from (select contract_id from invoices group by contract_id, period_start having count(*) > 1) d) as dup`),
  );
  const [caught] = rowsOf<{ due: number; issued: number }>(
    await db.execute(sql`select
      (select count(*)::int from contracts where partner_id = ${SPREAD} and billing_day between 22 and 28) as due,
      (select count(*)::int from invoices where partner_id = ${SPREAD} and issue_date = ${CATCH_UP}) as issued`),
  );
  await database.close();
  if (!flags.keep) await dropDatabase(adminUrl, DB);

  const perSecond = (n: number, s: number) => Math.round(n / s).toLocaleString();
  const met = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(`billing run, sandbox gateway, PostgreSQL, ${billingWorkers({ kind: "postgres" })} workers`);
  console.log(
    `  100k run:   ${small.issued.toLocaleString()} invoices in ${round1(small.seconds)} s → ${perSecond(small.issued, small.seconds)} invoices/s`,
  );
  console.log(
    `  first run:  issued ${first.issued.toLocaleString()}, charged ${first.charged.toLocaleString()}, failed ${first.failed} in ${round1(first.seconds)} s → ${perSecond(first.issued, first.seconds)} invoices/s`,
  );
  console.log(
    `              CPU: Node ${round1(first.cpu.node)} s, PostgreSQL ${round1(first.cpu.postgres)} s (${round1((first.cpu.node + first.cpu.postgres) / first.seconds)} of 2 cores busy)`,
  );
  console.log(
    `              WAL: ${Math.round(first.wal.mb).toLocaleString()} MB, ${first.wal.records.toLocaleString()} records (${round1(first.wal.records / Math.max(1, first.issued))} per invoice), ${first.wal.fullPages.toLocaleString()} full pages`,
  );
  console.log(`  re-run:     issued ${rerun.issued}, due ${rerun.due} in ${round1(rerun.seconds)} s`);
  console.log(
    `  catch-up:   ${catchUp.issued.toLocaleString()} of ${caught!.due.toLocaleString()} due after 7 days without runs (caught up ${catchUp.caughtUp.toLocaleString()}) in ${round1(catchUp.seconds)} s`,
  );
  console.log(
    `  floor:      the first run's rows by INSERT … SELECT in ${round1(floorSeconds)} s → the run takes ${round1(first.seconds / floorSeconds)}× that`,
  );
  console.log(
    `  rows:       ${check!.invoices.toLocaleString()} invoices, ${check!.lines.toLocaleString()} lines, ${check!.payments.toLocaleString()} payments, ${check!.dup} duplicates`,
  );
  console.log(`  peak RSS:   ${Math.round(peakRss / 1024 / 1024)} MB`);
  console.log(
    `  targets:    first ≤ 25 s ${met(first.seconds <= 25)}; re-run ≤ 2 s ${met(rerun.seconds <= 2)}; catch-up ≤ 30 s ${met(catchUp.seconds <= 30)}; RSS ≤ 400 MB ${met(peakRss <= 400 * 1024 * 1024)}`,
  );
  if (
    check!.dup > 0 ||
    check!.invoices !== contracts ||
    rerun.issued !== 0 ||
    caught!.issued !== caught!.due ||
    catchUp.contractsFailed > 0
  )
    process.exitCode = 1;
  console.log(
    JSON.stringify({
      bench: "billing",
      contracts,
      firstRunSeconds: round1(first.seconds),
      rerunSeconds: round1(rerun.seconds),
      catchUpSeconds: round1(catchUp.seconds),
      catchUpInvoices: catchUp.issued,
      floorSeconds: round1(floorSeconds),
      firstRunToFloor: round1(first.seconds / floorSeconds),
      firstRunCpuNodeSeconds: round1(first.cpu.node),
      firstRunCpuPostgresSeconds: round1(first.cpu.postgres),
      firstRunWalMb: Math.round(first.wal.mb),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      invoicesPerSecondAt100k: Math.round(small.issued / small.seconds),
      invoicesPerSecond: Math.round(first.issued / first.seconds),
    }),
  );
}

async function seed(db: Db, contracts: number): Promise<void> {
  const seedTime = timer();
  await seedDemo(db, { today: "2026-10-01", customersPerPartner: 0 });
  await db.execute(sql`
    insert into partners (id, name, slug) values (${SPREAD}, '분산렌탈', 'spread') on conflict (id) do nothing`);
  await db.execute(
    sql`select setval(pg_get_serial_sequence('partners', 'id'), greatest((select max(id) from partners), 1))`,
  );
  const [plan] = rowsOf<{ id: number }>(
    await db.execute(
      sql`select current_version_id as id from plans where partner_id = ${BIG} order by id limit 1`,
    ),
  );
  const [small] = rowsOf<{ id: number }>(
    await db.execute(
      sql`select current_version_id as id from plans where partner_id = ${SMALL} order by id limit 1`,
    ),
  );
  const progress = (what: string, n: number) =>
    process.stdout.write(`  seeded ${n.toLocaleString()} ${what}\r`);
  for (let done = 0; done < contracts; done += 100_000) {
    await seedActiveContracts(db, {
      partnerId: BIG,
      planVersionId: plan!.id,
      count: Math.min(100_000, contracts - done),
      activatedOn: "2026-10-05",
      billingDay: 5,
    });
    progress("due on one date", Math.min(done + 100_000, contracts));
  }
  await seedActiveContracts(db, {
    partnerId: SMALL,
    planVersionId: small!.id,
    count: 100_000,
    activatedOn: "2026-10-06",
    billingDay: 6,
  });
  // The catch-up partner's contracts: the same plan, one billing day each, in turn over all 28.
  const perDay = Math.ceil(contracts / 28);
  for (let day = 1; day <= 28; day++) {
    await seedActiveContracts(db, {
      partnerId: SPREAD,
      planVersionId: plan!.id,
      count: Math.min(perDay, contracts - perDay * (day - 1)),
      activatedOn: `2026-10-${String(day).padStart(2, "0")}`,
      billingDay: day,
    });
    progress("spread over the billing days", Math.min(perDay * day, contracts));
  }
  await db.execute(sql`vacuum analyze`);
  console.log(
    `\nseeded ${contracts.toLocaleString()} × 2 + 100,000 active contracts in ${round1(seedTime() / 1000)} s`,
  );
}

/**
 * Every contract back to where the scenarios start: nothing issued by a run yet, the big partner's
 * October invoiced (its cursor at 5 November), the small partner's too (at 6 November), and the
 * spread partner billed through 21 November (its cursors on its November billing day after the
 * 21st, its December one before).
 */
async function resetBilling(db: Db): Promise<void> {
  await db.execute(
    sql`truncate invoices, invoice_lines, payments, ticket_invoices, job_runs, job_run_failures, late_interest_charges, credit_notes, refunds`,
  );
  await db.execute(sql`
    update billing_cursors bc set next_period_on = case
      when bc.partner_id = ${BIG} then date '2026-11-05'
      when bc.partner_id = ${SMALL} then date '2026-11-06'
      else make_date(2026, case when c.billing_day <= 21 then 12 else 11 end, c.billing_day)
    end
    from contracts c where c.id = bc.contract_id`);
  await db.execute(sql`vacuum analyze`);
}

/** The first run's rows — invoice, line, payment per contract — written by one INSERT … SELECT, then rolled back. */
async function floor(db: Db): Promise<number> {
  const time = timer();
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`
        with inv as (
          insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                                issue_date, due_date, supply, vat, total, status, paid_at)
          select c.partner_id, 'FLOOR-' || c.id, c.id, c.customer_id, 'full', 2, date '2026-12-05', date '2027-01-04',
                 date '2026-12-05', date '2026-12-05', 27182, 2718, 29900, 'paid', now()
          from contracts c where c.partner_id = ${BIG}
          returning id, partner_id
        ), lines as (
          insert into invoice_lines (invoice_id, partner_id, position, kind, description, supply, vat, amount)
          select id, partner_id, 0, 'rent', '월 렌탈료 2026-12-05 ~ 2027-01-04', 27182, 2718, 29900 from inv
        )
        insert into payments (invoice_id, partner_id, attempt, amount, status, method, idempotency_key, gateway_ref, attempted_at)
        select id, partner_id, 1, 29900, 'succeeded', 'sandbox', 'FLOOR-' || id || '-a1', 'sbx_' || id, now() from inv`);
      throw new RollBack();
    })
    .catch((error) => {
      if (!(error instanceof RollBack)) throw error;
    });
  return time() / 1000;
}

class RollBack extends Error {}

/** The cluster's WAL counters so far (pg_stat_wal): what a scenario wrote, on a quiet machine. */
async function walStats(db: Db): Promise<{ records: number; fpi: number; bytes: number }> {
  const [row] = rowsOf<{ records: string; fpi: string; bytes: string }>(
    await db.execute(
      sql`select wal_records::text as records, wal_fpi::text as fpi, wal_bytes::text as bytes from pg_stat_wal`,
    ),
  );
  return { records: Number(row!.records), fpi: Number(row!.fpi), bytes: Number(row!.bytes) };
}
