import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentContract, signAndPay } from "../../test/support/funnel.js";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { startTestApp, TEST_DATABASE_URL, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { smtpMailer } from "../notifications/mailer.js";

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-10",
    adapters: { mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }) },
  });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

const DOT_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

describe("asset allocation and installation", () => {
  it("allocates, schedules, installs with the customer's confirmation and activates the contract", async () => {
    const { manager, contract, order, token } = await sentContract(t, inbox);
    await signAndPay(t, token);
    expect((await manager.get(`/api/orders/${order.id}`)).body.status).toBe("contract_signed");
    const allocated = await manager.post(`/api/orders/${order.id}/allocate-asset`).send({}).expect(200);
    const assetId = allocated.body.asset.id;
    expect((await manager.get(`/api/assets/${assetId}`)).body).toMatchObject({
      status: "reserved",
      contractId: contract.id,
    });
    expect((await manager.get(`/api/orders/${order.id}`)).body.status).toBe("ready_to_install");

    const owner = await t.login("owner@demo.kr");
    const techs = await owner.get("/api/users").query({ filter: '{"role":"technician"}' }).expect(200);
    await manager
      .post(`/api/orders/${order.id}/schedule-delivery`)
      .send({ technicianId: techs.body[0].id, scheduledOn: "2026-03-09" })
      .expect(400);
    const delivery = await manager
      .post(`/api/orders/${order.id}/schedule-delivery`)
      .send({ technicianId: techs.body[0].id, scheduledOn: "2026-03-10" })
      .expect(201);

    const tech = await t.login("tech@demo.kr");
    const mine = await tech.get("/api/deliveries").expect(200);
    expect(mine.body.map((d: { id: number }) => d.id)).toContain(delivery.body.id);
    // A technician reads neither users nor contracts: the delivery names them (issue 15).
    expect(mine.body.find((d: { id: number }) => d.id === delivery.body.id)).toMatchObject({
      technicianName: techs.body[0].name,
      contractNumber: contract.number,
      customerName: expect.any(String),
    });
    await tech.get("/api/customers").expect(403);
    await tech
      .post(`/api/orders/${order.id}/install`)
      .send({ date: "2026-03-11", signature: { kind: "drawn", dataUrl: DOT_PNG } })
      .expect(400);
    const installed = await tech
      .post(`/api/orders/${order.id}/install`)
      .send({ date: "2026-03-10", signature: { kind: "drawn", dataUrl: DOT_PNG } })
      .expect(200);
    expect(installed.body).toMatchObject({
      order: { status: "installed" },
      contract: { status: "active", activatedOn: "2026-03-10" },
    });
    expect(installed.body.contract.endsOn).toBe("2029-04-04");
    expect((await manager.get(`/api/assets/${assetId}`)).body.status).toBe("installed");
    const schedule = await manager.get(`/api/contracts/${contract.id}/schedule`).expect(200);
    expect(schedule.body).toMatchObject({ preview: false, activatedOn: "2026-03-10" });

    const [receipt] = rowsOf<{ bytes: Buffer | Uint8Array; sealed: boolean }>(
      await t.database.db.execute(
        sql`select bytes, sealed from documents where contract_id = ${contract.id} and kind = 'installation_receipt'`,
      ),
    );
    expect(receipt!.sealed).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "ssp-receipt-"));
    writeFileSync(join(dir, "receipt.pdf"), Buffer.from(receipt!.bytes));
    expect(execFileSync("pdfsig", [join(dir, "receipt.pdf")], { encoding: "utf8" })).toMatch(
      /Signature is Valid/,
    );
    const text = execFileSync("pdftotext", [join(dir, "receipt.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("설치 및 인수 확인서");
    expect(text).toContain(allocated.body.asset.serialNumber);

    // The contract page downloads the same receipt and the sealed contract.
    const cs = await t.login("cs@demo.kr");
    const pdf = (path: string) =>
      cs
        .get(path)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
    const download = await pdf(`/api/contracts/${contract.id}/installation-receipt.pdf`);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toContain(`${contract.number}-installation-receipt.pdf`);
    expect(Buffer.compare(download.body as Buffer, Buffer.from(receipt!.bytes))).toBe(0);
    const sealed = await pdf(`/api/contracts/${contract.id}/pdf`);
    expect(sealed.headers["content-disposition"]).toContain(`${contract.number}-sealed.pdf`);
    const barun = await t.login("owner@barun.kr");
    await barun.get(`/api/contracts/${contract.id}/installation-receipt.pdf`).expect(404);
  });

  it("answers 404 no_receipt for a contract not installed yet", async () => {
    const { manager, contract } = await sentContract(t, inbox);
    const res = await manager.get(`/api/contracts/${contract.id}/installation-receipt.pdf`).expect(404);
    expect(res.body.code).toBe("no_receipt");
  });

  it("lets only the assigned technician install", async () => {
    const { manager, order, token } = await sentContract(t, inbox);
    await signAndPay(t, token);
    await manager.post(`/api/orders/${order.id}/allocate-asset`).send({}).expect(200);
    const owner = await t.login("owner@demo.kr");
    const other = await owner
      .post("/api/users")
      .send({
        email: `tech2.${order.id}@demo.kr`,
        name: "다른기사",
        role: "technician",
        password: "long-enough-pass",
      })
      .expect(201);
    const techs = await owner
      .get("/api/users")
      .query({ filter: '{"role":"technician"}', sort: '["id","ASC"]' })
      .expect(200);
    await manager
      .post(`/api/orders/${order.id}/schedule-delivery`)
      .send({ technicianId: other.body.id, scheduledOn: "2026-03-12" })
      .expect(201);
    expect(techs.body[0].id).not.toBe(other.body.id);
    const tech = await t.login("tech@demo.kr");
    await tech
      .post(`/api/orders/${order.id}/install`)
      .send({ date: "2026-03-10", signature: { kind: "typed", text: "서명자" } })
      .expect(404);
  });

  it("refuses an asset that is not in stock and an install before the order is ready", async () => {
    const { manager, order } = await sentContract(t, inbox);
    const installedAsset = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select id from assets where status = 'installed' and product_id = 1 limit 1`,
      ),
    );
    const res = await manager
      .post(`/api/orders/${order.id}/allocate-asset`)
      .send({ assetId: installedAsset[0]!.id })
      .expect(409);
    expect(res.body.code).toBe("asset_already_held");
    await manager
      .post(`/api/orders/${order.id}/install`)
      .send({ date: "2026-03-10", signature: { kind: "typed", text: "서명자" } })
      .expect(409);
    await manager.post(`/api/orders/${order.id}/allocate-asset`).send({ assetId: "x" }).expect(400);
  });

  it.runIf(TEST_DATABASE_URL)(
    "lets exactly one of two racing allocations take the same asset (PostgreSQL)",
    async () => {
      const a = await sentContract(t, inbox);
      const b = await sentContract(t, inbox);
      const [free] = rowsOf<{ id: number }>(
        await t.database.db.execute(
          sql`select id from assets where status = 'in_stock' and product_id = 1 order by id limit 1`,
        ),
      );
      const results = await Promise.all([
        a.manager.post(`/api/orders/${a.order.id}/allocate-asset`).send({ assetId: free!.id }),
        b.manager.post(`/api/orders/${b.order.id}/allocate-asset`).send({ assetId: free!.id }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe("asset_already_held");
      const holders = rowsOf<{ n: number }>(
        await t.database.db.execute(
          sql`select count(*)::int as n from contracts where asset_id = ${free!.id} and status in ('draft','sent','signed','active','suspended')`,
        ),
      );
      expect(Number(holders[0]!.n)).toBe(1);
    },
  );

  it("has the database refuse a second open holder even when the application is bypassed", async () => {
    const a = await sentContract(t, inbox);
    const b = await sentContract(t, inbox);
    const [free] = rowsOf<{ id: number }>(
      await t.database.db.execute(
        sql`select id from assets where status = 'in_stock' and product_id = 1 order by id desc limit 1`,
      ),
    );
    await t.database.db.execute(sql`update contracts set asset_id = ${free!.id} where id = ${a.contract.id}`);
    const refused = await t.database.db
      .execute(sql`update contracts set asset_id = ${free!.id} where id = ${b.contract.id}`)
      .then(
        () => null,
        (e: Error & { cause?: { code?: string } }) => e,
      );
    expect(refused?.cause?.code ?? (refused as { code?: string } | null)?.code).toBe("23505");
  });
});
