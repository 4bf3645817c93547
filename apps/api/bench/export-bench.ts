/**
 * `pnpm bench export [--invoices=1000000] [--reuse] [--keep]`: seeds 1,000,000 contracts and
 * 1,000,000 invoices (with their lines and payments) over twelve months for one partner on
 * PostgreSQL, starts the API as `npm start` does, and measures, against the API process's peak
 * RSS (sampled from /proc):
 *   - a bare `COPY (billing register) TO STDOUT` of the same rows, read and thrown away (the floor);
 *   - the billing register as CSV over HTTP (target ≤ 5 s, peak RSS ≤ 200 MB);
 *   - the same as XLSX (target ≤ 20 s, peak RSS ≤ 300 MB);
 *   - the dashboard's 12-month series, first (closed months computed and kept) and then warm
 *     (target ≤ 150 ms).
 * The last line is one JSON object.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { seedActiveContracts } from "../src/billing/seed-active-contracts.js";
import { seoulDate } from "../src/clock.js";
import { openDatabase, rowsOf } from "../src/db/client.js";
import { keepClosedMonths } from "../src/metrics/dashboard.js";
import { billingRegister } from "../src/reports/billing-register.js";
import { inTenantSnapshot, REPORT_SETTINGS } from "../src/reports/report-source.js";
import { DEMO_PASSWORD, seedDemo } from "../src/seed/demo-seed.js";
import {
  databaseExists,
  databaseUrls,
  dropDatabase,
  loginWithSecondFactor,
  parseFlags,
  percentile,
  recreateDatabase,
  round1,
  startApi,
  timer,
} from "./lib.js";

const DB = "ssp_bench_export";
const TODAY = "2026-11-20";
const FROM = "2025-12-01";
const TO = "2026-11-30";

/** Activation months: 1,000,000 contracts in batches of 100,000 over the year before. */
const BATCHES = 10;

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Peak RSS of the API while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb(pid));
  }, 20);
  try {
    const result = await work();
    peakMb = Math.max(peakMb, rssMb(pid));
    return { result, peakMb };
  } finally {
    clearInterval(sampler);
  }
}

/** Reads a download to its end, throwing it away; answers bytes and seconds. */
async function drain(url: string, cookie: string): Promise<{ bytes: number; seconds: number }> {
  const elapsed = timer();
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { bytes, seconds: elapsed() / 1000 };
}

async function seed(benchUrl: string, invoices: number): Promise<void> {
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 4 });
  await database.migrate();
  const db = database.db;
  const seedTime = timer();
  await seedDemo(db, { today: TODAY, customersPerPartner: 0 });
  const [plan] = rowsOf<{ id: number }>(
    await db.execute(
      sql`select current_version_id as id from plans where partner_id = 1 order by id limit 1`,
    ),
  );
  const per = Math.ceil(invoices / BATCHES);
  for (let b = 0; b < BATCHES; b++) {
    const month = String(b + 1).padStart(2, "0");
    await seedActiveContracts(db, {
      partnerId: 1,
      planVersionId: plan!.id,
      count: per,
      activatedOn:
        b < 2 ? `2025-${month === "01" ? "11" : "12"}-05` : `2026-${String(b - 1).padStart(2, "0")}-05`,
      billingDay: 5,
    });
    process.stdout.write(`  seeded ${((b + 1) * per).toLocaleString()} contracts\r`);
  }
  // One invoice per contract, issued on a billing day of the last twelve months, with its rent
  // line; nine in ten paid by card that day, the rest failed and open. Set-based: the billing
  // run's own speed is `pnpm bench billing`'s business.
  await db.execute(sql`
    insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                          issue_date, due_date, supply, vat, total, rent_amount, status, paid_at)
    select c.partner_id, 'INV-BENCH-' || lpad(c.id::text, 8, '0'), c.id, c.customer_id, 'full', 1, d, (d + interval '1 month' - interval '1 day')::date,
           d, d, 27182, 2718, 29900, 29900, case when c.id % 10 = 0 then 'open' else 'paid' end,
           case when c.id % 10 = 0 then null else d::timestamp at time zone 'Asia/Seoul' + interval '6 hours' end
    from contracts c
    cross join lateral (select (date '2025-12-05' + make_interval(months => (c.id % 12)))::date as d) x
    where c.partner_id = 1`);
  await db.execute(sql`
    insert into invoice_lines (invoice_id, partner_id, position, kind, description, supply, vat, amount)
    select i.id, i.partner_id, 1, 'rent', '월 렌탈료', 27182, 2718, 29900 from invoices i where i.partner_id = 1`);
  await db.execute(sql`
    insert into payments (partner_id, invoice_id, attempt, amount, status, method, idempotency_key, gateway_ref, failure_code, attempted_at)
    select i.partner_id, i.id, 1, i.total, case when i.status = 'paid' then 'succeeded' else 'failed' end, 'sandbox',
           'SSP-bench-' || i.id || '-a1', case when i.status = 'paid' then 'sbx_' || i.id end,
           case when i.status = 'open' then 'card_declined' end, i.issue_date::timestamp at time zone 'Asia/Seoul' + interval '6 hours'
    from invoices i where i.partner_id = 1`);
  // One contract in twenty ended within the year (churn), terminated on its tenth day.
  await db.execute(sql`
    update contracts set status = 'terminated', ended_on = activated_on + 10, end_reason = 'bench'
    where partner_id = 1 and id % 20 = 0`);
  await db.execute(sql`vacuum analyze`);
  console.log(
    `\nseeded ${invoices.toLocaleString()} contracts and invoices in ${round1(seedTime() / 1000)} s`,
  );
  await database.close();
}

