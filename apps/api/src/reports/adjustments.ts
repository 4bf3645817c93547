import { sql } from "drizzle-orm";
import { z } from "zod";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { LABELS, labelOf } from "./report-labels.js";
import { oneLine, partnerIs, seoulDay, seoulEnd, seoulStart } from "./report-sql.js";

const ADJUSTMENT_TYPES = ["credit_note", "refund", "cancellation", "termination"] as const;

export const ZAdjustmentFilter = z.object({
  type: z.enum(ADJUSTMENT_TYPES, `One of: ${ADJUSTMENT_TYPES.join(", ")}`).optional(),
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  contractId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/**
 * Everything that changed money after an invoice was issued, each on the day it happened: credit
 * notes, refunds, cancellations (cooling-off withdrawals: what their void invoices still asked
 * for) and early terminations (their exit invoice). Completed contracts are not here: they ended
 * as agreed.
 */
export const adjustments = defineReport<z.infer<typeof ZAdjustmentFilter>>({
  name: "adjustments",
  title: { ko: "감액·환불·해지 내역", en: "Credit notes, refunds, cancellations, terminations" },
  periodMeaning: { ko: "발생일 기준", en: "by the day each happened" },
  filters: ZAdjustmentFilter,
  columns: [
    col("date", "일자", "Date", "date"),
    col("type", "구분", "Type", "text", 16),
    col("reference", "참조번호", "Reference", "text", 22),
    col("invoiceNumber", "청구번호", "Invoice no.", "text", 22),
    col("customerId", "고객ID", "Customer ID", "id"),
    col("customerName", "고객명", "Customer", "text", 14),
    col("contractId", "계약ID", "Contract ID", "id"),
    col("contractNumber", "계약번호", "Contract no.", "text", 20),
    col("amount", "금액", "Amount", "won"),
    col("status", "상태", "Status", "text", 8),
    col("reason", "사유", "Reason", "text", 30),
    col("gatewayRef", "PG 거래번호", "Gateway reference", "text", 24),
  ],
  query: ({ partnerId, from, to, filter, lang }) => {
    const inPeriod = (instant: string) =>
      sql`${sql.raw(instant)} >= ${seoulStart(from)} and ${sql.raw(instant)} < ${seoulEnd(to)}`;
    return sql`
      select to_char(a.day, 'YYYY-MM-DD'), ${labelOf(sql`a.type`, LABELS.adjustment, lang)}, a.reference, a.invoice_number,
             a.customer_id, ${oneLine(sql`cu.name`)}, a.contract_id, c.number, a.amount,
             ${labelOf(sql`a.status`, { ...LABELS.paymentStatus, ...LABELS.invoiceStatus }, lang)},
             ${oneLine(sql`a.reason`)}, a.gateway_ref
      from (
        select ${seoulDay(sql`cn.created_at`)} as day, 'credit_note' as type, 'CN-' || cn.id as reference, i.number as invoice_number,
               i.customer_id, i.contract_id, cn.amount::bigint as amount, null::text as status, cn.reason, null::text as gateway_ref,
               cn.created_at as sort_at
        from credit_notes cn join invoices i on i.id = cn.invoice_id
        where ${partnerIs(sql`cn.partner_id`, partnerId)} and ${inPeriod("cn.created_at")}
        union all
        select ${seoulDay(sql`r.created_at`)}, 'refund', 'RF-' || r.id, i.number, i.customer_id, i.contract_id, r.amount::bigint,
               r.status, r.reason, r.gateway_ref, r.created_at
        from refunds r join payments p on p.id = r.payment_id join invoices i on i.id = p.invoice_id
        where ${partnerIs(sql`r.partner_id`, partnerId)} and ${inPeriod("r.created_at")}
        union all
        select k.ended_on, 'cancellation', k.number, null, k.customer_id, k.id,
               coalesce((select sum(v.total - coalesce((select sum(amount) from credit_notes where invoice_id = v.id), 0))
                         from invoices v where v.contract_id = k.id and v.status = 'void'), 0)::bigint,
               null, k.end_reason, null, k.ended_on::timestamp at time zone 'Asia/Seoul'
        from contracts k
        where ${partnerIs(sql`k.partner_id`, partnerId)} and k.status = 'cancelled'
          and k.ended_on between ${from}::date and ${to}::date
        union all
        select k.ended_on, 'termination', k.number, x.number, k.customer_id, k.id, coalesce(x.total, 0)::bigint,
               x.status, k.end_reason, null, k.ended_on::timestamp at time zone 'Asia/Seoul'
        from contracts k
        left join invoices x on x.contract_id = k.id and x.period_kind = 'exit'
        where ${partnerIs(sql`k.partner_id`, partnerId)} and k.status = 'terminated'
          and k.ended_on between ${from}::date and ${to}::date
      ) a
      join customers cu on cu.id = a.customer_id
      join contracts c on c.id = a.contract_id
      where ${filter.type ? sql`a.type = ${filter.type}::text` : sql`true`}
        and ${filter.customerId ? sql`a.customer_id = ${filter.customerId}::int` : sql`true`}
        and ${filter.contractId ? sql`a.contract_id = ${filter.contractId}::int` : sql`true`}
      order by a.day, a.sort_at, a.reference`;
  },
});
