/**
 * `pnpm bench list`: GET /api/customers over 1,000,000 customers of one partner (plus 100,000
 * of another), through HTTP with autocannon. Seeds `ssp_bench_list` from scratch unless
 * `--reuse` finds it already seeded; drops it afterwards unless `--keep` (or `--reuse`).
 * The last line printed is one JSON object for CI: {"bench":"list","rows",…,"searchP95Ms",…}.
 */
import { cpus, loadavg } from "node:os";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.js";
import { seedDemo } from "../src/seed/demo-seed.js";
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
  startApi,
  table,
  timer,
} from "./lib.js";
import { seedCustomers } from "./seed-customers.js";

const DB_NAME = "ssp_bench_list";
const DEMO_CUSTOMERS = 1_000_000;
const BARUN_CUSTOMERS = 100_000;
const EXACT_COUNT_LIMIT = 10_000; // mirrors src/http/list-query.ts
const TARGET = { sortedP95Ms: 25, sortedReqPerSec: 1_500, searchP95Ms: 60 };
const SEARCH = "김민준"; // the commonest full name: ~0.7 % of customers
const PHONE_SEARCH = "5678"; // four digits of a phone number: ~500 customers

interface Scenario {
  name: string;
  sort: [string, "ASC" | "DESC"];
  range: [number, number];
  filter: { q?: string; tags?: string };
  /** The same page computed directly, as the superuser: `partner_id = $1 and <where>`. */
  where: string;
  orderBy: string;
}

const SCENARIOS: Scenario[] = [
  {
    name: "sorted-name",
    sort: ["name", "ASC"],
    range: [0, 24],
    filter: {},
    where: "true",
    orderBy: "name, id",
  },
  {
    name: "sorted-created",
    sort: ["createdAt", "DESC"],
    range: [0, 24],
    filter: {},
    where: "true",
    orderBy: "created_at desc, id desc",
  },
  {
    name: "q-search",
    sort: ["name", "ASC"],
    range: [0, 24],
    filter: { q: SEARCH },
    where: `search ilike '%${SEARCH}%'`,
    orderBy: "name, id",
  },
  {
    name: "q-phone",
    sort: ["name", "ASC"],
    range: [0, 24],
    filter: { q: PHONE_SEARCH },
    where: `search ilike '%${PHONE_SEARCH}%'`,
    orderBy: "name, id",
  },
  {
    name: "tag-filter",
    sort: ["createdAt", "DESC"],
    range: [0, 24],
    filter: { tags: "VIP" },
    where: "tags @> '{VIP}'",
    orderBy: "created_at desc, id desc",
  },
  {
    name: "q+tag",
    sort: ["name", "ASC"],
    range: [0, 24],
    filter: { q: SEARCH, tags: "VIP" },
    where: `search ilike '%${SEARCH}%' and tags @> '{VIP}'`,
    orderBy: "name, id",
  },
  {
    name: "deep-page",
    sort: ["name", "ASC"],
    range: [500_000, 500_024],
    filter: {},
    where: "true",
    orderBy: "name, id",
  },
];

function pathOf(s: Scenario): string {
  const params = new URLSearchParams({
    sort: JSON.stringify(s.sort),
    range: JSON.stringify(s.range),
    filter: JSON.stringify(s.filter),
  });
  return `/api/customers?${params}`;
}

type Sql = postgres.Sql;

async function prepareDatabase(flags: ReturnType<typeof parseFlags>, adminUrl: string, benchUrl: string) {
  if (flags.reuse && (await databaseExists(adminUrl, DB_NAME))) {
    const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
    const [row] = await sql`select count(*)::int as n from customers`.catch(() => [{ n: 0 }]);
    await sql.end();
    if (Number(row?.n) === DEMO_CUSTOMERS + BARUN_CUSTOMERS) {
      console.log(`Reusing ${DB_NAME} (${row?.n} customers).`);
      return undefined;
    }
    console.log(`${DB_NAME} exists but is not fully seeded; seeding again.`);
  }
  const elapsed = timer();
  await recreateDatabase(adminUrl, DB_NAME);
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 1 });
  await database.migrate();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date());
  await seedDemo(database.db, { today, customersPerPartner: 0 });
  await database.close();
  const sql = postgres(benchUrl, { max: 2, onnotice: () => {} });
  try {
    const steps = await seedCustomers(sql, {
      today,
      partners: [
        { slug: "demo", count: DEMO_CUSTOMERS },
        { slug: "barun", count: BARUN_CUSTOMERS },
      ],
    });
    const seedMs = elapsed();
    console.log(
      `Seeded ${DB_NAME} in ${(seedMs / 1000).toFixed(1)} s: ${steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}`,
    );
    return seedMs;
  } finally {
    await sql.end();
  }
}

interface Checked {
  total: number;
  exactTotal: number;
  contentRange: string;
  problems: string[];
}

