import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { orders } from "../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const plan = {
  productId: 1,
  name: "테스트 정수기 36개월",
  kind: "rental",
  monthlyFee: 29_900,
  termMonths: 36,
  mandatoryMonths: 36,
  registrationFee: 100_000,
  ownershipTransfer: true,
  serviceIntervalMonths: 4,
};

async function placeOrder(planVersionId: number) {
  const [customer] = rowsOf<{ id: number; partner_id: number }>(
    await t.database.db.execute(sql`select id, partner_id from customers where partner_id = 1 limit 1`),
  );
  await t.database.db.insert(orders).values({
    partnerId: customer!.partner_id,
    customerId: customer!.id,
    planVersionId,
    installAddress: "서울특별시 중구 세종대로 110",
    billingDay: 5,
  });
}

describe("plans are versioned once in use", () => {
  it("creates version 1 with SPEC defaults filled in", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager.post("/api/plans").send(plan).expect(201);
    expect(res.body).toMatchObject({
      version: 1,
      earlyTerminationRate: 10,
      coolingOffDays: 14,
      removalFee: 0,
      registrationFeeWaived: false,
      discountAmount: 0,
    });
  });

  it("corrects an unused plan in place and versions a used one, keeping the old terms intact", async () => {
    const manager = await t.login("manager@demo.kr");
    const created = await manager.post("/api/plans").send(plan).expect(201);
    const corrected = await manager
      .put(`/api/plans/${created.body.id}`)
      .send({ ...plan, monthlyFee: 30_900 })
      .expect(200);
    expect(corrected.body).toMatchObject({
      version: 1,
      monthlyFee: 30_900,
      versionId: created.body.versionId,
    });

    await placeOrder(created.body.versionId);
    const renamed = await manager
      .put(`/api/plans/${created.body.id}`)
      .send({ ...plan, monthlyFee: 30_900, name: "이름만 변경" })
      .expect(200);
    expect(renamed.body.version).toBe(1);

    const repriced = await manager
      .put(`/api/plans/${created.body.id}`)
      .send({ ...plan, monthlyFee: 32_900 })
      .expect(200);
    expect(repriced.body).toMatchObject({ id: created.body.id, version: 2, monthlyFee: 32_900 });
    expect(repriced.body.versionId).not.toBe(created.body.versionId);
    const old = rowsOf<{ monthly_fee: number; version: number }>(
      await t.database.db.execute(
        sql`select monthly_fee, version from plan_versions where id = ${created.body.versionId}`,
      ),
    );
    expect(old).toEqual([{ monthly_fee: 30_900, version: 1 }]);

    const owner = await t.login("owner@demo.kr");
    const audit = await owner.get("/api/audit-logs").query({
      filter: JSON.stringify({ entity: "plans", entityId: String(created.body.id) }),
      sort: '["id","ASC"]',
    });
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual([
      "create",
      "update",
      "update",
      "new_version",
    ]);
  });

  it("refuses to delete a plan in use (409) and deletes an unused one", async () => {
    const manager = await t.login("manager@demo.kr");
    const used = await manager.post("/api/plans").send(plan).expect(201);
    await placeOrder(used.body.versionId);
    const res = await manager.delete(`/api/plans/${used.body.id}`).expect(409);
    expect(res.body.code).toBe("plan_in_use");
    const unused = await manager.post("/api/plans").send(plan).expect(201);
    await manager.delete(`/api/plans/${unused.body.id}`).expect(200);
    await manager.get(`/api/plans/${unused.body.id}`).expect(404);
  });

  it("sorts by the current terms and filters by product and kind", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager
      .get("/api/plans")
      .query({ sort: '["monthlyFee","DESC"]', filter: '{"kind":"rental"}', range: "[0,99]" })
      .expect(200);
    const fees = res.body.map((p: { monthlyFee: number }) => p.monthlyFee);
    expect(fees).toEqual([...fees].sort((a, b) => b - a));
    for (const p of res.body) expect(p.kind).toBe("rental");
  });
});
