import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../src/db/client.js";
import { customers } from "../src/db/schema/index.js";
import { inTenantTransaction } from "../src/db/tenant.js";
import { countOf, startTestApp, TEST_DATABASE_URL, type TestApp } from "./test-app.js";

let t: TestApp;
let demoId: number;
let barunId: number;
/** One id per resource that belongs to 데모렌탈, read as the owner (outside RLS). */
const demoIds: Record<string, number> = {};

async function firstId(table: string, where = "partner_id = $1"): Promise<number> {
  const rows = rowsOf<{ id: number }>(
    await t.database.db.execute(
      sql.raw(`select id from ${table} where ${where.replace("$1", String(demoId))} order by id limit 1`),
    ),
  );
  return Number(rows[0]!.id);
}

beforeAll(async () => {
  t = await startTestApp({ funnel: true });
  const partners = rowsOf<{ id: number; slug: string }>(
    await t.database.db.execute(sql`select id, slug from partners`),
  );
  demoId = partners.find((p) => p.slug === "demo")!.id;
  barunId = partners.find((p) => p.slug === "barun")!.id;
  demoIds.customers = await firstId("customers");
  demoIds.products = await firstId("products");
  demoIds.plans = await firstId("plans");
  demoIds.assets = await firstId("assets");
  demoIds["asset-events"] = await firstId("asset_events");
  demoIds.users = await firstId("users");
  demoIds.partners = demoId;
  demoIds.orders = await firstId("orders");
  demoIds["credit-checks"] = await firstId("credit_checks");
  demoIds.contracts = await firstId("contracts");
  demoIds.deliveries = await firstId("deliveries");
  demoIds.notifications = await firstId("notifications");
  demoIds["payment-methods"] = await firstId("payment_methods");
  const manager = await t.login("manager@demo.kr");
  await manager
    .put(`/api/customers/${demoIds.customers}`)
    .send({ name: "감사대상", birthDate: "1980-01-01", phone: "010-5555-0000" })
    .expect(200);
  demoIds["audit-logs"] = await firstId("audit_logs");
});
afterAll(() => t.close());

const validBodies: Record<string, object> = {
  customers: { name: "침입자", birthDate: "1980-01-01", phone: "010-9999-0000" },
  products: { name: "침입", model: "X-1", category: "정수기" },
  plans: {
    productId: 1,
    name: "침입",
    kind: "rental",
    monthlyFee: 10_000,
    termMonths: 12,
    mandatoryMonths: 12,
  },
  assets: { productId: 1, serialNumber: "HACK-1", acquiredOn: "2026-01-01", acquisitionCost: 1 },
  partners: { name: "침입", settings: {} },
  users: { name: "침입", role: "cs", active: false },
};

