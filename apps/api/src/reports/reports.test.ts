import { bookValue } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FinanceQuarter,
  QUARTER_TODAY,
  seedFinanceQuarter,
} from "../../test/support/finance-quarter.js";
import { reportCsv, reportXlsx, sumOf } from "../../test/support/report-download.js";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../db/client.js";
import { REPORT_NAMES } from "./report-definition.js";

let t: TestApp;
let q: FinanceQuarter;
const QUARTER = { from: "2026-08-01", to: "2026-10-31" };

beforeAll(async () => {
  t = await startTestApp({ today: QUARTER_TODAY });
  q = await seedFinanceQuarter(t);
});
afterAll(() => t.close());

const customerOf = async (contractId: number) =>
  rowsOf<{ customer_id: number }>(
    await t.database.db.execute(sql`select customer_id from contracts where id = ${contractId}`),
  )[0]!.customer_id;

describe("every report", () => {
  it.each(REPORT_NAMES)("%s: the same rows as CSV and as XLSX, with Korean headers", async (name) => {
    const csv = await reportCsv(q.finance, name, QUARTER);
    const xlsx = await reportXlsx(q.finance, name, QUARTER);
    expect(xlsx.header).toEqual(Object.keys(csv[0] ?? Object.fromEntries(xlsx.header.map((h) => [h, ""]))));
    expect(xlsx.header.some((h) => /[가-힣]/.test(h))).toBe(true);
    expect(xlsx.rows.length).toBe(csv.length);
    expect(xlsx.sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });
});

describe("sales summary", () => {
  it("splits taxable supply, VAT and tax-free per month and line kind, totalling the register to the won", async () => {
    const summary = await reportCsv(q.finance, "sales-summary", QUARTER);
    const register = await reportCsv(q.finance, "billing-register", QUARTER);
    for (const [s, r] of [
      ["합계", "합계"],
      ["과세 공급가액", "과세 공급가액"],
      ["부가세", "부가세"],
      ["면세 금액", "면세 금액"],
    ] as const)
      expect(sumOf(summary, s)).toBe(sumOf(register, r));
    expect(summary.map((r) => r["월"])).toEqual([...summary.map((r) => r["월"])].sort());
    const penalty = summary.find((r) => r["항목"] === "위약금")!;
    expect(penalty["월"]).toBe("2026-10");
    expect(penalty["부가세"]).toBe("0");
    expect(penalty["면세 금액"]).toBe(penalty["합계"]);
    const augustRent = summary.find((r) => r["월"] === "2026-08" && r["항목"] === "렌탈료")!;
    // A's 29,900 and B's promoted 22,900, VAT-inclusive, split per line: ⌊29,900/11⌋ + ⌊22,900/11⌋.
    expect(augustRent).toMatchObject({ 합계: "52800", 부가세: String(2718 + 2081) });
  });
});

describe("payments and reconciliation", () => {
  it("lists every attempt in the period with settled, refunded and net amounts", async () => {
    const rows = await reportCsv(q.finance, "payments", QUARTER);
    const [db] = rowsOf<{ n: number; ok: string }>(
      await t.database.db.execute(
        sql`select count(*)::int as n, coalesce(sum(amount) filter (where status = 'succeeded'), 0)::bigint::text as ok
            from payments where partner_id = 1`,
      ),
    );
    expect(rows.length).toBe(db!.n);
    expect(sumOf(rows, "정산액")).toBe(Number(db!.ok));
    expect(sumOf(rows, "환불액")).toBe(5_000);
    const transfer = rows.find((r) => r["수단"] === "계좌이체")!;
    expect(transfer).toMatchObject({ 청구액: "10000", 순수납액: "10000", "PG 거래번호": "국민 0901" });
    const onlyFailed = await reportCsv(q.finance, "payments", { ...QUARTER, filter: '{"status":"failed"}' });
    expect(onlyFailed.length).toBeGreaterThan(0);
    expect(new Set(onlyFailed.map((r) => r["결과"]))).toEqual(new Set(["실패"]));
  });
});

describe("receivables aging", () => {
  it("puts each customer's unpaid balance in the domain's buckets on the period's last day", async () => {
    const b = await customerOf(q.contracts.B);
    const rows = await reportCsv(q.finance, "receivables-aging", QUARTER);
    const mine = rows.find((r) => r["고객ID"] === String(b))!;
    // B owes 22,900 a month: August less the 10,000 transfer (82 days late on 10-31), September
    // (51 days), October (21 days).
    expect(mine).toMatchObject({
      "미수 청구 건수": "3",
      미도래: "0",
      "1–30일": "22900",
      "31–60일": "22900",
      "61–90일": "12900",
      "90일 초과": "0",
      "미수 합계": "58700",
      "최장 연체일수": "82",
      "가장 오래된 납기일": "2026-08-10",
    });
  });

  it("judges a past day from what had happened by then", async () => {
    const b = await customerOf(q.contracts.B);
    const rows = await reportCsv(q.finance, "receivables-aging", { from: "2026-08-01", to: "2026-08-31" });
    // On 08-31 the transfer of 09-01 had not arrived: all of August's 22,900, 21 days late.
    expect(rows.find((r) => r["고객ID"] === String(b))).toMatchObject({
      "1–30일": "22900",
      "미수 합계": "22900",
    });
    const bucket = await reportCsv(q.finance, "receivables-aging", {
      ...QUARTER,
      filter: '{"overdueBucket":"90+"}',
    });
    expect(bucket).toEqual([]);
  });
});

describe("adjustments", () => {
  it("dates credit notes, refunds and terminations on the day each happened", async () => {
    const rows = await reportCsv(q.finance, "adjustments", QUARTER);
    expect(rows.map((r) => [r["일자"], r["구분"], r["금액"]])).toEqual([
      ["2026-09-20", "감액(크레딧노트)", "5000"],
      ["2026-09-20", "환불", "5000"],
      ["2026-10-20", "중도해지", expect.stringMatching(/^[1-9]\d*$/)],
    ]);
    expect(rows[0]!["사유"]).toBe("설치 지연 보상");
    const terminations = await reportCsv(q.finance, "adjustments", {
      ...QUARTER,
      filter: '{"type":"termination"}',
    });
    expect(terminations.map((r) => r["계약ID"])).toEqual([String(q.contracts.C)]);
  });
});

describe("depreciation ledger", () => {
  it("agrees with the domain's book value for every asset, and opening + acquired − depreciation = closing", async () => {
    const rows = await reportCsv(q.finance, "depreciation", { from: "2026-01-01", to: "2026-10-31" });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const closing = bookValue({
        acquisitionCost: Number(r["취득원가"]),
        acquiredOn: r["취득일"]!,
        usefulLifeMonths: Number(r["내용연수(월)"]),
        asOf: "2026-10-31",
      });
      expect(Number(r["기말 장부가"])).toBe(closing);
      expect(Number(r["기초 장부가"]) + Number(r["당기 취득"]) - Number(r["당기 상각"])).toBe(closing);
    }
  });
});

