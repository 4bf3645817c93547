import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FinanceQuarter,
  QUARTER_TODAY,
  seedFinanceQuarter,
} from "../../test/support/finance-quarter.js";
import { csvRows, download } from "../../test/support/report-download.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";

let t: TestApp;
let q: FinanceQuarter;

beforeAll(async () => {
  t = await startTestApp({ today: QUARTER_TODAY });
  q = await seedFinanceQuarter(t);
});
afterAll(() => t.close());

interface InvoiceRow {
  number: string;
  issue_date: string;
  customer_id: number;
  customer_name: string;
  contract_id: number;
  contract_number: string;
  vat: number;
  total: number;
  status: string;
  /** Seoul wall time, `YYYY-MM-DD HH:MM:SS`, or null while unpaid. */
  paid_at: string | null;
}

async function invoicesInDb(partnerId: number, from: string, to: string): Promise<InvoiceRow[]> {
  return rowsOf<InvoiceRow>(
    await t.database.db.execute(sql`
      select i.number, i.issue_date::text as issue_date, i.customer_id, cu.name as customer_name, i.contract_id,
             c.number as contract_number, i.vat, i.total, i.status,
             to_char(i.paid_at at time zone 'Asia/Seoul', 'YYYY-MM-DD HH24:MI:SS') as paid_at
      from invoices i join customers cu on cu.id = i.customer_id join contracts c on c.id = i.contract_id
      where i.partner_id = ${partnerId} and i.issue_date between ${from}::date and ${to}::date order by i.id`),
  );
}

