import { AGING_BUCKET_DAYS, AGING_BUCKETS, type AgingBucket } from "@ssp/domain";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { oneLine, partnerIs, seoulEnd } from "./report-sql.js";

export const ZAgingFilter = z.object({
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Only customers who owe something in this bucket. */
  overdueBucket: z.enum(AGING_BUCKETS, `One of: ${AGING_BUCKETS.join(", ")}`).optional(),
});

/** The domain's bucket edges as a condition on `days` past due (AGING_BUCKET_DAYS). */
const inBucket = (bucket: AgingBucket): SQL => {
  const { from, to } = AGING_BUCKET_DAYS[bucket];
  return to === null ? sql.raw(`b.days >= ${from}`) : sql.raw(`b.days between ${from} and ${to}`);
};
const BUCKET_KEYS = { "1-30": "d1_30", "31-60": "d31_60", "61-90": "d61_90", "90+": "d90_plus" } as const;

/**
 * What each invoice still owed at the end of `asOf` (Seoul), from what had happened by then: its
 * total less credit notes and payments net of refunds made by then. A cancelled contract's
 * invoices owe nothing from the day it was cancelled (they are void). An invoice paid in full
 * by `asOf` stays paid (credit notes on it are refunded), so only those unpaid then are looked at.
 */
export function balancesAsOf(input: { partnerId: number; asOf: string }): SQL {
  const end = seoulEnd(input.asOf);
  return sql`
    select i.id, i.customer_id, i.due_date, (${input.asOf}::date - i.due_date) as days,
           i.total - coalesce(cn.amount, 0) - coalesce(pay.amount, 0) + coalesce(rf.amount, 0) as balance
    from invoices i
    join contracts c on c.id = i.contract_id
    left join lateral (select sum(amount)::bigint as amount from credit_notes
                       where invoice_id = i.id and created_at < ${end}) cn on true
    left join lateral (select sum(amount)::bigint as amount from payments
                       where invoice_id = i.id and status = 'succeeded' and attempted_at < ${end}) pay on true
    left join lateral (select sum(r.amount)::bigint as amount from refunds r join payments p on p.id = r.payment_id
                       where p.invoice_id = i.id and r.status = 'succeeded' and r.created_at < ${end}) rf on true
    where ${partnerIs(sql`i.partner_id`, input.partnerId)} and i.issue_date <= ${input.asOf}::date
      and (i.status <> 'paid' or i.paid_at >= ${end})
      and not (i.status = 'void' and c.status = 'cancelled' and c.ended_on <= ${input.asOf}::date)`;
}

/** Per customer: what is owed on `asOf`, not yet due and by aging bucket. */
export function agingByCustomer(input: { partnerId: number; asOf: string }): SQL {
  const buckets = AGING_BUCKETS.map(
    (b) =>
      sql`coalesce(sum(b.balance) filter (where ${inBucket(b)}), 0)::bigint as ${sql.raw(BUCKET_KEYS[b])}`,
  );
  return sql`
    select b.customer_id, count(*)::int as invoices,
           coalesce(sum(b.balance) filter (where b.days <= 0), 0)::bigint as not_due,
           ${sql.join(buckets, sql`, `)},
           sum(b.balance)::bigint as total, greatest(max(b.days), 0) as max_days, min(b.due_date) as oldest_due
    from (${balancesAsOf(input)}) b
    where b.balance > 0
    group by b.customer_id`;
}

/** 미수금 연령 분석: what each customer owed at the end of the period, by how late. */
export const receivablesAging = defineReport<z.infer<typeof ZAgingFilter>>({
  name: "receivables-aging",
  title: { ko: "미수금 연령 분석", en: "Receivables aging" },
  periodMeaning: { ko: "기간 마지막 날 기준 잔액", en: "balances at the end of the period" },
  filters: ZAgingFilter,
  columns: [
    col("customerId", "고객ID", "Customer ID", "id"),
    col("customerName", "고객명", "Customer", "text", 14),
    col("invoices", "미수 청구 건수", "Unpaid invoices", "count"),
    col("notDue", "미도래", "Not yet due", "won"),
    col("d1_30", "1–30일", "1–30 days", "won"),
    col("d31_60", "31–60일", "31–60 days", "won"),
    col("d61_90", "61–90일", "61–90 days", "won"),
    col("d90Plus", "90일 초과", "Over 90 days", "won"),
    col("total", "미수 합계", "Total owed", "won"),
    col("maxDays", "최장 연체일수", "Most days late", "count"),
    col("oldestDue", "가장 오래된 납기일", "Oldest due date", "date"),
  ],
  query: ({ partnerId, to, filter }) => sql`
    select a.customer_id, ${oneLine(sql`cu.name`)}, a.invoices, a.not_due, a.d1_30, a.d31_60, a.d61_90, a.d90_plus,
           a.total, a.max_days, to_char(a.oldest_due, 'YYYY-MM-DD')
    from (${agingByCustomer({ partnerId, asOf: to })}) a
    join customers cu on cu.id = a.customer_id
    where ${filter.customerId ? sql`a.customer_id = ${filter.customerId}::int` : sql`true`}
      and ${filter.overdueBucket ? sql`a.${sql.raw(BUCKET_KEYS[filter.overdueBucket])} > 0` : sql`true`}
    order by a.total desc, a.customer_id`,
});
