import { sql } from "drizzle-orm";
import { PNG } from "pngjs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../src/db/client.js";
import { inTenantTransaction } from "../src/db/tenant.js";
import { renderContract } from "../src/documents/contract-pdf.js";
import { renderInstallationReceiptPdf } from "../src/documents/installation-receipt-pdf.js";
import { renderTerminationQuotePdf } from "../src/documents/termination-quote-pdf.js";
import { sampleContract } from "../src/documents/test-support/fixtures.js";
import { pdfText } from "../src/documents/test-support/poppler.js";
import { documentPartner } from "../src/partners/partner-identity.js";
import { startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function logoPng(): string {
  const png = new PNG({ width: 40, height: 20 });
  png.data.fill(0x33);
  return PNG.sync.write(png).toString("base64");
}

/** Issue 15: the lessor's identity — 사업자등록번호 checked, printed on documents and public pages. */
describe("partner identity", () => {
  it("refuses a business registration number with a wrong check digit, naming the field", async () => {
    const owner = await t.login("owner@demo.kr");
    const before = await owner.get("/api/partners/1").expect(200);
    const res = await owner.put("/api/partners/1").send({ businessNumber: "124-81-00997" }).expect(400);
    expect(res.body.code).toBe("validation_failed");
    expect(Object.keys(res.body.errors)).toEqual(["businessNumber"]);
    const after = await owner.get("/api/partners/1").expect(200);
    expect(after.body.businessNumber).toBe(before.body.businessNumber);
    const phone = await owner.put("/api/partners/1").send({ csPhone: "12345" }).expect(400);
    expect(Object.keys(phone.body.errors)).toEqual(["csPhone"]);
    const postcode = await owner.put("/api/partners/1").send({ postcode: "1234" }).expect(400);
    expect(Object.keys(postcode.body.errors)).toEqual(["postcode"]);
  });

  it("stores a valid number dashed with the rest of the identity, and the owner may clear a field", async () => {
    const owner = await t.login("owner@demo.kr");
    const res = await owner
      .put("/api/partners/1")
      .send({
        businessNumber: "1248100998",
        representative: "  박대표 ",
        postcode: "04524",
        address: "서울특별시 중구 세종대로 110",
        addressDetail: "3층",
        csPhone: "15880000",
      })
      .expect(200);
    expect(res.body).toMatchObject({
      businessNumber: "124-81-00998",
      representative: "박대표",
      postcode: "04524",
      address: "서울특별시 중구 세종대로 110",
      addressDetail: "3층",
      csPhone: "1588-0000",
      hasLogo: false,
    });
    // Settings untouched by an identity-only PUT.
    expect(res.body.settings.credit).toBeDefined();
    const cleared = await owner.put("/api/partners/1").send({ addressDetail: "" }).expect(200);
    expect(cleared.body.addressDetail).toBeNull();
    expect(cleared.body.address).toBe("서울특별시 중구 세종대로 110");
    await owner.put("/api/partners/1").send({ addressDetail: "3층" }).expect(200);
  });

  it("keeps other roles from editing it", async () => {
    const manager = await t.login("manager@demo.kr");
    await manager.put("/api/partners/1").send({ representative: "누군가" }).expect(403);
  });

  it("takes a PNG logo, refuses anything else, and serves it to the public pages", async () => {
    const owner = await t.login("owner@demo.kr");
    const notPng = Buffer.from("GIF89a not a png").toString("base64");
    const bad = await owner
      .put("/api/partners/1/logo")
      .send({ contentType: "image/png", data: notPng })
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(["data"]);
    await owner.put("/api/partners/1/logo").send({ contentType: "image/gif", data: notPng }).expect(400);
    const ok = await owner
      .put("/api/partners/1/logo")
      .send({ contentType: "image/png", data: logoPng() })
      .expect(200);
    expect(ok.body.hasLogo).toBe(true);

    const page = await request(t.app).get("/api/public/partners/demo").expect(200);
    expect(page.body.partner).toMatchObject({
      name: "데모렌탈",
      businessNumber: "124-81-00998",
      representative: "박대표",
      address: "(04524) 서울특별시 중구 세종대로 110, 3층",
      csPhone: "1588-0000",
    });
    const logo = await request(t.app).get(page.body.partner.logoUrl).buffer(true).expect(200);
    expect(logo.headers["content-type"]).toMatch(/^image\/png/);
    expect(Buffer.from(logo.body).toString("base64")).toBe(logoPng());
    // The other partner has none.
    await request(t.app).get("/api/public/partners/barun/logo").expect(404);
  });

  it("prints the identity on the contract, the installation receipt and the termination quote", async () => {
    const partner = await inTenantTransaction(t.database.db, { kind: "partner", partnerId: 1 }, (tx) =>
      documentPartner(tx, 1),
    );
    expect(partner.logoPng?.length).toBeGreaterThan(0);
    const fields = ["데모렌탈", "박대표", "124-81-00998", "서울특별시 중구 세종대로 110, 3층", "1588-0000"];

    const contract = pdfText((await renderContract(sampleContract({ partner }))).bytes);
    const doc = sampleContract();
    const receipt = pdfText(
      (
        await renderInstallationReceiptPdf({
          contractNumber: doc.number,
          partner,
          customer: { name: doc.customer.name, phone: doc.customer.phone },
          product: doc.product,
          assetSerialNumber: "SN-1",
          installedOn: "2026-03-20",
          installAddress: doc.installAddress,
          technicianName: "이기사",
        })
      ).bytes,
    );
    const quote = pdfText(
      await renderTerminationQuotePdf({
        partner,
        contractNumber: doc.number,
        customerName: doc.customer.name,
        productName: doc.product.name,
        activatedOn: "2026-03-20",
        quote: {
          date: "2026-09-20",
          usedFullPeriods: 6,
          remainingMandatoryPeriods: 30,
          items: [],
          total: 0,
        } as never,
      }),
    );
    for (const [name, text] of Object.entries({ contract, receipt, quote }))
      for (const field of fields) expect(text.replace(/\s+/g, " "), `${name}: ${field}`).toContain(field);
    expect(contract).toContain("사업자등록번호");
  });

  it("records the change in the audit log", async () => {
    const rows = rowsOf<{ action: string }>(
      await t.database.db.execute(
        sql`select action from audit_logs where entity = 'partners' and entity_id = '1' order by id`,
      ),
    );
    expect(rows.map((r) => r.action)).toContain("logo");
  });
});