export async function main(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const invoices = Number(args.find((a) => a.startsWith("--invoices="))?.split("=")[1] ?? 1_000_000);
  const { adminUrl, benchUrl } = databaseUrls(DB);
  const reuse = flags.reuse && (await databaseExists(adminUrl, DB));
  if (!reuse) {
    await recreateDatabase(adminUrl, DB);
    await seed(benchUrl, invoices);
  }
  console.log("  measuring");
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 2 });
  // The dashboard's closed months are computed on first sight: start every run without them.
  await database.db.execute(sql`truncate metric_months`);
  // Finance signs in with a second factor: enrolled afresh on every run (loginWithSecondFactor).
  await database.db.execute(
    sql`update users set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null, totp_last_step = null
        where email = 'finance@demo.kr'`,
  );
  const [rows] = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select count(*)::int as n from invoices where partner_id = 1 and issue_date between ${FROM} and ${TO}`,
    ),
  );

  // The floor: PostgreSQL writing the same rows as CSV, read and thrown away, no HTTP.
  const copyElapsed = timer();
  let copyBytes = 0;
  await inTenantSnapshot(database, { kind: "partner", partnerId: 1 }, async (source) => {
    const copy = await source.copyCsv(
      billingRegister.query({ partnerId: 1, from: FROM, to: TO, today: TODAY, filter: {}, lang: "ko" }),
    );
    for await (const chunk of copy as AsyncIterable<Buffer>) copyBytes += chunk.length;
  });
  const copySeconds = copyElapsed() / 1000;

  // The daily `metrics` job keeps the closed months (the dashboard's series reads them): what it
  // costs over a year of a million contracts, done as the job does it, for the API's today.
  const monthsElapsed = timer();
  const { months: keptMonths } = await database.db.transaction(async (tx) => {
    await tx.execute(REPORT_SETTINGS);
    return keepClosedMonths(tx, { partnerId: 1, today: seoulDate(new Date()) });
  });
  const monthsSeconds = monthsElapsed() / 1000;
  console.log(`  metrics job: ${keptMonths} closed months kept in ${round1(monthsSeconds)} s`);
  await database.close();

  console.log(`  bare COPY done in ${round1(copySeconds)} s; starting the API`);
  const api = await startApi(benchUrl);
  try {
    const cookie = await loginWithSecondFactor(api.baseUrl, "finance@demo.kr", DEMO_PASSWORD);
    const url = (format: string) =>
      `${api.baseUrl}/api/reports/billing-register.${format}?from=${FROM}&to=${TO}`;
    const idleMb = rssMb(api.pid);
    const csv = await withPeakRss(api.pid, () => drain(url("csv"), cookie));
    console.log(`  CSV done in ${round1(csv.result.seconds)} s`);
    const xlsx = await withPeakRss(api.pid, () => drain(url("xlsx"), cookie));
    console.log(`  XLSX done in ${round1(xlsx.result.seconds)} s`);
    const dashboardUrl = `${api.baseUrl}/api/metrics/dashboard?to=2026-11`;
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = timer();
      const res = await fetch(dashboardUrl, { headers: { cookie } });
      if (!res.ok) throw new Error(`dashboard: ${res.status} ${await res.text()}`);
      await res.json();
      warm.push(t());
    }
    const sorted = Float64Array.from(warm).sort();
    const dashboardMs = percentile(sorted, 50);

    console.log(
      `billing register over ${rows!.n.toLocaleString()} invoices (${FROM} … ${TO}), PostgreSQL, 2 cores`,
    );
    console.log(`  bare COPY TO STDOUT: ${round1(copySeconds)} s, ${round1(copyBytes / 1e6)} MB`);
    console.log(
      `  CSV over HTTP:       ${round1(csv.result.seconds)} s, ${round1(csv.result.bytes / 1e6)} MB, API peak RSS ${Math.round(csv.peakMb)} MB (idle ${Math.round(idleMb)} MB); ${round1(csv.result.seconds / copySeconds)}× the bare COPY`,
    );
    console.log(
      `  XLSX over HTTP:      ${round1(xlsx.result.seconds)} s, ${round1(xlsx.result.bytes / 1e6)} MB, API peak RSS ${Math.round(xlsx.peakMb)} MB`,
    );
    console.log(
      `  dashboard (12 months): the metrics job kept ${keptMonths} closed months in ${round1(monthsSeconds)} s, then p50 ${round1(dashboardMs)} ms, p95 ${round1(percentile(sorted, 95))} ms`,
    );
    console.log(
      `  targets: CSV ≤ 5 s ${csv.result.seconds <= 5 ? "met" : "MISSED"}, RSS ≤ 200 MB ${csv.peakMb <= 200 ? "met" : "MISSED"}; XLSX ≤ 20 s ${xlsx.result.seconds <= 20 ? "met" : "MISSED"}, RSS ≤ 300 MB ${xlsx.peakMb <= 300 ? "met" : "MISSED"}; dashboard ≤ 150 ms ${dashboardMs <= 150 ? "met" : "MISSED"}`,
    );
    console.log(
      JSON.stringify({
        bench: "export",
        rows: rows!.n,
        csvSeconds: round1(csv.result.seconds),
        csvPeakRssMb: Math.round(csv.peakMb),
        xlsxSeconds: round1(xlsx.result.seconds),
        xlsxPeakRssMb: Math.round(xlsx.peakMb),
        dashboardMs: round1(dashboardMs),
        metricsJobSeconds: round1(monthsSeconds),
        copySeconds: round1(copySeconds),
        csvToCopyRatio: round1(csv.result.seconds / copySeconds),
      }),
    );
  } finally {
    await api.stop();
    if (!flags.keep) await dropDatabase(adminUrl, DB);
  }
}