/** One request before the load: status, the page's ids against SQL, the Content-Range total. */
async function check(
  sql: Sql,
  partnerId: number,
  baseUrl: string,
  cookie: string,
  s: Scenario,
): Promise<Checked> {
  const problems: string[] = [];
  const res = await fetch(baseUrl + pathOf(s), { headers: { cookie } });
  const contentRange = res.headers.get("content-range") ?? "";
  const body = (await res.json()) as { id: number }[];
  if (res.status !== 200) problems.push(`status ${res.status}: ${JSON.stringify(body)}`);
  const [start, end] = s.range;
  const expected = await sql.unsafe(
    `select id from customers where partner_id = $1 and ${s.where} order by ${s.orderBy} offset $2 limit $3`,
    [partnerId, start, end - start + 1],
  );
  const ids = Array.isArray(body) ? body.map((r) => r.id) : [];
  if (JSON.stringify(ids) !== JSON.stringify(expected.map((r) => r.id))) {
    problems.push(
      `page ids differ from SQL: got ${ids.slice(0, 3)}…, want ${expected.slice(0, 3).map((r) => r.id)}…`,
    );
  }
  const [exact] = await sql.unsafe(
    `select count(*)::int as n from customers where partner_id = $1 and ${s.where}`,
    [partnerId],
  );
  const exactTotal = Number(exact?.n);
  const match = /^customers (\d+)-(\d+)\/(\d+)$/.exec(contentRange);
  const total = match ? Number(match[3]) : Number.NaN;
  if (!match) problems.push(`bad Content-Range "${contentRange}"`);
  else if (Number(match[1]) !== start || Number(match[2]) !== start + ids.length - 1) {
    problems.push(`Content-Range range ${match[1]}-${match[2]} for a page at ${start}`);
  } else if (exactTotal <= EXACT_COUNT_LIMIT && total !== exactTotal) {
    problems.push(`total ${total}, expected exactly ${exactTotal}`);
  } else if (
    exactTotal > EXACT_COUNT_LIMIT &&
    (total <= EXACT_COUNT_LIMIT || Math.abs(total / exactTotal - 1) > 0.5)
  ) {
    problems.push(`total ${total} is not a plausible estimate of ${exactTotal}`);
  }
  return { total, exactTotal, contentRange, problems };
}

