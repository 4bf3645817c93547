import { sql } from "drizzle-orm";
import type { z } from "zod";
import { ZPaymentFilter } from "../billing/billing.schemas.js";
import { paymentWhere } from "../billing/finance-filters.js";
import { payments } from "../db/schema/index.js";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { LABELS, labelOf } from "./report-labels.js";
import { and, oneLine, partnerIs, seoulEnd, seoulStart, seoulTimeText } from "./report-sql.js";

/**
 * 수납/PG 대사: every collection attempt in the period with its gateway reference and order id
 * (the idempotency key the gateway saw), what it settled and what was refunded of it since, so
 * that each line can be matched against the gateway's settlement file.
 */
export const paymentsReport = defineReport<z.infer<typeof ZPaymentFilter>>({
  name: "payments",
  title: { ko: "수납·PG 대사", en: "Payments and gateway reconciliation" },
  periodMeaning: { ko: "시도일 기준", en: "by attempt date" },
  filters: ZPaymentFilter,
  columns: [
    col("paymentId", "수납ID", "Payment ID", "id"),
    col("attemptedAt", "시도일시", "Attempted at", "datetime"),
    col("invoiceNumber", "청구번호", "Invoice no.", "text", 22),
    col("customerId", "고객ID", "Customer ID", "id"),
    col("customerName", "고객명", "Customer", "text", 14),
    col("contractId", "계약ID", "Contract ID", "id"),
    col("contractNumber", "계약번호", "Contract no.", "text", 20),
    col("attempt", "회차", "Attempt", "count", 6),
    col("method", "수단", "Method", "text", 12),
    col("status", "결과", "Status", "text", 8),
    col("amount", "청구액", "Amount", "won"),
    col("settled", "정산액", "Settled", "won"),
    col("refunded", "환불액", "Refunded", "won"),
    col("net", "순수납액", "Net", "won"),
    col("gatewayRef", "PG 거래번호", "Gateway reference", "text", 24),
    col("orderId", "주문번호(멱등키)", "Order id (idempotency key)", "text", 30),
    col("failureCode", "실패 코드", "Failure code", "text", 14),
  ],
  query: ({ partnerId, from, to, filter, lang }) => sql`
    select ${payments.id}, ${seoulTimeText(payments.attemptedAt)}, i.number, i.customer_id, ${oneLine(sql`cu.name`)},
           i.contract_id, c.number, ${payments.attempt},
           ${labelOf(sql`${payments.method}`, LABELS.method, lang)}, ${labelOf(sql`${payments.status}`, LABELS.paymentStatus, lang)},
           ${payments.amount},
           case when ${payments.status} = 'succeeded' then ${payments.amount} else 0 end,
           coalesce(r.refunded, 0),
           case when ${payments.status} = 'succeeded' then ${payments.amount} else 0 end - coalesce(r.refunded, 0),
           ${oneLine(payments.gatewayRef)}, ${payments.idempotencyKey}, ${payments.failureCode}
    from ${payments}
    join invoices i on i.id = ${payments.invoiceId}
    join customers cu on cu.id = i.customer_id
    join contracts c on c.id = i.contract_id
    left join lateral (
      select sum(amount)::bigint as refunded from refunds
      where payment_id = ${payments.id} and status = 'succeeded' and created_at < ${seoulEnd(to)}
    ) r on true
    where ${and([
      partnerIs(payments.partnerId, partnerId),
      sql`${payments.attemptedAt} >= ${seoulStart(from)} and ${payments.attemptedAt} < ${seoulEnd(to)}`,
      ...paymentWhere(filter),
    ])}
    order by ${payments.id}`,
});
