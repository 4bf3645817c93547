import postgres from "postgres";
import { mdTable, percentile, round, type SectionResult, type SuiteContext } from "./suite.js";

interface Sample {
  at: number;
  status: number;
  ms: number;
  /** The path asked for, and an unexpected answer's error code (to say which it was). */
  path: string;
}

/** Staff working all along: `workers` loops of list and record reads until `stop` is set. */
function underLoad(ctx: SuiteContext, workers: number) {
  const samples: Sample[] = [];
  let stop = false;
  const paths = ["/api/customers", "/api/contracts", "/api/products", "/api/invoices", "/api/customers/1"];
  const loops = Array.from({ length: workers }, async (_, w) => {
    const client = ctx.staff[w % 2 === 0 ? "manager@demo.kr" : "cs@demo.kr"]!;
    for (let i = 0; !stop; i++) {
      const path = paths[(i + w) % paths.length]!;
      try {
        const res = await client.get(path);
        const code = res.status === 200 ? "" : ` ${(res.body as { code?: string } | null)?.code ?? ""}`;
        samples.push({ at: Date.now(), status: res.status, ms: res.ms, path: `${path}${code}` });
      } catch {
        samples.push({ at: Date.now(), status: 0, ms: 0, path });
      }
    }
  });
  return {
    samples,
    async end() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

function describe(samples: Sample[], from: number, to: number) {
  const window = samples.filter((s) => s.at >= from && s.at <= to);
  const by = (pred: (s: Sample) => boolean) => window.filter(pred);
  const unavailable = by((s) => s.status === 503);
  const unexpected = by((s) => s.status !== 200 && s.status !== 503 && s.status !== 429);
  return {
    requests: window.length,
    ok: by((s) => s.status === 200).length,
    unavailable: unavailable.length,
    unexpected: unexpected.length,
    /** The unexpected answers by status (0: no answer), to say which they were. */
    unexpectedStatuses: [...new Set(unexpected.map((s) => `${s.status} ${s.path}`))],
    p95Ms503: round(
      percentile(
        unavailable.map((s) => s.ms),
        95,
      ),
    ),
    maxMs: round(Math.max(0, ...window.map((s) => s.ms))),
  };
}

/**
 * A database outage and a PostgreSQL restart under load. The outage: every connection between
 * API and database is reset, and new ones refused, for 8 s (a TCP proxy between them — the
 * PostgreSQL server on this machine is shared with other work, so it is not stopped). The
 * restart: every backend of the API's database is terminated at once (pg_terminate_backend),
 * which is what a restart does to the API's connections. Requests must answer 503 with
 * Retry-After, fast, never 500 or hang, and the API must recover by itself.
 */
export async function outages(ctx: SuiteContext): Promise<SectionResult> {
  const failures: string[] = [];
  const outageMs = ctx.smoke ? 2_000 : 8_000;
  const load = underLoad(ctx, ctx.smoke ? 4 : 16);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const cutAt = Date.now();
  ctx.proxy.cut();
  await new Promise((resolve) => setTimeout(resolve, outageMs));
  ctx.proxy.restore();
  const restoredAt = Date.now();
  let recoveredAt = 0;
  while (!recoveredAt && Date.now() - restoredAt < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    recoveredAt = load.samples.find((s) => s.at > restoredAt && s.status === 200)?.at ?? 0;
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const admin = postgres(ctx.adminUrl, { max: 1, onnotice: () => {} });
  const restartAt = Date.now();
  await admin`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = ${ctx.databaseName} and pid <> pg_backend_pid()`;
  await admin.end();
  let restartRecoveredAt = 0;
  while (!restartRecoveredAt && Date.now() - restartAt < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    restartRecoveredAt = load.samples.find((s) => s.at > restartAt && s.status === 200)?.at ?? 0;
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await load.end();

  const during = describe(load.samples, cutAt, restoredAt);
  const restart = describe(load.samples, restartAt, restartRecoveredAt || Date.now());
  const whole = describe(load.samples, 0, Date.now());
  if (whole.unexpected > 0)
    failures.push(
      `${whole.unexpected} responses neither 200, 429 nor 503 around the outages (status ${whole.unexpectedStatuses.join(", ")})`,
    );
  if (during.p95Ms503 > 4_000) failures.push(`503s took ${during.p95Ms503} ms at p95 during the outage`);
  if (!recoveredAt) failures.push("did not recover within 30 s of the database returning");
  if (!restartRecoveredAt) failures.push("did not recover within 30 s of the restart");
  return {
    name: "Database outage and restart under load",
    report: [
      `${outageMs / 1000} s outage with ${ctx.smoke ? 4 : 16} staff loops reading lists and records; then every backend terminated.`,
      "",
      mdTable(
        ["window", "requests", "200", "503", "other", "p95 of 503s ms", "slowest ms", "recovered after"],
        [
          [
            "outage",
            during.requests,
            during.ok,
            during.unavailable,
            during.unexpected,
            during.p95Ms503,
            during.maxMs,
            recoveredAt ? `${recoveredAt - restoredAt} ms` : "no",
          ],
          [
            "restart",
            restart.requests,
            restart.ok,
            restart.unavailable,
            restart.unexpected,
            restart.p95Ms503,
            restart.maxMs,
            restartRecoveredAt ? `${restartRecoveredAt - restartAt} ms` : "no",
          ],
          [
            "all",
            whole.requests,
            whole.ok,
            whole.unavailable,
            whole.unexpected,
            whole.p95Ms503,
            whole.maxMs,
            "",
          ],
        ],
      ),
    ].join("\n"),
    figures: {
      outage503p95Ms: during.p95Ms503,
      recoveryMs: recoveredAt ? recoveredAt - restoredAt : -1,
      restartRecoveryMs: restartRecoveredAt ? restartRecoveredAt - restartAt : -1,
      unexpected: whole.unexpected,
    },
    failures,
  };
}
