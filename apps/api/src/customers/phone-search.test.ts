import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ customersPerPartner: 5 });
});
afterAll(() => t.close());

type Staff = Awaited<ReturnType<TestApp["login"]>>;

/** The names a staff member's customer list shows for a search, sorted by name. */
async function namesFound(staff: Staff, q: string): Promise<string[]> {
  const res = await staff
    .get("/api/customers")
    .query({ filter: JSON.stringify({ q }), sort: '["name","ASC"]' })
    .expect(200);
  return res.body.map((c: { name: string }) => c.name);
}

/** Issue 14 finding 7: phone digits through the four-digit-run index (migration 0024). */
describe("finding a calling customer by phone digits", () => {
  it("matches digits anywhere in the number, with or without dashes, and only the tenant's own", async () => {
    const manager = await t.login("manager@demo.kr");
    const made = [];
    for (const [name, phone] of [
      ["전화하나", "010-2468-1357"],
      ["전화둘", "010-1357-2468"],
      ["전화셋", "010-9124-6800"],
      // Every four-digit run of "12345" (1234, 2345) is in it, but not in one piece.
      ["전화넷", "010-1234-2345"],
    ] as const) {
      made.push(
        (await manager.post("/api/customers").send({ name, birthDate: "1980-02-02", phone }).expect(201))
          .body,
      );
    }
    const barun = await t.login("owner@barun.kr");
    await barun
      .post("/api/customers")
      .send({ name: "남의고객", birthDate: "1980-02-02", phone: "010-2468-0000" })
      .expect(201);

    const search = async (q: string) =>
      (await namesFound(manager, q)).filter((n) => n.startsWith("전화") || n === "남의고객").sort();
    expect(await search("2468")).toEqual(["전화둘", "전화셋", "전화하나"]); // 9124-68 spans the dash
    expect(await search("1357")).toEqual(["전화둘", "전화하나"]);
    expect(await search("2468-1357")).toEqual(["전화하나"]);
    expect(await search("010 2468 1357")).toEqual(["전화하나"]);
    expect(await search("24681357")).toEqual(["전화하나"]);
    expect(await search("13572468")).toEqual(["전화둘"]);
    expect(await search("8135")).toEqual(["전화하나"]);
    expect(await search("99999")).toEqual([]);
    expect(await search("12345")).toEqual([]);
    expect(await search("4234")).toEqual(["전화넷"]);
    expect(await search("1234-2345")).toEqual(["전화넷"]);
    expect(made).toHaveLength(4);
  });

  it("pages, counts, sorts and filters the rows a phone search hands out", async () => {
    const manager = await t.login("manager@demo.kr");
    const ids: number[] = [];
    for (const [name, tags] of [
      ["검색가", ["VIP"]],
      ["검색나", []],
      ["검색다", ["VIP"]],
    ] as const) {
      const res = await manager
        .post("/api/customers")
        .send({ name, birthDate: "1980-02-02", phone: "010-7777-4321", tags })
        .expect(201);
      ids.push(res.body.id);
    }
    const list = async (query: Record<string, string>) => {
      const res = await manager.get("/api/customers").query(query).expect(200);
      return {
        names: res.body.map((c: { name: string }) => c.name),
        total: Number(res.headers["content-range"]!.split("/")[1]),
      };
    };
    // Eight digits go through customer_search_keys; four ("7743", in no other phone here) through
    // customer_phone_runs (migration 0052): the same rows, totals, order and filters either way.
    for (const q of ["7777-4321", "7743"]) {
      expect(await list({ filter: JSON.stringify({ q }), sort: '["name","ASC"]', range: "[0,1]" })).toEqual({
        names: ["검색가", "검색나"],
        total: 3,
      });
      expect(await list({ filter: JSON.stringify({ q }), sort: '["name","DESC"]', range: "[1,2]" })).toEqual({
        names: ["검색나", "검색가"],
        total: 3,
      });
      // Past the end no row carries the total: it is counted.
      expect(await list({ filter: JSON.stringify({ q }), range: "[10,11]" })).toEqual({
        names: [],
        total: 3,
      });
      expect(await list({ filter: JSON.stringify({ q, tags: "VIP" }), sort: '["id","ASC"]' })).toEqual({
        names: ["검색가", "검색다"],
        total: 2,
      });
      expect(
        await list({ filter: JSON.stringify({ q, id: [ids[1], ids[2]] }), sort: '["id","ASC"]' }),
      ).toEqual({
        names: ["검색나", "검색다"],
        total: 2,
      });
      // The platform operator searches every partner's customers; another partner's owner none of these.
      const operator = await t.login("operator@ssp.kr");
      const all = await operator.get("/api/customers").query({ filter: JSON.stringify({ q }) });
      expect(all.status).toBe(200);
      expect(all.body.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());
      const barun = await t.login("owner@barun.kr");
      const theirs = await barun
        .get("/api/customers")
        .query({ filter: JSON.stringify({ q }) })
        .expect(200);
      expect([theirs.body, theirs.headers["content-range"]]).toEqual([[], "customers */0"]);
    }
  });

  it("keeps the four-digit runs with the customers: a new phone or name, a customer deleted", async () => {
    const manager = await t.login("manager@demo.kr");
    const made = await manager
      .post("/api/customers")
      .send({ name: "런바뀜", birthDate: "1980-02-02", phone: "010-8642-9753" })
      .expect(201);
    expect(await namesFound(manager, "8642")).toEqual(["런바뀜"]);
    await manager
      .put(`/api/customers/${made.body.id}`)
      .send({ name: "런바꿈", birthDate: "1980-02-02", phone: "010-5319-9753" })
      .expect(200);
    expect(await namesFound(manager, "8642")).toEqual([]);
    expect(await namesFound(manager, "5319")).toEqual(["런바꿈"]);
    expect(await namesFound(manager, "9753")).toEqual(["런바꿈"]);
    const owner = await t.login("owner@demo.kr");
    await owner.delete(`/api/customers/${made.body.id}`).expect(200);
    expect(await namesFound(manager, "5319")).toEqual([]);
    const left = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from customer_phone_runs where id = ${made.body.id}`,
      ),
    );
    expect(left).toEqual([{ n: 0 }]);
  });

  it("reads a deep page of a search (from offset 500) with the same rows and total as the pages before it", async () => {
    await t.database.db.execute(sql`insert into customers (partner_id, name, birth_date, phone)
      select 1, '깊은페이지' || lpad(i::text, 4, '0'), '1980-02-02', '010-3939-' || lpad(i::text, 4, '0')
      from generate_series(1, 520) i`);
    const manager = await t.login("manager@demo.kr");
    const page = async (range: string) => {
      const res = await manager
        .get("/api/customers")
        .query({ filter: JSON.stringify({ q: "3939" }), sort: '["name","ASC"]', range })
        .expect(200);
      return { names: res.body.map((c: { name: string }) => c.name), range: res.headers["content-range"] };
    };
    expect(await page("[498,499]")).toEqual({
      names: ["깊은페이지0499", "깊은페이지0500"],
      range: "customers 498-499/520",
    });
    expect(await page("[500,502]")).toEqual({
      names: ["깊은페이지0501", "깊은페이지0502", "깊은페이지0503"],
      range: "customers 500-502/520",
    });
  });

  it("finds by an e-mail fragment and by a short latin name prefix, the same on every call", async () => {
    const manager = await t.login("manager@demo.kr");
    for (const [name, email] of [
      ["Zq Park", "zq.park@mail.example"],
      ["Zqx Lee", "lee.zqx@mail.example"],
      ["Zr Kim", "kim.zr@mail.example"],
      ["%Zq", null],
    ] as const)
      await manager
        .post("/api/customers")
        .send({ name, birthDate: "1980-02-02", phone: "010-5050-1212", ...(email ? { email } : {}) })
        .expect(201);
    const names = (q: string) => namesFound(manager, q);
    // Seven calls each: the function's statements switch plans after five calls on a connection
    // (migration 0050); the answer must not change when they do.
    for (let call = 0; call < 7; call++) {
      expect(await names("Zq")).toEqual(["Zq Park", "Zqx Lee"]); // a two-letter name prefix
      expect(await names("Z")).toEqual(["Zq Park", "Zqx Lee", "Zr Kim"]);
      expect(await names("%")).toEqual(["%Zq"]); // LIKE's wildcard is a plain character here
      expect(await names("zq.p")).toEqual(["Zq Park"]);
      expect(await names("zq.x@")).toEqual([]);
      expect(await names("lee.zq")).toEqual(["Zqx Lee"]); // e-mail fragment, by trigram
      expect(await names("MAIL.EXAMPLE")).toEqual(["Zq Park", "Zqx Lee", "Zr Kim"]);
    }
  });
});