describe("tenant isolation: another partner's records answer 404 on every route", () => {
  const resources = [
    "customers",
    "products",
    "plans",
    "assets",
    "asset-events",
    "users",
    "partners",
    "audit-logs",
    "orders",
    "credit-checks",
    "contracts",
    "deliveries",
    "notifications",
    "payment-methods",
  ];

  it.each(resources)("GET /api/%s/:id of 데모렌탈 as 바른케어 → 404", async (resource) => {
    const barun = await t.login("owner@barun.kr");
    const res = await barun.get(`/api/${resource}/${demoIds[resource]}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("not_found");
    const own = await t.login(
      resource === "audit-logs" || resource === "users" ? "owner@demo.kr" : "manager@demo.kr",
    );
    await own.get(`/api/${resource}/${demoIds[resource]}`).expect(200);
  });

  it.each(resources)("lists of %s never include 데모렌탈 rows, even asked by id", async (resource) => {
    const barun = await t.login("owner@barun.kr");
    const all = await barun.get(`/api/${resource}`).query({ range: "[0,999]" }).expect(200);
    for (const row of all.body) {
      if (resource === "partners") expect(row.id).toBe(barunId);
      else expect(row.partnerId ?? barunId).toBe(barunId);
    }
    const byId = await barun
      .get(`/api/${resource}`)
      .query({ filter: JSON.stringify({ id: [demoIds[resource]] }) })
      .expect(200);
    expect(byId.body).toEqual([]);
  });

  it.each(Object.keys(validBodies))(
    "PUT /api/%s/:id of 데모렌탈 as 바른케어 → 404 and nothing changes",
    async (resource) => {
      const barun = await t.login("owner@barun.kr");
      const table = resource.replace("-", "_");
      const before = rowsOf(
        await t.database.db.execute(sql.raw(`select * from ${table} where id = ${demoIds[resource]}`)),
      );
      const res = await barun.put(`/api/${resource}/${demoIds[resource]}`).send(validBodies[resource]);
      expect(res.status).toBe(404);
      const after = rowsOf(
        await t.database.db.execute(sql.raw(`select * from ${table} where id = ${demoIds[resource]}`)),
      );
      expect(after).toEqual(before);
    },
  );

  it.each(["customers", "products", "plans", "assets"])(
    "DELETE /api/%s/:id of 데모렌탈 as 바른케어 → 404",
    async (resource) => {
      const barun = await t.login("owner@barun.kr");
      await barun.delete(`/api/${resource}/${demoIds[resource]}`).expect(404);
      const table = resource.replace("-", "_");
      const rows = rowsOf(
        await t.database.db.execute(sql.raw(`select id from ${table} where id = ${demoIds[resource]}`)),
      );
      expect(rows).toHaveLength(1);
    },
  );

  it("refuses to hang a new plan or asset on another partner's product", async () => {
    const barun = await t.login("owner@barun.kr");
    const plan = await barun
      .post("/api/plans")
      .send({ ...validBodies.plans, productId: demoIds.products })
      .expect(400);
    expect(plan.body.errors).toHaveProperty("productId");
    const asset = await barun
      .post("/api/assets")
      .send({ ...validBodies.assets, productId: demoIds.products })
      .expect(400);
    expect(asset.body.errors).toHaveProperty("productId");
  });

  it("answers 404 for asset transitions across partners", async () => {
    const barun = await t.login("owner@barun.kr");
    await barun.post(`/api/assets/${demoIds.assets}/transition`).send({ to: "lost" }).expect(404);
  });

  it.each([
    ["post", "orders", "credit-check", {}],
    ["post", "orders", "approve", { reason: "침입 시도" }],
    ["post", "orders", "decline", { reason: "침입 시도" }],
    ["post", "orders", "cancel", { reason: "침입 시도" }],
    ["post", "orders", "contract", {}],
    ["post", "orders", "allocate-asset", {}],
    ["post", "orders", "schedule-delivery", { technicianId: 1, scheduledOn: "2026-12-01" }],
    ["post", "orders", "install", { date: "2026-11-23", signature: { kind: "typed", text: "침입" } }],
    ["get", "orders", "timeline", undefined],
    ["post", "contracts", "send", {}],
    ["get", "contracts", "pdf", undefined],
    ["get", "contracts", "verify", undefined],
    ["get", "contracts", "events", undefined],
    ["get", "contracts", "schedule", undefined],
  ] as const)("%s /api/%s/:id/%s of 데모렌탈 as 바른케어 → 404", async (method, resource, action, body) => {
    const barun = await t.login("owner@barun.kr");
    const path = `/api/${resource}/${demoIds[resource]}/${action}`;
    const res = method === "get" ? await barun.get(path) : await barun.post(path).send(body ?? {});
    expect(res.status).toBe(404);
  });

  it("lets the platform operator read every partner but not write their catalog", async () => {
    const operator = await t.login("operator@ssp.kr");
    const partners = await operator.get("/api/partners").expect(200);
    expect(partners.body.map((p: { slug: string }) => p.slug).sort()).toEqual(["barun", "demo"]);
    await operator.get(`/api/customers/${demoIds.customers}`).expect(200);
    await operator.post("/api/customers").send(validBodies.customers).expect(403);
  });
});

describe("row-level security: the second line of defence", () => {
  it("hides other partners' rows from a query that forgets its partner filter", async () => {
    const seen = await inTenantTransaction(t.database.db, { kind: "partner", partnerId: barunId }, (tx) =>
      tx.select({ id: customers.id, partnerId: customers.partnerId }).from(customers),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.partnerId))).toEqual(new Set([barunId]));
    const theirs = await inTenantTransaction(t.database.db, { kind: "partner", partnerId: barunId }, (tx) =>
      tx.select().from(customers).where(eq(customers.id, demoIds.customers!)),
    );
    expect(theirs).toEqual([]);
  });

  it.skipIf(!TEST_DATABASE_URL)(
    "hides other partners' rows on a tenant's read connections, whose tenant is set when they open",
    async () => {
      const reader = t.database.readerFor({ kind: "partner", partnerId: barunId })!;
      const seen = await reader.select({ id: customers.id, partnerId: customers.partnerId }).from(customers);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((r) => r.partnerId))).toEqual(new Set([barunId]));
      const theirs = await reader.select().from(customers).where(eq(customers.id, demoIds.customers!));
      expect(theirs).toEqual([]);
      const [who] = rowsOf<{ role: string; partner: string }>(
        await reader.execute(sql`select current_user as role, current_setting('app.partner_id') as partner`),
      );
      expect(who).toEqual({ role: "ssp_app", partner: String(barunId) });
      await expect(
        reader
          .insert(customers)
          .values({ partnerId: demoId, name: "잠입", birthDate: "1990-01-01", phone: "010-0000-0002" }),
      ).rejects.toThrow();
      const operator = t.database.readerFor({ kind: "platform" })!;
      const all = await operator.select({ partnerId: customers.partnerId }).from(customers);
      expect(new Set(all.map((r) => r.partnerId))).toEqual(new Set([demoId, barunId]));
    },
  );

  it("makes unscoped updates and deletes touch nothing of another partner", async () => {
    const before = await countOf(t.database, `customers where partner_id = ${demoId} and name = '바뀜'`);
    await inTenantTransaction(t.database.db, { kind: "partner", partnerId: barunId }, async (tx) => {
      await tx.update(customers).set({ name: "바뀜" }).where(eq(customers.id, demoIds.customers!));
      await tx.delete(customers).where(eq(customers.id, demoIds.customers!));
    });
    expect(await countOf(t.database, `customers where partner_id = ${demoId} and name = '바뀜'`)).toBe(
      before,
    );
    expect(await countOf(t.database, `customers where id = ${demoIds.customers}`)).toBe(1);
  });

  it("refuses to write a row into another partner", async () => {
    await expect(
      inTenantTransaction(t.database.db, { kind: "partner", partnerId: barunId }, (tx) =>
        tx
          .insert(customers)
          .values({ partnerId: demoId, name: "잠입", birthDate: "1990-01-01", phone: "010-0000-0001" }),
      ),
    ).rejects.toThrow();
  });

  it("sees nothing at all when no tenant is set", async () => {
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'ssp_app', true)`);
      return tx.select().from(customers);
    });
    expect(rows).toEqual([]);
  });
});
