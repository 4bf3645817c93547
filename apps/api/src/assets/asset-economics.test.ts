import { bookValue } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";

const TODAY = "2027-01-20";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

interface Economics {
  productId: number;
  model: string;
  units: number;
  unitsByStatus: Record<string, number>;
  acquisitionCost: number;
  accumulatedDepreciation: number;
  bookValue: number;
  rentBilled: number;
  margin: number;
}

describe("asset economics per product", () => {
  it("gives units by status, cost, straight-line depreciation, book value, rent billed and margin to the won", async () => {
    const manager = await t.login("manager@demo.kr");
    const { body: product } = await manager
      .post("/api/products")
      .send({ name: "경제성 시험 정수기", model: "ECON-1", category: "정수기" })
      .expect(201);
    // 2026-01-15, 600,000 over 60 months → 12 months by 2027-01-20: 480,000.
    // 2026-06-30, 100,001 over 36 months → 7 months: 100,001 − ⌊700,007 / 36⌋ = 80,557.
    // 2026-12-01, 333,333 over 24 months → 1 month: 333,333 − ⌊333,333 / 24⌋ = 319,445 (retired, still counted).
    // 2027-01-10, 50,000 over 60 months → 0 months: 50,000.
    await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send(
        [
          "시리얼번호,제품,취득일,취득원가,내용연수(월)",
          "ECON-A,ECON-1,2026-01-15,600000,60",
          "ECON-B,ECON-1,2026-06-30,100001,36",
          "ECON-C,ECON-1,2026-12-01,333333,24",
          "ECON-D,ECON-1,2027-01-10,50000,60",
        ].join("\n"),
      )
      .expect(201);
    const list = await manager.get("/api/assets").query({ filter: '{"q":"ECON-C"}' }).expect(200);
    await manager.post(`/api/assets/${list.body[0].id}/transition`).send({ to: "retired" }).expect(200);

    const owner = await t.login("owner@demo.kr");
    const res = await owner.get("/api/asset-economics").query({ productId: product.id }).expect(200);
    const cost = 600_000 + 100_001 + 333_333 + 50_000;
    const book = 480_000 + 80_557 + 319_445 + 50_000;
    expect(res.body).toEqual([
      {
        productId: product.id,
        productName: "경제성 시험 정수기",
        model: "ECON-1",
        units: 4,
        unitsByStatus: {
          in_stock: 3,
          reserved: 0,
          installed: 0,
          returned: 0,
          refurbishing: 0,
          retired: 1,
          lost: 0,
          transferred: 0,
        },
        acquisitionCost: cost,
        accumulatedDepreciation: cost - book,
        bookValue: book,
        rentBilled: 0,
        margin: -(cost - book),
      },
    ]);
    expect(cost - book).toBe(153_332);
  });

  it("counts the rent billed on a product's contracts (net of VAT, void invoices excluded) against its depreciation", async () => {
    const [plan] = rowsOf<{ versionId: number; productId: number; fee: number }>(
      await t.database.db.execute(sql`
        select pl.current_version_id as "versionId", pl.product_id as "productId", v.monthly_fee as fee
        from plans pl join plan_versions v on v.id = pl.current_version_id
        where pl.partner_id = 1 order by pl.id limit 1`),
    );
    await seedActiveContracts(t.database.db, {
      partnerId: 1,
      planVersionId: plan!.versionId,
      count: 3,
      activatedOn: "2026-11-05",
      billingDay: 5,
    });
    for (const date of ["2026-11-05", "2026-12-05", "2027-01-05"])
      await runBilling({
        database: t.database,
        gateway: new SandboxGateway(),
        date,
        now: () => t.clock.now(),
        trigger: "cli",
      });
    const [billed] = rowsOf<{ invoices: number; rentLines: number; supply: number }>(
      await t.database.db.execute(sql`
        select count(distinct i.id)::int as invoices, count(*)::int as "rentLines", sum(l.supply)::int as supply
        from invoice_lines l join invoices i on i.id = l.invoice_id
        where l.kind = 'rent' and i.partner_id = 1`),
    );
    // Three contracts billed for three months; 29,900 a month is 27,182 + 2,718 VAT.
    expect(plan!.fee).toBe(29_900);
    expect(billed).toEqual({ invoices: 9, rentLines: 9, supply: 9 * 27_182 });

    // A void invoice's rent is not billed.
    await t.database.db.execute(sql`
      update invoices set status = 'void' where id = (
        select i.id from invoices i join invoice_lines l on l.invoice_id = i.id
        where l.kind = 'rent' and i.partner_id = 1 order by i.id desc limit 1)`);

    const finance = await t.login("finance@demo.kr");
    const res = await finance.get("/api/asset-economics").expect(200);
    const row = (res.body as Economics[]).find((r) => r.productId === plan!.productId)!;
    expect(row.rentBilled).toBe(8 * 27_182);

    // The asset figures agree with the domain's book value of every unit, as the API lists them.
    const manager = await t.login("manager@demo.kr");
    const assets = (
      await manager
        .get("/api/assets")
        .query({ filter: JSON.stringify({ productId: plan!.productId }), range: "[0,999]" })
        .expect(200)
    ).body as {
      status: string;
      acquiredOn: string;
      acquisitionCost: number;
      usefulLifeMonths: number;
      bookValue: number;
    }[];
    const cost = assets.reduce((s, a) => s + a.acquisitionCost, 0);
    const book = assets.reduce((s, a) => s + bookValue({ ...a, asOf: TODAY }), 0);
    expect(row.units).toBe(assets.length);
    expect(row.unitsByStatus.installed).toBe(assets.filter((a) => a.status === "installed").length);
    expect([row.acquisitionCost, row.bookValue, row.accumulatedDepreciation]).toEqual([
      cost,
      book,
      cost - book,
    ]);
    expect(row.margin).toBe(8 * 27_182 - (cost - book));
    expect(row.accumulatedDepreciation).toBeGreaterThan(0);
  });

  it("is for owner and finance only, and checks its query", async () => {
    const manager = await t.login("manager@demo.kr");
    await manager.get("/api/asset-economics").expect(403);
    const owner = await t.login("owner@demo.kr");
    const bad = await owner.get("/api/asset-economics").query({ productId: "x" }).expect(400);
    expect(bad.body.code).toBe("validation_failed");
    const barun = await t.login("owner@barun.kr");
    const theirs = await barun.get("/api/asset-economics").expect(200);
    expect((theirs.body as Economics[]).map((r) => r.model)).not.toContain("ECON-1");
  });
});
