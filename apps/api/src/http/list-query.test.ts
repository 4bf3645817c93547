import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { DEFERRED_JOIN_FROM, EXACT_COUNT_LIMIT } from "./list-query.js";

let t: TestApp;
let demoId: number;
let barunId: number;

/** Adds customers straight in SQL, as the owner: lists need more rows than the demo seed has. */
async function addCustomers(partnerId: number, count: number, prefix: string): Promise<void> {
  await t.database.db.execute(sql`
    insert into customers (partner_id, name, birth_date, phone, email)
    select ${partnerId}, ${prefix} || lpad((i % 97)::text, 2, '0'), date '1980-01-01' + i % 9000,
           '010-' || lpad((i / 10000)::text, 4, '0') || '-' || lpad((i % 10000)::text, 4, '0'),
           ${prefix} || i || '@example.kr'
    from generate_series(1, ${count}) i`);
}

beforeAll(async () => {
  t = await startTestApp();
  const partners = rowsOf<{ id: number; slug: string }>(
    await t.database.db.execute(sql`select id, slug from partners`),
  );
  demoId = partners.find((p) => p.slug === "demo")!.id;
  barunId = partners.find((p) => p.slug === "barun")!.id;
  await addCustomers(demoId, DEFERRED_JOIN_FROM + 200, "페이지");
});
afterAll(() => t.close());

describe("list pages", () => {
  it("reads deep pages by a deferred join and gives the same rows as a plain read", async () => {
    const manager = await t.login("manager@demo.kr");
    const page = (start: number, end: number) =>
      manager
        .get("/api/customers")
        .query({ sort: '["name","ASC"]', range: JSON.stringify([start, end]) })
        .expect(200);
    const ids = (res: { body: { id: number }[] }) => res.body.map((c) => c.id);
    const from = DEFERRED_JOIN_FROM;
    const plain = await page(from - 20, from + 29); // starts before: rows straight from the index
    const deferred = await page(from, from + 29); // starts at the limit: ids first, then rows
    const expected = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select id from customers where partner_id = ${demoId} order by name, id offset ${from} limit 30`,
      ),
    ).map((r) => Number(r.id));
    expect(ids(deferred)).toEqual(expected);
    expect(ids(plain).slice(20)).toEqual(expected);
    expect(deferred.body[0]).toEqual(plain.body[20]);
    expect(deferred.headers["content-range"]).toMatch(new RegExp(`^customers ${from}-${from + 29}/\\d+$`));
  });

  it("gives the same rows for the admin's page sizes (written into the statement) as for any other size", async () => {
    const manager = await t.login("manager@demo.kr");
    const expected = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select id from customers where partner_id = ${demoId} order by created_at desc, id desc limit 200`,
      ),
    ).map((r) => Number(r.id));
    // 25 and 10 are written in as literals on the first page; 30 and 7 are parameters; a later
    // page passes its offset. Each asked several times: a prepared statement switches to its
    // generic plan after five runs on a connection, which must give the same rows.
    for (const [start, size] of [
      [0, 25],
      [0, 10],
      [0, 30],
      [0, 7],
      [25, 25],
      [40, 30],
    ] as const) {
      for (let round = 0; round < 7; round++) {
        const res = await manager
          .get("/api/customers")
          .query({ sort: '["createdAt","DESC"]', range: JSON.stringify([start, start + size - 1]) })
          .expect(200);
        expect(res.body.map((c: { id: number }) => c.id)).toEqual(expected.slice(start, start + size));
        expect(res.headers["content-range"]).toMatch(new RegExp(`^customers ${start}-${start + size - 1}/`));
      }
    }
  });
});

describe("list totals", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const totalOf = (res: { headers: Record<string, string> }) =>
    Number(/\/(\d+)$/.exec(res.headers["content-range"]!)![1]);

  it("remembers a large list's estimated total for 10 s per partner and filter, then asks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await addCustomers(barunId, EXACT_COUNT_LIMIT * 4, "대량");
    await t.database.db.execute(sql`analyze customers`);
    const owner = await t.login("owner@barun.kr");
    const list = () => owner.get("/api/customers").expect(200);
    const estimated = totalOf(await list());
    expect(estimated).toBeGreaterThan(EXACT_COUNT_LIMIT * 2);

    // Most of them go, and the statistics know it; the remembered estimate still answers.
    await t.database.db.execute(
      sql`delete from customers where partner_id = ${barunId} and name like '대량%' and id % 10 <> 0`,
    );
    await t.database.db.execute(sql`analyze customers`);
    vi.setSystemTime(Date.now() + 9_000);
    expect(totalOf(await list())).toBe(estimated);

    // Another partner's list, and another filter, are not answered from it.
    const demo = await (await t.login("manager@demo.kr")).get("/api/customers").expect(200);
    expect(totalOf(demo)).toBeLessThan(EXACT_COUNT_LIMIT);
    const tagged = await owner.get("/api/customers").query({ filter: '{"tags":"VIP"}' }).expect(200);
    expect(totalOf(tagged)).toBeLessThan(EXACT_COUNT_LIMIT);

    // After 10 s the planner is asked again: now the total is small, so it is counted exactly.
    vi.setSystemTime(Date.now() + 1_001);
    const [exact] = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from customers where partner_id = ${barunId}`,
      ),
    );
    expect(totalOf(await list())).toBe(Number(exact!.n));
  });

  it("counts a small total afresh on every request, though its estimate is remembered", async () => {
    const manager = await t.login("manager@demo.kr");
    const search = () => manager.get("/api/customers").query({ filter: '{"q":"새고객"}' }).expect(200);
    const before = [totalOf(await manager.get("/api/customers").expect(200)), totalOf(await search())];
    await manager
      .post("/api/customers")
      .send({ name: "새고객", birthDate: "1990-01-01", phone: "010-4444-0000" })
      .expect(201);
    expect(totalOf(await manager.get("/api/customers").expect(200))).toBe(before[0]! + 1);
    expect(totalOf(await search())).toBe(before[1]! + 1);
  });
});
