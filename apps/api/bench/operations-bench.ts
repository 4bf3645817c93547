/**
 * `pnpm bench operations [--contracts=1000000] [--tickets=50000] [--import-rows=100000]
 *    [--reuse] [--keep] [--duration=20] [--connections=32]`: the operations side of issue 12 on
 * real PostgreSQL (database `ssp_bench_operations` next to DATABASE_URL).
 *   1. seeds, set-based: active contracts of the demo partner on its plans (2-, 4-, 6-monthly
 *      visits and one plan without any), activated over three years; a technician per 1,000
 *      contracts; 50,000 CS tickets of every type, status and priority over a year;
 *   2. the daily visit-scheduling job (runServiceVisits) on one date, then the same date again;
 *   3. through HTTP (the API as a child process, autocannon, 32 connections): a technician's day
 *      (GET /api/technician-day, the technicians in turn) and the ticket inbox (GET /api/tickets,
 *      open ones by SLA, the admin's default);
 *   4. POST /api/assets/import of a 100,000-row CSV, with the API's peak RSS over its start.
 * `--reuse` keeps a seeded database and puts the visits, outbox and imported assets back.
 * Targets (2 cores): schedule ≤ 30 s, re-run ≤ 3 s, both p95 ≤ 30 ms, import ≤ 20 s.
 * The last line printed is one JSON object: {"bench":"operations","contracts",…}.
 */

import { cpus, loadavg } from "node:os";
import { TICKET_SLA_HOURS, TICKET_TYPES } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { SandboxGateway } from "../src/adapters/payments/sandbox-gateway.js";
import { type Db, openDatabase, rowsOf } from "../src/db/client.js";
import { seedDemo } from "../src/seed/demo-seed.js";
import { runServiceVisits } from "../src/service-visits/service-visits-run.js";
import {
  cpuMs,
  databaseExists,
  databaseUrls,
  dropDatabase,
  type LoadResult,
  load,
  login,
  ms,
  parseFlags,
  processTree,
  recreateDatabase,
  round1,
  rssBytes,
  startApi,
  table,
  timer,
} from "./lib.js";

const DB = "ssp_bench_operations";
/** The job's date; the day view asks for the day after (tomorrow's stops and the one after). */
const DATE = "2026-11-02";
const TOMORROW = "2026-11-03";
const CONTRACTS_PER_TECHNICIAN = 1_000;
const TARGET = { scheduleSeconds: 30, rescheduleSeconds: 3, p95Ms: 30, importSeconds: 20 };
const IMPORT_PREFIX = "OPS-IMP-";

const round2 = (n: number) => Math.round(n * 100) / 100;
const value = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