describe("billing register", () => {
  it("opens in Excel as CSV: UTF-8 with BOM, Korean headers, names next to ids, won as integers", async () => {
    const res = await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-08-01",
      to: "2026-10-31",
    }).expect(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toContain("billing-register_2026-08-01_2026-10-31.csv");
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(body);
    const expected = await invoicesInDb(1, "2026-08-01", "2026-10-31");
    expect(expected.length).toBeGreaterThanOrEqual(9);
    expect(rows.map((r) => r["청구번호"])).toEqual(expected.map((i) => i.number));
    for (const [i, row] of rows.entries()) {
      const inv = expected[i]!;
      expect(row["발행일"]).toBe(inv.issue_date);
      expect(row["고객ID"]).toBe(String(inv.customer_id));
      expect(row["고객명"]).toBe(inv.customer_name);
      expect(row["계약번호"]).toBe(inv.contract_number);
      expect(row["합계"]).toBe(String(inv.total));
      expect(row["부가세"]).toBe(String(inv.vat));
      expect(Number(row["과세 공급가액"]) + Number(row["부가세"]) + Number(row["면세 금액"])).toBe(inv.total);
      expect(
        Number(row["렌탈료"]) +
          Number(row["등록비"]) +
          Number(row["기타 과세"]) +
          Number(row["위약금(면세)"]) +
          Number(row["연체이자(면세)"]),
      ).toBe(inv.total);
      expect(row["상태"]).toBe({ open: "미납", paid: "완납", void: "취소" }[inv.status]);
    }
    // A's first invoice: rent and the registration fee on their own columns.
    const first = rows.find((r) => r["계약ID"] === String(q.contracts.A) && r["발행일"] === "2026-08-05")!;
    expect(first["렌탈료"]).toBe("29900");
    expect(Number(first["등록비"])).toBeGreaterThan(0);
    expect(first["수납수단"]).toBe("테스트 카드");
    // C's exit invoice carries the tax-free penalty.
    const exit = rows.find((r) => r["계약ID"] === String(q.contracts.C) && r["구분"] === "해지정산")!;
    expect(Number(exit["위약금(면세)"])).toBeGreaterThan(0);
    expect(Number(exit["면세 금액"])).toBeGreaterThanOrEqual(Number(exit["위약금(면세)"]));
  });

  it("splits each invoice as its lines do, kind by kind (the split is written with the lines)", async () => {
    const res = await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-08-01",
      to: "2026-10-31",
    }).expect(200);
    const lines = rowsOf<Record<string, string>>(
      await t.database.db.execute(sql`
        select i.number,
               coalesce(sum(l.amount) filter (where l.kind = 'rent'), 0)::text as rent,
               coalesce(sum(l.amount) filter (where l.kind = 'registration_fee'), 0)::text as fee,
               coalesce(sum(l.amount) filter (where l.kind not in ('rent', 'registration_fee', 'penalty', 'late_interest')), 0)::text as other,
               coalesce(sum(l.amount) filter (where l.kind = 'penalty'), 0)::text as penalty,
               coalesce(sum(l.amount) filter (where l.kind = 'late_interest'), 0)::text as interest,
               coalesce(sum(l.supply) filter (where l.kind not in ('penalty', 'late_interest')), 0)::text as taxable_supply
        from invoices i join invoice_lines l on l.invoice_id = i.id
        where i.partner_id = 1 and i.issue_date between '2026-08-01' and '2026-10-31'
        group by i.id order by i.id`),
    );
    const split = csvRows(res.body as Buffer).map((r) => ({
      number: r["청구번호"],
      rent: r["렌탈료"],
      fee: r["등록비"],
      other: r["기타 과세"],
      penalty: r["위약금(면세)"],
      interest: r["연체이자(면세)"],
      taxable_supply: r["과세 공급가액"],
    }));
    expect(split).toEqual(lines);
    // The quarter's rent, registration fees and exit penalty are among them.
    for (const column of ["rent", "fee", "penalty"] as const)
      expect(
        lines.some((l) => l[column] !== "0"),
        column,
      ).toBe(true);
  });

  it("never holds another partner's invoices", async () => {
    const res = await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-08-01",
      to: "2026-10-31",
    }).expect(200);
    const contracts = new Set(csvRows(res.body as Buffer).map((r) => r["계약ID"]));
    expect(contracts.has(String(q.contracts.other))).toBe(false);
    const barun = await t.login("owner@barun.kr");
    const theirs = await download(barun, "/api/reports/billing-register.csv", {
      from: "2026-08-01",
      to: "2026-10-31",
    }).expect(200);
    expect(csvRows(theirs.body as Buffer).map((r) => r["계약ID"])).toEqual([String(q.contracts.other)]);
  });

  it("opens as XLSX with typed cells, the won format and a frozen header", async () => {
    const res = await download(q.finance, "/api/reports/billing-register.xlsx", {
      from: "2026-09-01",
      to: "2026-09-30",
      lang: "en",
    }).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe("Invoice no.");
    const expected = await invoicesInDb(1, "2026-09-01", "2026-09-30");
    expect(sheet.actualRowCount - 1).toBe(expected.length);
    const totalColumn = header.indexOf("Total") + 1;
    const issueColumn = header.indexOf("Issue date") + 1;
    const paidColumn = header.indexOf("Paid at") + 1;
    expect(expected.filter((inv) => inv.paid_at).length).toBeGreaterThan(0);
    for (const [i, inv] of expected.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(inv.number);
      expect(row.getCell(totalColumn).value).toBe(inv.total);
      expect(row.getCell(totalColumn).numFmt).toBe("#,##0");
      const issued = row.getCell(issueColumn).value as Date;
      expect(issued).toBeInstanceOf(Date);
      expect(issued.toISOString().slice(0, 10)).toBe(inv.issue_date);
      // A date and time cell shows the Seoul wall time it was paid at, to the second.
      const paid = row.getCell(paidColumn);
      expect(
        paid.value === null ? null : (paid.value as Date).toISOString().replace("T", " ").slice(0, 19),
      ).toBe(inv.paid_at);
      if (inv.paid_at) expect(paid.numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    }
    expect(sheet.getColumn(1).width).toBeGreaterThan(10);
  });

  it("exports exactly the invoice list's filter: the overdue tab, a customer", async () => {
    const overdue = await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-08-01",
      to: "2026-10-31",
      filter: JSON.stringify({ overdue: true }),
    }).expect(200);
    const listed = await q.finance
      .get("/api/invoices")
      .query({ filter: JSON.stringify({ overdue: true }), range: "[0,999]" })
      .expect(200);
    expect(
      csvRows(overdue.body as Buffer)
        .map((r) => r["청구번호"])
        .sort(),
    ).toEqual(listed.body.map((i: { number: string }) => i.number).sort());
    const [b] = rowsOf<{ customer_id: number }>(
      await t.database.db.execute(sql`select customer_id from contracts where id = ${q.contracts.B}`),
    );
    const one = await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-08-01",
      to: "2026-10-31",
      filter: JSON.stringify({ customerId: b!.customer_id, status: "open" }),
    }).expect(200);
    expect(new Set(csvRows(one.body as Buffer).map((r) => r["계약ID"]))).toEqual(
      new Set([String(q.contracts.B)]),
    );
  });

  it("writes one audit row per export: who, which report, which filter, how many rows", async () => {
    const before = await countOf(t.database, "audit_logs");
    await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-10-01",
      to: "2026-10-31",
      filter: JSON.stringify({ status: "open" }),
    }).expect(200);
    const [audit] = rowsOf<{
      entity: string;
      entity_id: string;
      action: string;
      user_id: number;
      after: unknown;
    }>(await t.database.db.execute(sql`select * from audit_logs order by id desc limit 1`));
    expect(await countOf(t.database, "audit_logs")).toBe(before + 1);
    const open = (await invoicesInDb(1, "2026-10-01", "2026-10-31")).filter((i) => i.status === "open");
    expect(audit).toMatchObject({ entity: "reports", entity_id: "billing-register", action: "export" });
    expect(audit!.after).toEqual({
      report: "billing-register",
      format: "csv",
      from: "2026-10-01",
      to: "2026-10-31",
      filter: { status: "open" },
      rows: open.length,
      complete: true,
    });
  });

  it.each([
    ["/api/reports/nonsense.csv", { from: "2026-01-01", to: "2026-01-31" }, "name"],
    ["/api/reports/billing-register.pdf", { from: "2026-01-01", to: "2026-01-31" }, "format"],
    ["/api/reports/billing-register.csv.xlsx", { from: "2026-01-01", to: "2026-01-31" }, "format"],
    ["/api/reports/billing-register.csv", { from: "2026-02-01", to: "2026-01-31" }, "to"],
    ["/api/reports/billing-register.csv", { from: "2020-01-01", to: "2026-01-31" }, "to"],
    ["/api/reports/billing-register.csv", { from: "2026-02-30", to: "2026-03-31" }, "from"],
    ["/api/reports/billing-register.csv", { to: "2026-03-31" }, "from"],
    // Refused before any route by the input guard (code invalid_text), naming where it was.
    ["/api/reports/billing-register.csv", { from: "2026-01-01\u0000", to: "2026-03-31" }, "query.from"],
    ["/api/reports/billing-register.csv", { from: "2026-01-01", to: "2026-03-31", lang: "fr" }, "lang"],
    [
      "/api/reports/billing-register.csv",
      { from: "2026-01-01", to: "2026-01-31", filter: '{"nosuch":1}' },
      "filter.nosuch",
    ],
    ["/api/reports/billing-register.csv", { from: "2026-01-01", to: "2026-01-31", filter: "{" }, "filter"],
    [
      "/api/reports/billing-register.csv",
      { from: "2026-01-01", to: "2026-01-31", filter: '{"customerId":99999999999999999999}' },
      "filter.customerId",
    ],
  ])("refuses %s %o naming %s, and writes nothing", async (path, query, field) => {
    const before = await countOf(t.database, "audit_logs");
    const res = await q.finance.get(path).query(query).expect(400);
    expect(res.body.code).toBe(field === "query.from" ? "invalid_text" : "validation_failed");
    expect(Object.keys(res.body.errors)).toContain(field);
    expect(await countOf(t.database, "audit_logs")).toBe(before);
  });

  it.each(["manager@demo.kr", "cs@demo.kr", "tech@demo.kr"])("answers 403 to %s", async (email) => {
    const agent = await t.login(email);
    await agent
      .get("/api/reports/billing-register.csv")
      .query({ from: "2026-08-01", to: "2026-08-31" })
      .expect(403);
  });

  it("names the method of the invoice's last succeeded attempt, whatever came before or after it", async () => {
    // An invoice of the period with no attempt in the register's period: attempts 21–24 added
    // out of order (a later failure must not count, nor an earlier success).
    const [invoice] = rowsOf<{ id: number; number: string }>(
      await t.database.db.execute(sql`select id, number from invoices
        where partner_id = 1 and issue_date between '2026-09-01' and '2026-09-30' order by id limit 1`),
    );
    for (const [attempt, status, method] of [
      [23, "succeeded", "bank_transfer"],
      [21, "succeeded", "kakaopay"],
      [24, "failed", "toss"],
      [22, "failed", "sandbox"],
    ] as const) {
      await t.database.db.execute(sql`insert into payments
        (partner_id, invoice_id, attempt, amount, status, method, idempotency_key, attempted_at)
        values (1, ${invoice!.id}, ${attempt}, 0, ${status}, ${method}, ${`register-test-${attempt}`}, '2025-01-01')`);
    }
    const res = await download(q.finance, "/api/reports/billing-register.csv", {
      from: "2026-09-01",
      to: "2026-09-30",
    }).expect(200);
    const row = csvRows(res.body as Buffer).find((r) => r["청구번호"] === invoice!.number)!;
    expect(row["수납수단"]).toBe("계좌이체");
  });
});
