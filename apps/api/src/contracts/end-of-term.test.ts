import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { runBilling } from "../billing/billing-run.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2027-01-05" });
});
afterAll(() => t.close());

/** A 12-month plan activated on its billing day 2026-01-05: the term ends on 2027-01-04. */
async function contractWithAsset(input: { ownershipTransfer: boolean; paymentMethod: boolean }) {
  const manager = await t.login("manager@demo.kr");
  const plan = await manager
    .post("/api/plans")
    .send({
      productId: 1,
      name: `만기 12개월 ${input.ownershipTransfer ? "인수" : "반납"}`,
      kind: "rental",
      monthlyFee: 30_000,
      termMonths: 12,
      mandatoryMonths: 12,
      ownershipTransfer: input.ownershipTransfer,
    })
    .expect(201);
  const { firstContractId: contractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: plan.body.versionId,
    count: 1,
    activatedOn: "2026-01-05",
    billingDay: 5,
    paymentMethod: input.paymentMethod,
  });
  // Installation, as the funnel would have done it: an in-stock unit now held by the contract.
  const [asset] = rowsOf<{ id: number }>(
    await t.database.db.execute(sql`
      update assets set status = 'installed', contract_id = ${contractId},
        customer_id = (select customer_id from contracts where id = ${contractId})
      where id = (select id from assets where partner_id = 1 and product_id = 1 and status = 'in_stock' order by id limit 1)
      returning id`),
  );
  await t.database.db.execute(sql`update contracts set asset_id = ${asset!.id} where id = ${contractId}`);
  return { contractId, assetId: asset!.id };
}

const contractOf = async (id: number) =>
  rowsOf<{ status: string; ended_on: string | null; ends_on: string }>(
    await t.database.db.execute(
      sql`select status, ended_on::text, ends_on::text from contracts where id = ${id}`,
    ),
  )[0]!;
const assetOf = async (id: number) =>
  rowsOf<{ status: string; contract_id: number | null }>(
    await t.database.db.execute(sql`select status, contract_id from assets where id = ${id}`),
  )[0]!;

describe("end of term", () => {
  let transfer: { contractId: number; assetId: number };
  let giveBack: { contractId: number; assetId: number };
  let unpaid: { contractId: number; assetId: number };
  beforeAll(async () => {
    transfer = await contractWithAsset({ ownershipTransfer: true, paymentMethod: true });
    giveBack = await contractWithAsset({ ownershipTransfer: false, paymentMethod: true });
    unpaid = await contractWithAsset({ ownershipTransfer: false, paymentMethod: false });
    for (let month = 1; month <= 12; month++) {
      await runBilling({
        database: t.database,
        gateway: new SandboxGateway(),
        date: `2026-${String(month).padStart(2, "0")}-05`,
        now: () => t.clock.now(),
        trigger: "cli",
      });
    }
  });

  it("keeps every contract running through the last day of its last full period", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager.post("/api/contracts/end-of-term").send({ date: "2027-01-04" }).expect(200);
    expect(res.body).toEqual({ completed: 0, transferred: 0, returnsOpened: 0, waiting: 0 });
    expect(await contractOf(transfer.contractId)).toMatchObject({ status: "active", ends_on: "2027-01-04" });
  });

  it("completes a paid-up contract the next day: ownership transfer passes the asset, otherwise a return task opens", async () => {
    const manager = await t.login("manager@demo.kr");
    const res = await manager.post("/api/contracts/end-of-term").send({ date: "2027-01-05" }).expect(200);
    expect(res.body).toEqual({ completed: 2, transferred: 1, returnsOpened: 1, waiting: 1 });
    expect(await contractOf(transfer.contractId)).toMatchObject({
      status: "completed",
      ended_on: "2027-01-04",
    });
    expect(await assetOf(transfer.assetId)).toEqual({ status: "transferred", contract_id: null });
    expect(
      await countOf(
        t.database,
        `asset_events where asset_id = ${transfer.assetId} and to_status = 'transferred'`,
      ),
    ).toBe(1);
    expect(await contractOf(giveBack.contractId)).toMatchObject({
      status: "completed",
      ended_on: "2027-01-04",
    });
    expect(await assetOf(giveBack.assetId)).toMatchObject({ status: "installed" });
    expect(
      await countOf(
        t.database,
        `tasks where contract_id = ${giveBack.contractId} and asset_id = ${giveBack.assetId} and kind = 'asset_return' and status = 'open'`,
      ),
    ).toBe(1);
    // Their auto-pay is retired; the unpaid one's, still running, is not.
    for (const { contractId } of [transfer, giveBack])
      expect(
        await countOf(
          t.database,
          `payment_methods where contract_id = ${contractId} and status = 'deactivating'`,
        ),
      ).toBe(1);
    // Each customer is told, with what happens to the product.
    const notices = rowsOf<{ entity_id: number; body: string }>(
      await t.database.db.execute(
        sql`select entity_id, body from notifications where template = 'contract_completed' order by entity_id`,
      ),
    );
    expect(notices.map((n) => n.entity_id)).toEqual([transfer.contractId, giveBack.contractId]);
    expect(notices[0]!.body).toContain("소유권");
    expect(notices[1]!.body).toContain("회수");
    // Twelve full periods were billed and nothing after the end.
    expect(await countOf(t.database, `invoices where contract_id = ${giveBack.contractId}`)).toBe(12);
  });

  it("completes a contract past its end only once it owes nothing, and only once", async () => {
    expect(await contractOf(unpaid.contractId)).toMatchObject({ status: "active" });
    const finance = await t.login("finance@demo.kr");
    const open = rowsOf<{ id: number; total: number }>(
      await t.database.db.execute(
        sql`select id, total from invoices where contract_id = ${unpaid.contractId} and status = 'open'`,
      ),
    );
    expect(open).toHaveLength(12);
    for (const invoice of open)
      await finance
        .post(`/api/invoices/${invoice.id}/payments`)
        .send({ amount: invoice.total, paidOn: "2027-01-05", reference: "만기 일괄 입금" })
        .expect(201);
    const manager = await t.login("manager@demo.kr");
    const res = await manager.post("/api/contracts/end-of-term").send({ date: "2027-01-06" }).expect(200);
    expect(res.body).toEqual({ completed: 1, transferred: 0, returnsOpened: 1, waiting: 0 });
    expect(await contractOf(unpaid.contractId)).toMatchObject({
      status: "completed",
      ended_on: "2027-01-04",
    });
    const again = await manager.post("/api/contracts/end-of-term").send({ date: "2027-01-07" }).expect(200);
    expect(again.body).toEqual({ completed: 0, transferred: 0, returnsOpened: 0, waiting: 0 });
    expect(await countOf(t.database, "tasks where kind = 'asset_return'")).toBe(2);
  });

  it("refuses a bad date, and roles that may not end contracts", async () => {
    const manager = await t.login("manager@demo.kr");
    const bad = await manager.post("/api/contracts/end-of-term").send({ date: "2027-02-30" }).expect(400);
    expect(bad.body.errors).toHaveProperty("date");
    const finance = await t.login("finance@demo.kr");
    await finance.post("/api/contracts/end-of-term").send({ date: "2027-01-08" }).expect(403);
  });
});
