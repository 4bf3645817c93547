import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2027-01-20" });
});
afterAll(() => t.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function xlsxOf(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("자산");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function tableCounts() {
  return {
    assets: await countOf(t.database, "assets"),
    events: await countOf(t.database, "asset_events"),
    audits: await countOf(t.database, "audit_logs"),
  };
}

describe("asset import", () => {
  it("imports a good CSV (Korean headers, BOM, product by model or name) with intake events and one audit entry", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await tableCounts();
    const csv =
      "\uFEFF시리얼번호,제품,취득일,취득원가,내용연수(월)\n" +
      'IMP-CSV-0001,CHP-7210N,2026-01-15,"600,000",60\n' +
      "IMP-CSV-0002,ap-1019c,2026.3.2,450000원,\n" +
      "\n" +
      "IMP-CSV-0003,BA-16 스마트 비데,2026/12/31,300000,36\n";
    const res = await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .set("x-file-name", encodeURIComponent("자산.csv"))
      .send(csv)
      .expect(201);
    expect(res.body).toEqual({ rows: 3, imported: 3, fileName: "자산.csv" });
    const after = await tableCounts();
    expect(after).toEqual({
      assets: before.assets + 3,
      events: before.events + 3,
      audits: before.audits + 1,
    });

    const list = await manager
      .get("/api/assets")
      .query({ filter: JSON.stringify({ q: "IMP-CSV-" }), sort: '["serialNumber","ASC"]' })
      .expect(200);
    expect(
      list.body.map((a: Record<string, unknown>) => [
        a.serialNumber,
        a.status,
        a.acquiredOn,
        a.acquisitionCost,
        a.usefulLifeMonths,
        a.bookValue,
      ]),
    ).toEqual([
      ["IMP-CSV-0001", "in_stock", "2026-01-15", 600_000, 60, 480_000],
      ["IMP-CSV-0002", "in_stock", "2026-03-02", 450_000, 60, 375_000],
      ["IMP-CSV-0003", "in_stock", "2026-12-31", 300_000, 36, 291_667],
    ]);
    const products = (await manager.get("/api/products").query({ range: "[0,99]" }).expect(200)).body as {
      id: number;
      model: string;
    }[];
    const idOf = (model: string) => products.find((p) => p.model === model)!.id;
    expect(list.body.map((a: { productId: number }) => a.productId)).toEqual([
      idOf("CHP-7210N"),
      idOf("AP-1019C"),
      idOf("BA-16"),
    ]);
    const events = await manager
      .get("/api/asset-events")
      .query({ filter: JSON.stringify({ assetId: list.body[0].id }) })
      .expect(200);
    expect(events.body).toMatchObject([{ fromStatus: null, toStatus: "in_stock", note: "일괄 등록" }]);
  });

  it("imports a good XLSX (English headers, date and number cells)", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await tableCounts();
    const file = await xlsxOf([
      ["serialNumber", "product", "acquiredOn", "acquisitionCost", "usefulLifeMonths"],
      ["IMP-XLSX-0001", "WPU-8230C", new Date(Date.UTC(2026, 5, 1)), 720_000, 48],
      ["IMP-XLSX-0002", "MC-9000", "2026-07-01", "1,800,000", null],
    ]);
    const res = await manager.post("/api/assets/import").set("content-type", XLSX).send(file).expect(201);
    expect(res.body).toEqual({ rows: 2, imported: 2 });
    expect(await tableCounts()).toEqual({
      assets: before.assets + 2,
      events: before.events + 2,
      audits: before.audits + 1,
    });
    const list = await manager
      .get("/api/assets")
      .query({ filter: JSON.stringify({ q: "IMP-XLSX-" }), sort: '["serialNumber","ASC"]' })
      .expect(200);
    expect(
      list.body.map((a: Record<string, unknown>) => [a.acquiredOn, a.acquisitionCost, a.usefulLifeMonths]),
    ).toEqual([
      ["2026-06-01", 720_000, 48],
      ["2026-07-01", 1_800_000, 60],
    ]);
  });

  it("refuses a CSV with any bad row: nothing imported, every bad row's line and reason", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await tableCounts();
    const csv = [
      "serialNumber,product,acquiredOn,acquisitionCost,usefulLifeMonths",
      "IMP-BAD-0001,CHP-7210N,2026-01-15,600000,60", // good
      "IMP-BAD-0002,NO-SUCH-MODEL,2026-01-15,600000,60",
      "IMP BAD 0003,CHP-7210N,2026-02-30,-5,0",
      "IMP-BAD-0001,CHP-7210N,2026-01-15,600000,60", // duplicate of line 2
      "CHP7210N-2026-00001,CHP-7210N,2026-01-15,600000,60", // already registered (seed)
      "IMP-BAD-0006,CHP-7210N,2027-02-01,600000,60", // after today
      ",,,,",
      "IMP-BAD-0008,,,,",
    ].join("\r\n");
    const res = await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send(csv)
      .expect(422);
    expect(res.body).toMatchObject({ code: "import_rejected", rows: 7, badRows: 6, truncated: false });
    expect(
      res.body.rowErrors.map((e: { line: number; field: string; reason: string }) => [
        e.line,
        e.field,
        e.reason,
      ]),
    ).toEqual([
      [3, "product", "unknown_product"],
      [4, "serialNumber", "invalid_serial"],
      [4, "acquiredOn", "invalid_date"],
      [4, "acquisitionCost", "invalid_amount"],
      [4, "usefulLifeMonths", "invalid_life"],
      [5, "serialNumber", "duplicate_in_file"],
      [6, "serialNumber", "duplicate_serial"],
      [7, "acquiredOn", "future_date"],
      [9, "product", "required"],
      [9, "acquiredOn", "required"],
      [9, "acquisitionCost", "required"],
    ]);
    expect(res.body.rowErrors[5].message).toContain("line 2");
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses an XLSX with a bad row, naming its spreadsheet row", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await tableCounts();
    const file = await xlsxOf([
      ["시리얼번호", "모델", "취득일", "취득원가"],
      ["IMP-XBAD-0001", "AP-1019C", "2026-01-15", 500_000],
      ["IMP-XBAD-0002", "AP-1019C", "어제", 500_000],
    ]);
    const res = await manager.post("/api/assets/import").set("content-type", XLSX).send(file).expect(422);
    expect(res.body.rowErrors).toMatchObject([{ line: 3, field: "acquiredOn", reason: "invalid_date" }]);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses files it cannot read, JSON, and roles that may not create assets", async () => {
    const manager = await t.login("manager@demo.kr");
    const before = await tableCounts();
    const missing = await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send("serial,cost\nA-1,100\n")
      .expect(422);
    expect(missing.body).toMatchObject({ code: "missing_columns", columns: ["product", "acquiredOn"] });
    const empty = await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send("시리얼번호,제품,취득일,취득원가\n")
      .expect(422);
    expect(empty.body.code).toBe("empty_file");
    const nothing = await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send("")
      .expect(422);
    expect(nothing.body.code).toBe("missing_columns");
    const broken = await manager
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send('시리얼번호,제품,취득일,취득원가\n"A-1,CHP-7210N,2026-01-01,1\n')
      .expect(422);
    expect(broken.body.code).toBe("unreadable_file");
    const notZip = await manager
      .post("/api/assets/import")
      .set("content-type", XLSX)
      .send(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]))
      .expect(422);
    expect(notZip.body.code).toBe("unreadable_file");
    const json = await manager.post("/api/assets/import").send({ rows: [] }).expect(415);
    expect(json.body.code).toBe("unsupported_media_type");
    const cs = await t.login("cs@demo.kr");
    await cs
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send("시리얼번호,제품,취득일,취득원가\nCS-1,CHP-7210N,2026-01-01,1\n")
      .expect(403);
    expect(await tableCounts()).toEqual(before);
  });

  it("imports per partner: another partner's serial is no duplicate, another partner's product is unknown", async () => {
    const barun = await t.login("owner@barun.kr");
    const ok = await barun
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send("시리얼번호,제품,취득일,취득원가\nIMP-CSV-0001,BC-AIR,2026-01-01,100000\n")
      .expect(201);
    expect(ok.body.imported).toBe(1);
    const bad = await barun
      .post("/api/assets/import")
      .set("content-type", "text/csv")
      .send("시리얼번호,제품,취득일,취득원가\nIMP-B-2,CHP-7210N,2026-01-01,100000\n")
      .expect(422);
    expect(bad.body.rowErrors).toMatchObject([{ line: 2, reason: "unknown_product" }]);
  });
});
