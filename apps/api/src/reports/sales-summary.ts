import { sql } from "drizzle-orm";
import { z } from "zod";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { LABELS, labelOf } from "./report-labels.js";
import { partnerIs, TAX_FREE_KINDS } from "./report-sql.js";

/**
 * 매출 집계: the lines of the invoices issued in the period, by issue month and line kind, with
 * taxable supply, VAT and tax-free amounts apart — what a VAT return (부가세 신고) is filled in
 * from. It covers exactly the billing register's invoices, so its totals equal the register's to
 * the won. Credit notes, refunds and cancellations are dated adjustments (`adjustments`).
 */
export const salesSummary = defineReport<Record<string, never>>({
  name: "sales-summary",
  title: { ko: "매출 집계", en: "Sales summary" },
  periodMeaning: { ko: "발행일 기준, 월별", en: "by issue date, per month" },
  filters: z.object({}),
  columns: [
    col("month", "월", "Month", "text", 9),
    col("kind", "항목", "Line kind", "text", 14),
    col("invoices", "청구 건수", "Invoices", "count"),
    col("taxableSupply", "과세 공급가액", "Taxable supply", "won"),
    col("vat", "부가세", "VAT", "won"),
    col("taxFree", "면세 금액", "Tax-free amount", "won"),
    col("total", "합계", "Total", "won"),
  ],
  query: ({ partnerId, from, to, lang }) => sql`
    select s.month, ${labelOf(sql`s.kind`, LABELS.lineKind, lang)}, s.invoices, s.taxable_supply, s.vat, s.tax_free, s.total
    from (
      select to_char(i.issue_date, 'YYYY-MM') as month, l.kind, count(distinct i.id) as invoices,
             coalesce(sum(l.supply) filter (where l.kind not in (${TAX_FREE_KINDS})), 0)::bigint as taxable_supply,
             sum(l.vat)::bigint as vat,
             coalesce(sum(l.amount) filter (where l.kind in (${TAX_FREE_KINDS})), 0)::bigint as tax_free,
             sum(l.amount)::bigint as total
      from invoices i join invoice_lines l on l.invoice_id = i.id
      where ${partnerIs(sql`i.partner_id`, partnerId)} and i.issue_date between ${from}::date and ${to}::date
      group by 1, 2
    ) s
    order by s.month, s.kind`,
});
