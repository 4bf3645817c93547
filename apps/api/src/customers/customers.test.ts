import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const newCustomer = {
  name: "홍길동",
  birthDate: "1985-04-12",
  phone: "01098765432",
  email: "Hong@Example.kr",
  address: "서울특별시 강남구 테헤란로 1",
  consents: { privacy: true, creditInquiry: true, marketing: false },
  tags: ["VIP"],
};

/** Registers one customer per name, each with its own phone and e-mail (`<prefix><index>`). */
async function registerNamed(
  manager: Awaited<ReturnType<TestApp["login"]>>,
  names: string[],
  prefix: { phone: string; email: string },
): Promise<void> {
  for (const [i, name] of names.entries()) {
    await manager
      .post("/api/customers")
      .send({ ...newCustomer, name, phone: `${prefix.phone}${i}`, email: `${prefix.email}${i}@example.kr` })
      .expect(201);
  }
}

describe("customers", () => {
  it("creates a customer, normalizing phone and e-mail and stamping consents", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager.post("/api/customers").send(newCustomer).expect(201);
    expect(res.body).toMatchObject({
      name: "홍길동",
      phone: "010-9876-5432",
      email: "hong@example.kr",
      tags: ["VIP"],
      consents: { privacy: expect.any(String), creditInquiry: expect.any(String), marketing: null },
    });
    const shown = await manager.get(`/api/customers/${res.body.id}`).expect(200);
    expect(shown.body.phone).toBe("010-9876-5432");
  });

  it("masks phones in lists and finds customers by name, phone digits and e-mail", async () => {
    const cs = await t.login("cs@demo.kr");
    for (const q of ["홍길동", "5432", "01098765432", "hong@exam"]) {
      const res = await cs
        .get("/api/customers")
        .query({ filter: JSON.stringify({ q }) })
        .expect(200);
      expect(
        res.body.map((c: { name: string }) => c.name),
        q,
      ).toContain("홍길동");
      expect(res.body.find((c: { name: string }) => c.name === "홍길동").phone).toBe("010-****-5432");
      expect(res.headers["content-range"]).toMatch(/^customers \d+-\d+\/\d+$/);
    }
  });

  it("searches a Korean name by its start, in name order, with an exact total", async () => {
    const manager = await t.login("manager@demo.kr");
    await registerNamed(manager, ["탁민서", "탁민준", "탁민준", "정탁민"], {
      phone: "0107777000",
      email: "tak",
    });
    const res = await manager
      .get("/api/customers")
      .query({ filter: JSON.stringify({ q: "탁민" }), sort: '["name","ASC"]' })
      .expect(200);
    expect(res.body.map((c: { name: string }) => c.name)).toEqual(["탁민서", "탁민준", "탁민준"]);
    expect(res.headers["content-range"]).toBe("customers 0-2/3");
    const full = await manager
      .get("/api/customers")
      .query({ filter: JSON.stringify({ q: "탁민준" }) })
      .expect(200);
    expect(full.headers["content-range"]).toBe("customers 0-1/2");
    // a name's middle is not its start: 정탁민 is found by 정, not by 탁민
    expect(res.body.some((c: { name: string }) => c.name === "정탁민")).toBe(false);
  });

  it("keeps customer names in code-point order, whatever the database's collation", async () => {
    // Migration 0017: the name-start range of the search is exact and cheap only in "C" (ADR 0004).
    const [column] = rowsOf<{ collation: string | null }>(
      await t.database.db.execute(sql`
        select collation_name as collation from information_schema.columns
        where table_name = 'customers' and column_name = 'name'`),
    );
    expect(column?.collation).toBe("C");
    const manager = await t.login("manager@demo.kr");
    await registerNamed(manager, ["탁민b", "탁민B", "탁민가"], { phone: "0106666000", email: "order" });
    const res = await manager
      .get("/api/customers")
      .query({ filter: JSON.stringify({ q: "탁민" }), sort: '["name","ASC"]', range: "[0,99]" })
      .expect(200);
    const names = res.body.map((c: { name: string }) => c.name).filter((n: string) => /[bB가]$/.test(n));
    expect(names).toEqual(["탁민B", "탁민b", "탁민가"]);
  });

  it("pages and sorts with Content-Range totals", async () => {
    const manager = await t.login("manager@demo.kr");
    const all = await manager
      .get("/api/customers")
      .query({ range: "[0,999]", sort: '["name","ASC"]' })
      .expect(200);
    const total = all.body.length;
    expect(all.headers["content-range"]).toBe(`customers 0-${total - 1}/${total}`);
    const names = all.body.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const page = await manager
      .get("/api/customers")
      .query({ range: "[5,9]", sort: '["name","ASC"]' })
      .expect(200);
    expect(page.body.map((c: { id: number }) => c.id)).toEqual(
      all.body.slice(5, 10).map((c: { id: number }) => c.id),
    );
    expect(page.headers["content-range"]).toBe(`customers 5-9/${total}`);
  });

  it("filters by tag and answers getMany by id", async () => {
    const manager = await t.login("manager@demo.kr");
    const vip = await manager
      .get("/api/customers")
      .query({ filter: '{"tags":"VIP"}', range: "[0,999]" })
      .expect(200);
    expect(vip.body.length).toBeGreaterThan(0);
    for (const c of vip.body) expect(c.tags).toContain("VIP");
    const ids = vip.body.slice(0, 2).map((c: { id: number }) => c.id);
    const many = await manager
      .get("/api/customers")
      .query({ filter: JSON.stringify({ id: ids }) })
      .expect(200);
    expect(many.body.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());
  });

  it("records an audit row with before and after for an edit", async () => {
    const manager = await t.login("manager@demo.kr");
    const created = await manager
      .post("/api/customers")
      .send({ ...newCustomer, phone: "010-1111-2222" })
      .expect(201);
    await manager
      .put(`/api/customers/${created.body.id}`)
      .send({ ...newCustomer, phone: "010-1111-2222", name: "홍길순" })
      .expect(200);
    const owner = await t.login("owner@demo.kr");
    const logs = await owner
      .get("/api/audit-logs")
      .query({
        filter: JSON.stringify({ entity: "customers", entityId: String(created.body.id) }),
        sort: '["id","ASC"]',
      })
      .expect(200);
    expect(logs.body.map((l: { action: string }) => l.action)).toEqual(["create", "update"]);
    // Who, by name (issue 15): finance reads the audit log but not users.
    expect(logs.body.map((l: { userName: string }) => l.userName)).toEqual(["이매니저", "이매니저"]);
    expect(logs.body[1].before.name).toBe("홍길동");
    expect(logs.body[1].after.name).toBe("홍길순");
  });

  it("keeps the preferred channel staff set, until they change it or clear it to the partner's default", async () => {
    const manager = await t.login("manager@demo.kr");
    const phone = "010-3333-4444";
    const created = await manager
      .post("/api/customers")
      .send({
        ...newCustomer,
        phone,
        preferredChannel: "email",
        consents: { privacy: true, marketing: true },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      preferredChannel: "email",
      consents: { marketing: expect.any(String) },
    });
    const path = `/api/customers/${created.body.id}`;
    // An edit that does not mention it leaves it as it was.
    await manager
      .put(path)
      .send({ ...newCustomer, phone, name: "홍길순" })
      .expect(200);
    expect((await manager.get(path).expect(200)).body.preferredChannel).toBe("email");
    await manager
      .put(path)
      .send({ ...newCustomer, phone, preferredChannel: "alimtalk" })
      .expect(200);
    expect((await manager.get(path).expect(200)).body.preferredChannel).toBe("alimtalk");
    const cleared = await manager
      .put(path)
      .send({ ...newCustomer, phone, preferredChannel: null })
      .expect(200);
    expect(cleared.body.preferredChannel).toBeNull();
    const bad = await manager
      .put(path)
      .send({ ...newCustomer, phone, preferredChannel: "fax" })
      .expect(400);
    expect(bad.body.errors).toHaveProperty("preferredChannel");
  });

  it("keeps postcode, road address and detail apart through create and update", async () => {
    const manager = await t.login("manager@demo.kr");
    const parts = { postcode: "06236", address: "서울 강남구 테헤란로 152", addressDetail: "10층" };
    const created = await manager
      .post("/api/customers")
      .send({ ...newCustomer, phone: "010-3333-0601", ...parts })
      .expect(201);
    expect(created.body).toMatchObject(parts);
    const path = `/api/customers/${created.body.id}`;
    const moved = { postcode: "04524", address: "서울 중구 세종대로 110", addressDetail: "3층 301호" };
    await manager
      .put(path)
      .send({ ...newCustomer, phone: "010-3333-0601", ...moved })
      .expect(200);
    expect((await manager.get(path).expect(200)).body).toMatchObject(moved);
    // Typed by hand without the search: an empty postcode and detail are stored as none.
    const byHand = await manager
      .put(path)
      .send({
        ...newCustomer,
        phone: "010-3333-0601",
        postcode: "",
        address: "서울 중구 세종대로 110",
        addressDetail: "",
      })
      .expect(200);
    expect(byHand.body).toMatchObject({
      postcode: null,
      address: "서울 중구 세종대로 110",
      addressDetail: null,
    });
  });

  it("refuses a postcode that is not five digits with a field error", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await countOf(t.database, "customers");
    for (const postcode of ["1234", "123-456", "abcde"]) {
      const res = await manager
        .post("/api/customers")
        .send({ ...newCustomer, phone: "010-3333-0602", postcode })
        .expect(400);
      expect(res.body.code, postcode).toBe("validation_failed");
      expect(Object.keys(res.body.errors), postcode).toEqual(["postcode"]);
    }
    expect(await countOf(t.database, "customers")).toBe(before);
  });

  it("refuses bad bodies with field errors and writes nothing", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await countOf(t.database, "customers");
    const audits = await countOf(t.database, "audit_logs");
    const res = await manager
      .post("/api/customers")
      .send({ name: "", birthDate: "1985-02-30", phone: "12345", email: "not-an-email" })
      .expect(400);
    expect(res.body.code).toBe("validation_failed");
    expect(Object.keys(res.body.errors).sort()).toEqual(["birthDate", "email", "name", "phone"]);
    const put = await manager
      .put("/api/customers/1")
      .send({ ...newCustomer, tags: "VIP" })
      .expect(400);
    expect(put.body.errors).toHaveProperty("tags");
    expect(await countOf(t.database, "customers")).toBe(before);
    expect(await countOf(t.database, "audit_logs")).toBe(audits);
  });

  it("refuses malformed list parameters with 400, not 500", async () => {
    const manager = await t.login("manager@demo.kr");
    for (const query of [
      { sort: '["password","ASC"]' },
      { sort: "nonsense" },
      { range: "[10,2]" },
      { range: "[0,5000]" },
      { filter: '{"nope":1}' },
      { filter: "[1,2]" },
      { filter: '{"id":["x"]}' },
    ]) {
      const res = await manager.get("/api/customers").query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.code).toBe("validation_failed");
    }
  });

  it("keeps cs from deleting and technicians from listing", async () => {
    const cs = await t.login("cs@demo.kr");
    await cs.delete("/api/customers/1").expect(403);
    const tech = await t.login("tech@demo.kr");
    await tech.get("/api/customers").expect(403);
  });
});
