import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2027-01-20" });
});
afterAll(() => t.close());

const asset = {
  productId: 1,
  serialNumber: "CHP7210N-TEST-0001",
  acquiredOn: "2026-01-15",
  acquisitionCost: 600_000,
  usefulLifeMonths: 60,
};

describe("assets", () => {
  it("registers an asset into stock with an intake event and a straight-line book value", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager.post("/api/assets").send(asset).expect(201);
    expect(res.body).toMatchObject({ status: "in_stock", bookValue: 480_000 });
    const events = await manager
      .get("/api/asset-events")
      .query({ filter: JSON.stringify({ assetId: res.body.id }) })
      .expect(200);
    expect(events.body).toMatchObject([{ fromStatus: null, toStatus: "in_stock", userName: "이매니저" }]);
  });

  it("refuses a duplicate serial within a partner (409 on the field) but not across partners", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await countOf(t.database, "assets");
    const dup = await manager.post("/api/assets").send(asset).expect(409);
    expect(dup.body).toMatchObject({ code: "duplicate", errors: { serialNumber: expect.any(String) } });
    expect(await countOf(t.database, "assets")).toBe(before);
    const barun = await t.login("owner@barun.kr");
    const products = await barun.get("/api/products").expect(200);
    await barun
      .post("/api/assets")
      .send({ ...asset, productId: products.body[0].id })
      .expect(201);
  });

  it("walks the staff lifecycle and refuses illegal steps with 409", async () => {
    const manager = await t.login("manager@demo.kr");
    const { body: a } = await manager
      .post("/api/assets")
      .send({ ...asset, serialNumber: "CHP7210N-TEST-0002" })
      .expect(201);
    const reserve = await manager.post(`/api/assets/${a.id}/transition`).send({ to: "reserved" }).expect(409);
    expect(reserve.body.code).toBe("illegal_transition");
    await manager.post(`/api/assets/${a.id}/transition`).send({ to: "retired", note: "파손" }).expect(200);
    const back = await manager.post(`/api/assets/${a.id}/transition`).send({ to: "in_stock" }).expect(409);
    expect(back.body.code).toBe("illegal_transition");
    const events = await manager
      .get("/api/asset-events")
      .query({ filter: JSON.stringify({ assetId: a.id }), sort: '["id","ASC"]' });
    expect(events.body.map((e: { toStatus: string }) => e.toStatus)).toEqual(["in_stock", "retired"]);
    expect(events.body[1].note).toBe("파손");
    const del = await manager.delete(`/api/assets/${a.id}`).expect(409);
    expect(del.body.code).toBe("asset_has_history");
  });

  it("filters by status and searches serials", async () => {
    const cs = await t.login("cs@demo.kr");
    const res = await cs
      .get("/api/assets")
      .query({ filter: '{"status":"installed","q":"CHP"}', range: "[0,99]" })
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    for (const a of res.body) {
      expect(a.status).toBe("installed");
      expect(a.serialNumber).toContain("CHP");
    }
    await cs
      .post("/api/assets")
      .send({ ...asset, serialNumber: "CS-NOPE" })
      .expect(403);
  });
});
