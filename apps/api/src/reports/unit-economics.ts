import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { assetStatusOn, bookValueOn, HELD_STATUS } from "./asset-sql.js";
import { activeOn, feeOn } from "./contract-sql.js";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { oneLine, partnerIs, seoulEnd, seoulStart } from "./report-sql.js";

export const ZUnitEconomicsFilter = z.object({
  productId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/**
 * Per product, the figures of the dashboard for a period, from one query: contracts active at
 * its end and their MRR, contracts started and ended (terminated or cancelled) within it, assets
 * held and installed at its end, what was billed and collected within it, depreciation and book
 * value. The dashboard sums these rows, so its figures are this report's totals.
 */
export function unitEconomicsRows(input: {
  partnerId: number;
  from: string;
  to: string;
  today: string;
}): SQL {
  const { partnerId, from, to, today } = input;
  const end = sql`${to}::date`;
  const before = sql`(${from}::date - 1)`;
  return sql`
    select p.id as product_id, p.name, p.model, p.category,
           coalesce(k.active, 0) as active, coalesce(k.mrr, 0) as mrr, coalesce(k.started, 0) as started,
           coalesce(k.ended, 0) as ended, coalesce(k.active_before, 0) as active_before,
           coalesce(s.held, 0) as held, coalesce(s.installed, 0) as installed,
           coalesce(b.supply, 0) as billed_supply, coalesce(b.total, 0) as billed_total,
           coalesce(m.collected, 0) as collected,
           coalesce(s.depreciation, 0) as depreciation, coalesce(s.book_value, 0) as book_value
    from products p
    left join (
      select pl.product_id,
             count(*) filter (where ${activeOn("c", end)})::int as active,
             coalesce(sum(${feeOn("c", end)}) filter (where ${activeOn("c", end)}), 0)::bigint as mrr,
             count(*) filter (where c.activated_on between ${from}::date and ${end})::int as started,
             count(*) filter (where c.status in ('terminated', 'cancelled') and c.activated_on is not null
                              and c.ended_on between ${from}::date and ${end})::int as ended,
             count(*) filter (where ${activeOn("c", before)})::int as active_before
      from contracts c join plan_versions v on v.id = c.plan_version_id join plans pl on pl.id = v.plan_id
      where ${partnerIs(sql`c.partner_id`, partnerId)} and c.activated_on is not null and c.activated_on <= ${end}
        and (c.ended_on is null or c.ended_on >= ${before})
      group by pl.product_id
    ) k on k.product_id = p.id
    left join (
      select x.product_id,
             count(*) filter (where x.status ${HELD_STATUS})::int as held,
             count(*) filter (where x.status = 'installed')::int as installed,
             sum(x.depreciation)::bigint as depreciation, sum(x.book_value)::bigint as book_value
      from (
        select a.product_id, ${assetStatusOn("a", to, today)} as status,
               (case when a.acquired_on < ${from}::date then ${bookValueOn("a", before)} else a.acquisition_cost end)
                 - ${bookValueOn("a", end)} as depreciation,
               ${bookValueOn("a", end)} as book_value
        from assets a where ${partnerIs(sql`a.partner_id`, partnerId)} and a.acquired_on <= ${end}
      ) x
      group by x.product_id
    ) s on s.product_id = p.id
    left join (
      select pl.product_id,
             sum(l.supply)::bigint as supply,
             sum(l.amount)::bigint as total
      from invoices i join invoice_lines l on l.invoice_id = i.id
      join contracts c on c.id = i.contract_id join plan_versions v on v.id = c.plan_version_id join plans pl on pl.id = v.plan_id
      where ${partnerIs(sql`i.partner_id`, partnerId)} and i.issue_date between ${from}::date and ${end}
      group by pl.product_id
    ) b on b.product_id = p.id
    left join (
      select pl.product_id,
             coalesce(sum(pay.amount), 0)::bigint - coalesce(sum(rf.refunded), 0)::bigint as collected
      from payments pay
      join invoices i on i.id = pay.invoice_id
      join contracts c on c.id = i.contract_id join plan_versions v on v.id = c.plan_version_id join plans pl on pl.id = v.plan_id
      left join lateral (select sum(amount) as refunded from refunds where payment_id = pay.id and status = 'succeeded'
                         and created_at >= ${seoulStart(from)} and created_at < ${seoulEnd(to)}) rf on true
      where ${partnerIs(sql`pay.partner_id`, partnerId)} and pay.status = 'succeeded'
        and pay.attempted_at >= ${seoulStart(from)} and pay.attempted_at < ${seoulEnd(to)}
      group by pl.product_id
    ) m on m.product_id = p.id
    where ${partnerIs(sql`p.partner_id`, partnerId)}`;
}

/** 관리회계: what each product earns against what its assets cost, for the period. */
export const unitEconomics = defineReport<z.infer<typeof ZUnitEconomicsFilter>>({
  name: "unit-economics",
  title: { ko: "제품별 수익성(관리회계)", en: "Unit economics per product" },
  periodMeaning: {
    ko: "기간 중 발생, 잔액·계약·자산은 마지막 날 기준",
    en: "flows within the period; balances, contracts and assets at its end",
  },
  filters: ZUnitEconomicsFilter,
  columns: [
    col("productId", "제품ID", "Product ID", "id"),
    col("productName", "제품명", "Product", "text", 22),
    col("model", "모델", "Model", "text", 12),
    col("category", "분류", "Category", "text", 10),
    col("activeContracts", "활성 계약", "Active contracts", "count"),
    col("mrr", "MRR(월 반복매출)", "MRR", "won"),
    col("newContracts", "신규 계약", "New contracts", "count"),
    col("endedContracts", "해지·취소 계약", "Terminated or cancelled", "count"),
    col("heldAssets", "보유 자산", "Assets held", "count"),
    col("installedAssets", "설치 자산", "Assets installed", "count"),
    col("utilization", "가동률", "Utilization", "rate"),
    col("billedSupply", "청구 공급가액", "Billed (net of VAT)", "won"),
    col("billedTotal", "청구 합계", "Billed (total)", "won"),
    col("collected", "수납액", "Collected", "won"),
    col("depreciation", "감가상각비", "Depreciation", "won"),
    col("bookValue", "기말 장부가", "Closing book value", "won"),
    col("margin", "공헌이익", "Margin (billed − depreciation)", "won"),
  ],
  query: ({ partnerId, from, to, today, filter }) => sql`
    select u.product_id, ${oneLine(sql`u.name`)}, u.model, u.category, u.active, u.mrr, u.started, u.ended,
           u.held, u.installed, case when u.held > 0 then round(u.installed::numeric / u.held, 4) end,
           u.billed_supply, u.billed_total, u.collected, u.depreciation, u.book_value, u.billed_supply - u.depreciation
    from (${unitEconomicsRows({ partnerId, from, to, today })}) u
    where ${filter.productId ? sql`u.product_id = ${filter.productId}::int` : sql`true`}
    order by u.product_id`,
});