/** Waits until requests left over from the previous scenario have finished (at most 2 min). */
async function drain(sql: Sql, baseUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const [busy] = await sql`select count(*)::int as n from pg_stat_activity
      where datname = ${DB_NAME} and state = 'active' and pid <> pg_backend_pid()`;
    const t0 = performance.now();
    await fetch(`${baseUrl}/api/health`);
    if (Number(busy?.n) === 0 && performance.now() - t0 < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function main(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const { adminUrl, benchUrl } = databaseUrls(DB_NAME);
  const seedMs = await prepareDatabase(flags, adminUrl, benchUrl);
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  const [demo] = await sql`select id from partners where slug = 'demo'`;
  const partnerId = Number(demo?.id);
  const [{ n: rows } = { n: 0 }] =
    await sql`select count(*)::int as n from customers where partner_id = ${partnerId}`;

  const load1 = loadavg()[0]!;
  console.log(
    `${cpus().length} CPUs, load average ${load1.toFixed(2)}` +
      (load1 > 0.5 ? " — something else is running; figures will be lower than on a quiet machine" : ""),
  );
  // --leakproof: an experiment, not the app as shipped. Row-level security keeps a non-leakproof
  // operator (ILIKE, @>) from being an index condition, so the trigram and tags GIN indexes go
  // unused for ssp_app. Marking the two functions LEAKPROOF (in this database only) shows what
  // the search would cost if they were usable.
  const leakproof = args.includes("--leakproof");
  const setLeakproof = (on: boolean) =>
    sql.unsafe(
      `alter function texticlike(text, text) ${on ? "" : "not "}leakproof;
       alter function arraycontains(anyarray, anyarray) ${on ? "" : "not "}leakproof`,
    );
  if (leakproof) await setLeakproof(true);
  else await setLeakproof(false).catch(() => {}); // undo an earlier experiment on a reused database
  if (leakproof) console.log("EXPERIMENT: texticlike and arraycontains marked LEAKPROOF in this database.");
  const api = await startApi(benchUrl, { cpuProf: flags.cpuProf });
  const results: { s: Scenario; checked: Checked; r: LoadResult; cpu: Record<string, number> }[] = [];
  try {
    const cookie = await login(api.baseUrl, "manager@demo.kr", "demo-pass-2026");
    const headers = { cookie };
    const scenarios = SCENARIOS.filter((s) => !flags.only || flags.only.includes(s.name));
    for (const s of scenarios) {
      await drain(sql, api.baseUrl);
      const checked = await check(sql, partnerId, api.baseUrl, cookie, s);
      const url = api.baseUrl + pathOf(s);
      // A short warm-up (JIT, plan caches, buffers), then the measured run.
      await load({ url, headers, connections: flags.connections, duration: 2 });
      const backends = (
        await sql`select pid from pg_stat_activity where datname = ${DB_NAME} and pid <> pg_backend_pid()`
      ).map((row) => Number(row.pid));
      const apiPids = processTree(api.pid); // the primary and its API processes
      const before = { api: cpuMs(apiPids), pg: cpuMs(backends), bench: process.cpuUsage() };
      const r = await load({ url, headers, connections: flags.connections, duration: flags.duration });
      const benchCpu = process.cpuUsage(before.bench);
      const cpu = {
        api: (cpuMs(apiPids) - before.api) / Math.max(1, r.requests),
        pg: (cpuMs(backends) - before.pg) / Math.max(1, r.requests),
        autocannon: (benchCpu.user + benchCpu.system) / 1000 / Math.max(1, r.requests),
      };
      if (r.requests === 0) checked.problems.push("no response completed");
      if (r.non2xx > 0 || r.errors > 0) checked.problems.push(`${r.non2xx} non-2xx, ${r.errors} errors`);
      console.log(
        `${s.name.padEnd(15)} ${Math.round(r.reqPerSec)} req/s  p95 ${ms(r.p95Ms)} ms  ${checked.contentRange}` +
          ` (exact ${checked.exactTotal})${checked.problems.length ? `  PROBLEMS: ${checked.problems.join("; ")}` : ""}`,
      );
      results.push({ s, checked, r, cpu });
    }
  } finally {
    await api.stop();
    await sql.end();
    if (!flags.keep) await dropDatabase(adminUrl, DB_NAME);
  }

  console.log(
    `\nGET /api/customers, ${rows.toLocaleString("en")} customers of one partner ` +
      `(+${BARUN_CUSTOMERS.toLocaleString("en")} of another), ${flags.connections} connections × ${flags.duration} s each\n`,
  );
  console.log(
    table(
      [
        "scenario",
        "range",
        "req/s",
        "avg ms",
        "p50",
        "p95",
        "p99",
        "max",
        "non-2xx",
        "total",
        "exact",
        "CPU ms/req: api",
        "pg",
        "autocannon",
      ],
      results.map(({ s, checked, r, cpu }) => [
        s.name,
        `${s.range[0]}-${s.range[1]}`,
        Math.round(r.reqPerSec),
        ms(r.avgMs),
        ms(r.p50Ms),
        ms(r.p95Ms),
        ms(r.p99Ms),
        ms(r.maxMs),
        r.non2xx + r.errors,
        checked.total,
        checked.exactTotal,
        cpu.api!.toFixed(2),
        cpu.pg!.toFixed(2),
        cpu.autocannon!.toFixed(2),
      ]),
    ),
  );
  const by = (name: string) => results.find((x) => x.s.name === name)?.r;
  const sorted = by("sorted-name");
  const search = by("q-search");
  const targetsMet =
    !!sorted &&
    !!search &&
    sorted.p95Ms <= TARGET.sortedP95Ms &&
    sorted.reqPerSec >= TARGET.sortedReqPerSec &&
    search.p95Ms <= TARGET.searchP95Ms;
  console.log(
    `\nTargets: sorted page p95 ≤ ${TARGET.sortedP95Ms} ms and ≥ ${TARGET.sortedReqPerSec} req/s, ` +
      `q search p95 ≤ ${TARGET.searchP95Ms} ms: ${targetsMet ? "met" : "MISSED"}` +
      (seedMs === undefined ? " (database reused)" : `; seeding took ${(seedMs / 1000).toFixed(1)} s`),
  );
  const problems = results.flatMap(({ s, checked }) => checked.problems.map((p) => `${s.name}: ${p}`));
  for (const p of problems) console.error(`PROBLEM ${p}`);

  const extras: Record<string, unknown> = {};
  for (const { s, r, cpu } of results) {
    extras[s.name] = {
      reqPerSec: Math.round(r.reqPerSec),
      p95Ms: round1(r.p95Ms),
      p99Ms: round1(r.p99Ms),
      apiCpuMsPerReq: Math.round(cpu.api! * 100) / 100,
      pgCpuMsPerReq: Math.round(cpu.pg! * 100) / 100,
    };
  }
  console.log(
    JSON.stringify({
      bench: "list",
      rows,
      reqPerSec: sorted ? Math.round(sorted.reqPerSec) : null,
      p95Ms: sorted ? round1(sorted.p95Ms) : null,
      searchP95Ms: search ? round1(search.p95Ms) : null,
      targetsMet,
      leakproofExperiment: leakproof,
      seedSeconds: seedMs === undefined ? null : round1(seedMs / 1000),
      connections: flags.connections,
      durationSeconds: flags.duration,
      ok: problems.length === 0,
      scenarios: extras,
    }),
  );
  if (problems.length > 0) process.exitCode = 1;
}