export async function main(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const contracts = Number(value(args, "contracts") ?? 1_000_000);
  const ticketCount = Number(value(args, "tickets") ?? 50_000);
  const importRows = Number(value(args, "import-rows") ?? 100_000);
  const { adminUrl, benchUrl } = databaseUrls(DB);
  const database = await (async () => {
    if (flags.reuse && (await databaseExists(adminUrl, DB))) {
      const db = await openDatabase({ databaseUrl: benchUrl, poolSize: 4 });
      await db.migrate();
      const [row] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from contracts`));
      if (row?.n === contracts) {
        console.log(`Reusing ${DB} (${contracts.toLocaleString("en")} contracts).`);
        return { db, seeded: false };
      }
      await db.close();
      console.log(`${DB} holds ${row?.n} contracts, not ${contracts}; seeding again.`);
    }
    await recreateDatabase(adminUrl, DB);
    const db = await openDatabase({ databaseUrl: benchUrl, poolSize: 4 });
    await db.migrate();
    return { db, seeded: true };
  })();
  const db = database.db.db;
  const seedTime = timer();
  if (database.seeded) await seed(db, contracts, ticketCount);
  const seedSeconds = database.seeded ? seedTime() / 1000 : null;
  await reset(db);
  const [partner] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from partners where slug = 'demo'`),
  );
  const partnerId = partner!.id;

  const load1 = loadavg()[0]!;
  console.log(
    `${cpus().length} CPUs, load average ${load1.toFixed(2)}` +
      (load1 > 0.5 ? " — something else is running; figures will be lower than on a quiet machine" : ""),
  );

  // 2. The scheduling job, as the daily job runs it for one partner, then the same date again.
  const gateway = new SandboxGateway();
  const schedule = async () => {
    const time = timer();
    const summary = await runServiceVisits({
      db,
      date: DATE,
      now: () => new Date(`${DATE}T05:00:00+09:00`),
      partnerId,
      gateway,
    });
    return { ...summary, seconds: time() / 1000 };
  };
  const first = await schedule();
  console.log(
    `schedule:   ${first.scheduled.toLocaleString("en")} visits scheduled, ${first.assigned.toLocaleString("en")} assigned, ${first.reminded.toLocaleString("en")} reminders in ${round1(first.seconds)} s`,
  );
  const again = await schedule();
  console.log(
    `re-run:     ${again.scheduled} scheduled, ${again.assigned} assigned, ${again.reminded} reminders in ${round1(again.seconds)} s`,
  );
  const [check] = rowsOf<{
    visits: number;
    due: number;
    dup: number;
    unassigned: number;
    techs: number;
    max_per_tech: number;
    tomorrow: number;
  }>(
    await db.execute(sql`select
      (select count(*)::int from service_visits where kind = 'regular') as visits,
      (select count(*)::int from contracts where partner_id = ${partnerId} and status = 'active'
         and (terms->>'serviceIntervalMonths')::int > 0) as due,
      (select count(*)::int from (select 1 from service_visits where kind = 'regular'
         group by contract_id, due_on having count(*) > 1) d) as dup,
      (select count(*)::int from service_visits where technician_id is null
         and scheduled_on between ${DATE}::date and ${DATE}::date + 14) as unassigned,
      (select count(distinct technician_id)::int from service_visits where scheduled_on = ${TOMORROW}::date) as techs,
      (select coalesce(max(n), 0)::int from (select count(*) as n from service_visits
         where scheduled_on = ${TOMORROW}::date group by technician_id) m) as max_per_tech,
      (select count(*)::int from service_visits where scheduled_on = ${TOMORROW}::date) as tomorrow`),
  );
  const problems: string[] = [];
  if (check!.dup > 0) problems.push(`${check!.dup} duplicate visits`);
  if (check!.unassigned > 0) problems.push(`${check!.unassigned} visits of the next two weeks unassigned`);
  if (again.scheduled !== 0 || again.assigned !== 0 || again.reminded !== 0)
    problems.push("the re-run changed something");
  console.log(
    `visits:     ${check!.visits.toLocaleString("en")} for ${check!.due.toLocaleString("en")} contracts with visits (some end before their next one); ` +
      `${check!.tomorrow.toLocaleString("en")} on ${TOMORROW} over ${check!.techs} technicians (at most ${check!.max_per_tech} each)`,
  );

  // 3 and 4: through HTTP.
  const techs = rowsOf<{ id: number }>(
    await db.execute(sql`select technician_id as id from service_visits where scheduled_on = ${TOMORROW}::date
      group by technician_id order by technician_id limit 64`),
  ).map((r) => r.id);
  const api = await startApi(benchUrl, { cpuProf: flags.cpuProf });
  const results: { name: string; path: string; r: LoadResult; apiCpu: number; pgCpu: number }[] = [];
  let imported: { seconds: number; rssDeltaMb: number; rssBeforeMb: number; rows: number } | undefined;
  try {
    const cookie = await login(api.baseUrl, "manager@demo.kr", "demo-pass-2026");
    const headers = { cookie };
    const dayPaths = techs.map((id) => `/api/technician-day?technicianId=${id}&date=${TOMORROW}`);
    const inboxPath = `/api/tickets?${new URLSearchParams({
      sort: JSON.stringify(["sla", "ASC"]),
      range: JSON.stringify([0, 24]),
      filter: JSON.stringify({ open: true }),
    })}`;
    // One request each first, checked against the database.
    const day = await fetch(api.baseUrl + dayPaths[0], { headers });
    const dayBody = (await day.json()) as { stops?: { kind: string }[] };
    const [expectedStops] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from service_visits where technician_id = ${techs[0]}
        and scheduled_on between ${TOMORROW}::date and ${TOMORROW}::date + 1`),
    );
    if (day.status !== 200 || dayBody.stops?.length !== Math.min(200, expectedStops!.n))
      problems.push(
        `day view: status ${day.status}, ${dayBody.stops?.length} stops, expected ${expectedStops!.n}`,
      );
    const inbox = await fetch(api.baseUrl + inboxPath, { headers });
    const inboxBody = (await inbox.json()) as { id: number }[];
    const expectedInbox = rowsOf<{ id: number }>(
      await db.execute(sql`select id from tickets where partner_id = ${partnerId} and status not in ('resolved', 'closed')
        order by sla_due_at, id limit 25`),
    ).map((r) => r.id);
    if (inbox.status !== 200 || JSON.stringify(inboxBody.map((t) => t.id)) !== JSON.stringify(expectedInbox))
      problems.push(`inbox: status ${inbox.status}, ids differ from SQL`);
    console.log(
      `checked:    day view ${dayBody.stops?.length} stops; inbox ${inbox.headers.get("content-range")}`,
    );
    for (const [name, path, paths] of [
      ["technician-day", dayPaths[0]!, dayPaths],
      ["ticket-inbox", inboxPath, undefined],
    ] as const) {
      const url = api.baseUrl + path;
      await load({ url, headers, connections: flags.connections, duration: 2, paths });
      const backends = rowsOf<{ pid: number }>(
        await db.execute(
          sql`select pid from pg_stat_activity where datname = ${DB} and pid <> pg_backend_pid()`,
        ),
      ).map((row) => Number(row.pid));
      const apiPids = processTree(api.pid);
      const before = { api: cpuMs(apiPids), pg: cpuMs(backends) };
      const r = await load({ url, headers, connections: flags.connections, duration: flags.duration, paths });
      const apiCpu = (cpuMs(apiPids) - before.api) / Math.max(1, r.requests);
      const pgCpu = (cpuMs(backends) - before.pg) / Math.max(1, r.requests);
      if (r.non2xx > 0 || r.errors > 0) problems.push(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      console.log(`${name.padEnd(15)} ${Math.round(r.reqPerSec)} req/s  p95 ${ms(r.p95Ms)} ms`);
      results.push({ name, path, r, apiCpu, pgCpu });
    }
    imported = await importCsv(db, api, cookie, importRows, problems);
  } finally {
    await api.stop();
    await database.db.close();
    if (!flags.keep) await dropDatabase(adminUrl, DB);
  }

  const met = (ok: boolean) => (ok ? "met" : "MISSED");
  const cpuOf = (name: string) => {
    const x = results.find((y) => y.name === name)!;
    return { api: round2(x.apiCpu), pg: round2(x.pgCpu) };
  };
  const dayView = results.find((x) => x.name === "technician-day")!.r;
  const inboxR = results.find((x) => x.name === "ticket-inbox")!.r;
  console.log(
    `\nOperations at ${contracts.toLocaleString("en")} contracts, ${ticketCount.toLocaleString("en")} tickets` +
      (seedSeconds === null ? " (database reused)" : `, seeded in ${round1(seedSeconds)} s`),
  );
  console.log(
    table(
      ["request", "req/s", "avg ms", "p50", "p95", "p99", "max", "non-2xx", "CPU ms/req: api", "pg"],
      results.map(({ name, r, apiCpu, pgCpu }) => [
        name,
        Math.round(r.reqPerSec),
        ms(r.avgMs),
        ms(r.p50Ms),
        ms(r.p95Ms),
        ms(r.p99Ms),
        ms(r.maxMs),
        r.non2xx + r.errors,
        apiCpu.toFixed(2),
        pgCpu.toFixed(2),
      ]),
    ),
  );
  console.log(
    `import:     ${imported.rows.toLocaleString("en")} rows in ${round1(imported.seconds)} s, API RSS ${imported.rssBeforeMb} MB + peak ${imported.rssDeltaMb} MB`,
  );
  console.log(
    `targets:    schedule ≤ ${TARGET.scheduleSeconds} s ${met(first.seconds <= TARGET.scheduleSeconds)}; ` +
      `re-run ≤ ${TARGET.rescheduleSeconds} s ${met(again.seconds <= TARGET.rescheduleSeconds)}; ` +
      `day view p95 ≤ ${TARGET.p95Ms} ms ${met(dayView.p95Ms <= TARGET.p95Ms)}; ` +
      `inbox p95 ≤ ${TARGET.p95Ms} ms ${met(inboxR.p95Ms <= TARGET.p95Ms)}; ` +
      `import ≤ ${TARGET.importSeconds} s ${met(imported.seconds <= TARGET.importSeconds)}`,
  );
  for (const p of problems) console.error(`PROBLEM ${p}`);
  if (problems.length > 0) process.exitCode = 1;
  console.log(
    JSON.stringify({
      bench: "operations",
      contracts,
      scheduleSeconds: round1(first.seconds),
      rescheduleSeconds: round1(again.seconds),
      dayViewP95Ms: round1(dayView.p95Ms),
      inboxP95Ms: round1(inboxR.p95Ms),
      importRows: imported.rows,
      importSeconds: round1(imported.seconds),
      importPeakRssDeltaMb: imported.rssDeltaMb,
      visitsScheduled: first.scheduled,
      visitsAssigned: first.assigned,
      dayViewReqPerSec: Math.round(dayView.reqPerSec),
      inboxReqPerSec: Math.round(inboxR.reqPerSec),
      dayViewCpuMsPerReq: cpuOf("technician-day"),
      inboxCpuMsPerReq: cpuOf("ticket-inbox"),
      tickets: ticketCount,
      seedSeconds: seedSeconds === null ? null : round1(seedSeconds),
      connections: flags.connections,
      ok: problems.length === 0,
    }),
  );
}

/** POSTs a CSV of `rows` new assets (the demo partner's models, in turn) and samples the API's RSS. */
async function importCsv(
  db: Db,
  api: { baseUrl: string; pid: number },
  cookie: string,
  rows: number,
  problems: string[],
) {
  const models = rowsOf<{ model: string }>(
    await db.execute(sql`select p.model from products p join partners pa on pa.id = p.partner_id
      where pa.slug = 'demo' order by p.id`),
  ).map((r) => r.model);
  const lines = ["시리얼번호,모델,취득일,취득원가,내용연수"];
  for (let i = 1; i <= rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, "0");
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(
      `${IMPORT_PREFIX}${String(i).padStart(7, "0")},${models[i % models.length]},2025-${month}-${day},"${(300_000 + (i % 50) * 10_000).toLocaleString("en")}",${i % 3 === 0 ? 36 : 60}`,
    );
  }
  const body = Buffer.from(`${lines.join("\n")}\n`);
  const pids = processTree(api.pid);
  await new Promise((r) => setTimeout(r, 500));
  const before = rssBytes(pids);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(pids));
  }, 25);
  const time = timer();
  const res = await fetch(`${api.baseUrl}/api/assets/import`, {
    method: "POST",
    headers: { cookie, "content-type": "text/csv", "x-file-name": "bench-assets.csv" },
    body,
  });
  const answer = (await res.json()) as { rows?: number; imported?: number };
  const seconds = time() / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(pids));
  if (res.status !== 201 || answer.imported !== rows)
    problems.push(`import: status ${res.status}, ${JSON.stringify(answer).slice(0, 300)}`);
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  console.log(
    `import:     ${(body.length / 1024 / 1024).toFixed(1)} MB CSV, ${answer.imported?.toLocaleString("en")} assets in ${round1(seconds)} s`,
  );
  return { seconds, rows: answer.imported ?? 0, rssBeforeMb: mb(before), rssDeltaMb: mb(peak - before) };
}

/** Back to before the job and the import: no visits, no outbox, no imported assets. */
async function reset(db: Db): Promise<void> {
  await db.execute(
    sql`truncate service_visits, notification_attempts, notifications, job_runs, job_run_failures`,
  );
  // The imported assets are referenced by nothing, so the foreign keys' checks (a scan of
  // contracts per asset, there being no index on contracts.asset_id alone) are skipped.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from asset_events where asset_id in
      (select id from assets where serial_number like ${`${IMPORT_PREFIX}%`})`);
    await tx.execute(sql`delete from assets where serial_number like ${`${IMPORT_PREFIX}%`}`);
  });
  await db.execute(sql`vacuum analyze service_visits, assets, asset_events`);
}

