import postgres from "postgres";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";
import { startTestApp, TEST_DATABASE_URL, type TestApp } from "./test-app.js";

let t: TestApp;
let proxy: TcpProxy;
/** A connection of the test's own, straight to the app's database, to hold locks with. */
let direct: postgres.Sql;

beforeAll(async () => {
  t = await startTestApp({
    statementTimeoutMs: 1_500,
    throughProxy: async (url) => {
      proxy = await startTcpProxy(url);
      direct = postgres(url, { max: 2, onnotice: () => {} });
      return proxy.url;
    },
  });
}, 90_000);
afterAll(async () => {
  await direct?.end();
  await t?.close();
  await proxy?.close();
});

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Holds `lock table … in access exclusive mode` until the returned function is called. */
async function holdLock(table: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = direct.begin(async (tx) => {
    await tx.unsafe(`lock table ${table} in access exclusive mode`);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

/** Issue 14 finding 7, on PostgreSQL (the outage needs a network between app and database). */
describe.runIf(TEST_DATABASE_URL)("fairness and outages", () => {
  it("stops a request's statement past the statement timeout with 503, and writes nothing", async () => {
    const manager = await t.login("manager@demo.kr");
    const release = await holdLock("customers");
    try {
      const { ms, value: res } = await timed(() =>
        manager
          .post("/api/customers")
          .send({ name: "대기중", birthDate: "1990-01-01", phone: "010-3131-0001" }),
      );
      expect([res.status, res.body.code]).toEqual([503, "query_timeout"]);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await release();
    }
    const [row] = await direct`select count(*)::int as n from customers where phone = '010-3131-0001'`;
    expect(row!.n).toBe(0);
  });

  it("bounds one user's parallel searches (2 run, 4 wait, the rest 429) so colleagues are not held up", async () => {
    const cs = await t.login("cs@demo.kr");
    const manager = await t.login("manager@demo.kr");
    await manager.get("/api/products").expect(200);
    const release = await holdLock("customers");
    let searches: Promise<request.Response>[] = [];
    try {
      // Sent now (supertest sends a request when it is awaited, so each is turned into a promise
      // here): all eight arrive while the lock holds, and none can finish before the others come.
      searches = Array.from({ length: 8 }, (_, i) =>
        cs
          .get("/api/customers")
          .query({ filter: JSON.stringify({ q: `010${i}` }) })
          .then((res) => res),
      );
      // The colleague's request answers while the eight are stuck behind the lock.
      const { ms, value: colleague } = await timed(() => manager.get("/api/products"));
      expect(colleague.status).toBe(200);
      expect(ms).toBeLessThan(1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await release();
    }
    const statuses = (await Promise.all(searches)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it("answers 503 with Retry-After within seconds while the database is unreachable, then recovers", async () => {
    const cs = await t.login("cs@demo.kr");
    await cs.get("/api/customers").expect(200);
    proxy.cut();
    try {
      const first = await timed(() => cs.get("/api/customers"));
      expect([first.value.status, first.value.body.code]).toEqual([503, "database_unavailable"]);
      expect(first.value.headers["retry-after"]).toBe("5");
      expect(first.ms).toBeLessThan(4_000);
      // Meanwhile the breaker answers at once, and the process says it is alive but not ready.
      const burst = await timed(() => Promise.all(Array.from({ length: 10 }, () => cs.get("/api/products"))));
      expect(burst.value.map((r) => r.status)).toEqual(Array(10).fill(503));
      expect(burst.ms).toBeLessThan(1_000);
      await request(t.app).get("/api/health/live").expect(200);
      const ready = await request(t.app).get("/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.headers["retry-after"]).toBe("5");
    } finally {
      proxy.restore();
    }
    // Back within a few seconds of the database returning.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await cs.get("/api/customers")).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    await request(t.app).get("/api/health/ready").expect(200);
  }, 60_000);

  it("exposes Prometheus metrics: latency by route, pool, breaker, outbox, jobs, gateways", async () => {
    const res = await request(t.app).get("/metrics").expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    for (const series of [
      'http_request_duration_seconds_bucket{le="0.1",method="GET",route="/api/customers",status="200"}',
      'http_request_duration_seconds_count{method="GET",route="/api/customers",status="503"}',
      "db_transactions_in_flight",
      "db_unavailable 0",
      "db_connection_failures_total",
      "outbox_backlog",
      "job_duration_seconds",
      "gateway_request_duration_seconds",
      "fair_share_rejections_total 2",
      "process_resident_memory_bytes",
    ])
      expect(res.text).toContain(series);
  });
});
