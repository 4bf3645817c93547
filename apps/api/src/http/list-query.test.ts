import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { DEFERRED_JOIN_FROM } from "./list-query.js";

let t: TestApp;
let demoId: number;

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
});