/** The tables the seed fills: their (non-constraint) indexes are dropped for the load and rebuilt. */
const LOADED = ["customers", "orders", "contracts", "tickets"];

async function seed(db: Db, contracts: number, ticketCount: number): Promise<void> {
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const time = timer();
    await fn();
    console.log(`  ${name} ${round1(time() / 1000)} s`);
  };
  console.log(
    `Seeding ${DB}: ${contracts.toLocaleString("en")} contracts, ${ticketCount.toLocaleString("en")} tickets`,
  );
  await step("demo partners and users", () => seedDemo(db, { today: "2026-10-01", customersPerPartner: 0 }));
  const [demo] = rowsOf<{ id: number }>(await db.execute(sql`select id from partners where slug = 'demo'`));
  const partnerId = demo!.id;
  // The demo partner's plans, all of them: three visit intervals (2, 4, 6 months) and one without.
  const versions = rowsOf<{ id: number; terms: Record<string, unknown>; name: string; model: string }>(
    await db.execute(sql`
      select v.id, jsonb_build_object('kind', v.kind, 'monthlyFee', v.monthly_fee, 'termMonths', v.term_months,
               'mandatoryMonths', v.mandatory_months, 'registrationFee', v.registration_fee,
               'registrationFeeWaived', v.registration_fee_waived, 'ownershipTransfer', v.ownership_transfer,
               'serviceIntervalMonths', v.service_interval_months, 'earlyTerminationRate', v.early_termination_rate,
               'removalFee', v.removal_fee, 'coolingOffDays', v.cooling_off_days, 'discountAmount', v.discount_amount,
               'discountMonths', v.discount_months) as terms,
             p.name, p.model
      from plans pl join plan_versions v on v.id = pl.current_version_id join products p on p.id = pl.product_id
      where pl.partner_id = ${partnerId} order by pl.id`),
  );
  const indexes = rowsOf<{ indexname: string; indexdef: string }>(
    await db.execute(sql`select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename in ${sql.raw(`(${LOADED.map((t) => `'${t}'`).join(", ")})`)}
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`),
  );
  await db.execute(sql.raw(indexes.map((i) => `drop index "${i.indexname}";`).join("\n")));
  const technicians = Math.max(4, Math.ceil(contracts / CONTRACTS_PER_TECHNICIAN));
  await step(`${technicians} technicians`, () =>
    db.execute(sql`
      insert into users (partner_id, email, name, role, password_hash)
      select ${partnerId}, 'tech' || g || '@bench.demo.kr', '기사' || g, 'technician',
             (select password_hash from users where email = 'tech@demo.kr')
      from generate_series(1, ${technicians - 1}) g`),
  );
  const terms = `array[${versions.map((v) => `'${JSON.stringify(v.terms)}'::jsonb`).join(", ")}]`;
  const ids = `array[${versions.map((v) => v.id).join(", ")}]`;
  const names = `array[${versions.map((v) => `'${v.name}'`).join(", ")}]`;
  const models = `array[${versions.map((v) => `'${v.model}'`).join(", ")}]`;
  const chunk = 100_000;
  await step("contracts (customer, order, contract each)", async () => {
    for (let from = 1; from <= contracts; from += chunk) {
      const to = Math.min(contracts, from + chunk - 1);
      // One statement per chunk: the customer, its installed order, the active contract on plan
      // g % plans, activated on one of the last ~3 years' days, installed at an address of one of
      // 25 districts (so that a technician's route has streets to sort by).
      await db.execute(sql`
        with cu as (
          insert into customers (partner_id, name, birth_date, phone, email, consent_privacy_at, consent_credit_inquiry_at)
          select ${partnerId}, (array['김','이','박','최','정','강','조','윤','장','임'])[1 + g % 10] || '고객' || g,
                 date '1960-01-01' + (g % 15000),
                 '010-' || lpad(((g / 10000) % 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
                 'ops' || g || '@example.kr', now(), now()
          from generate_series(${from}::int, ${to}::int) g
          returning id, name, birth_date, phone, email
        ), o as (
          insert into orders (partner_id, customer_id, plan_version_id, status, install_address, billing_day, source)
          select ${partnerId}, cu.id, (${sql.raw(ids)})[1 + cu.id % ${versions.length}], 'installed',
                 '서울특별시 ' || (array['강남구','강동구','강북구','강서구','관악구','광진구','구로구','금천구','노원구','도봉구',
                   '동대문구','동작구','마포구','서대문구','서초구','성동구','성북구','송파구','양천구','영등포구','용산구','은평구',
                   '종로구','중구','중랑구'])[1 + cu.id % 25] || ' ' || (array['중앙로','한강대로','테헤란로','올림픽로','도산대로',
                   '남부순환로','동일로','시흥대로'])[1 + (cu.id / 25) % 8] || ' ' || (1 + cu.id % 300) || ', ' ||
                   (101 + cu.id % 20) || '동 ' || (1 + cu.id % 25) || '0' || (1 + cu.id % 4) || '호',
                 1 + cu.id % 28, 'staff'
          from cu
          returning id, customer_id, plan_version_id, install_address, billing_day
        )
        insert into contracts (partner_id, number, order_id, customer_id, plan_version_id, status, billing_day, install_address,
                               terms, party, product_name, product_model, drafted_on, activated_on, ends_on)
        select ${partnerId}, 'OPS-' || o.id, o.id, o.customer_id, o.plan_version_id, 'active', o.billing_day, o.install_address,
               (${sql.raw(terms)})[1 + cu.id % ${versions.length}],
               jsonb_build_object('name', cu.name, 'birthDate', cu.birth_date, 'phone', cu.phone, 'email', cu.email),
               (${sql.raw(names)})[1 + cu.id % ${versions.length}], (${sql.raw(models)})[1 + cu.id % ${versions.length}],
               a.act, a.act,
               (a.act + make_interval(months => coalesce(((${sql.raw(terms)})[1 + cu.id % ${versions.length}]->>'termMonths')::int, 1200)))::date - 1
        from o join cu on cu.id = o.customer_id
        cross join lateral (select date '2024-01-01' + ((cu.id::bigint * 7919) % 1035)::int as act) a`);
      process.stdout.write(`  ${to.toLocaleString("en")} contracts\r`);
    }
  });
  // CS tickets over the last year: most resolved or closed, the open ones recent (some past
  // their SLA), every type and priority, a third unassigned.
  const slaHours = `array[${["low", "normal", "high", "urgent"].map((p) => TICKET_SLA_HOURS[p as keyof typeof TICKET_SLA_HOURS]).join(", ")}]`;
  const [range] = rowsOf<{ first: number; n: number }>(
    await db.execute(
      sql`select min(id)::int as first, count(*)::int as n from contracts where partner_id = ${partnerId}`,
    ),
  );
  await step(`${ticketCount.toLocaleString("en")} tickets`, () =>
    db.execute(sql`
      insert into tickets (partner_id, number, type, status, priority, sla_due_at, customer_id, contract_id, assignee_id,
                           subject, body, source, resolved_at, created_at, updated_at)
      select ${partnerId}, 'CS-2026-' || lpad(g::text, 6, '0'), t.type, t.status, t.priority,
             t.created + make_interval(hours => (${sql.raw(slaHours)})[t.p]), c.customer_id, c.id,
             case when g % 3 = 0 then null else (select id from users u where u.partner_id = ${partnerId}
               and u.role in ('cs', 'manager') order by u.id limit 1 offset g % 2) end,
             t.type || ' 문의 #' || g, '고객 요청 내용 ' || g, case when g % 4 = 0 then 'customer' else 'staff' end,
             case when t.status in ('resolved', 'closed') then t.created + interval '20 hours' end, t.created, t.created
      from generate_series(1, ${ticketCount}::int) g
      join contracts c on c.id = ${range!.first}::int + ((g::bigint * 7919) % ${range!.n}::int)::int
      cross join lateral (select
        (array[${sql.raw(TICKET_TYPES.map((t) => `'${t}'`).join(", "))}])[1 + g % ${TICKET_TYPES.length}] as type,
        case when g % 100 < 60 then 'closed' when g % 100 < 82 then 'resolved' when g % 100 < 90 then 'open'
             when g % 100 < 96 then 'in_progress' else 'waiting_customer' end as status,
        case when g % 20 < 4 then 1 when g % 20 < 15 then 2 when g % 20 < 19 then 3 else 4 end as p) s
      cross join lateral (select s.type, s.status, s.p,
        (array['low', 'normal', 'high', 'urgent'])[s.p] as priority,
        timestamptz '2026-11-02 10:00+09' - case when s.status in ('resolved', 'closed')
          then make_interval(mins => (g * 37) % 525600) else make_interval(mins => (g * 37) % 20160) end as created) t`),
  );
  await step("rebuild indexes", async () => {
    for (const i of indexes) await db.execute(sql.raw(i.indexdef));
  });
  await step("vacuum analyze", () => db.execute(sql`vacuum analyze`));
}