describe("unit economics", () => {
  it("counts active contracts and MRR at the period's end, new and ended contracts within it", async () => {
    const rows = await reportCsv(q.finance, "unit-economics", QUARTER);
    expect(sumOf(rows, "활성 계약")).toBe(2);
    // A at 29,900; B at 27,900 less its 5,000 promotion.
    expect(sumOf(rows, "MRR(월 반복매출)")).toBe(29_900 + 22_900);
    expect(sumOf(rows, "신규 계약")).toBe(3);
    expect(sumOf(rows, "해지·취소 계약")).toBe(1);
    const register = await reportCsv(q.finance, "billing-register", QUARTER);
    expect(sumOf(rows, "청구 합계")).toBe(sumOf(register, "합계"));
  });
});

describe("journal", () => {
  it("balances every voucher in the partner's own account codes", async () => {
    const rows = await reportCsv(q.finance, "journal", QUARTER);
    const vouchers = new Map<string, number>();
    for (const r of rows)
      vouchers.set(
        r["전표번호"]!,
        (vouchers.get(r["전표번호"]!) ?? 0) + Number(r["차변"]) - Number(r["대변"]),
      );
    expect([...vouchers.values()].every((v) => v === 0)).toBe(true);
    expect(sumOf(rows, "차변")).toBe(sumOf(rows, "대변"));
    expect(new Set(rows.map((r) => `${r["계정코드"]} ${r["계정과목"]}`))).toEqual(
      new Set(["108 외상매출금", "401 렌탈매출", "255 부가세예수금", "930 잡이익", "103 보통예금"]),
    );
    const register = await reportCsv(q.finance, "billing-register", QUARTER);
    const receivable = rows.filter((r) => r["구분"] === "매출" && r["계정코드"] === "108");
    expect(sumOf(receivable, "차변")).toBe(sumOf(register, "합계"));

    const partner = await q.owner.get("/api/partners/1").expect(200);
    const accounting = {
      ...partner.body.settings.accounting,
      receivable: { code: "10800", name: "렌탈채권" },
    };
    const saved = await q.owner
      .put("/api/partners/1")
      .send({ name: partner.body.name, settings: { ...partner.body.settings, accounting } });
    expect(saved.body).toMatchObject({ settings: { accounting } });
    const renamed = await reportCsv(q.finance, "journal", { ...QUARTER, filter: '{"source":"payment"}' });
    expect(renamed.length).toBeGreaterThan(0);
    expect(new Set(renamed.map((r) => r["계정코드"]))).toEqual(new Set(["103", "10800"]));
    expect(renamed.find((r) => r["계정코드"] === "10800")!["계정과목"]).toBe("렌탈채권");
  });
});
