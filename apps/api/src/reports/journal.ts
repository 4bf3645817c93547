import { DEFAULT_ACCOUNT_CODES, JOURNAL_ACCOUNTS, type JournalAccount } from "@ssp/domain";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { LABELS, labelOf } from "./report-labels.js";
import { oneLine, partnerIs, seoulDay, seoulEnd, seoulStart, TAX_FREE_KINDS } from "./report-sql.js";

const SOURCES = ["invoice", "payment", "refund", "credit_note", "cancellation"] as const;
export const ZJournalFilter = z.object({
  source: z.enum(SOURCES, `One of: ${SOURCES.join(", ")}`).optional(),
});

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The partner's own code and name for an account (partner settings), else the domain's default. */
function account(which: "code" | "name"): SQL {
  const whens = JOURNAL_ACCOUNTS.map(
    (a) =>
      sql`when ${sql.raw(quote(a))} then coalesce(nullif(pt.settings->'accounting'->${sql.raw(quote(a))}->>${sql.raw(quote(which))}, ''), ${sql.raw(quote(DEFAULT_ACCOUNT_CODES[a][which]))})`,
  );
  return sql`case e.account ${sql.join(whens, sql` `)} end`;
}

/** One booking line: the account, which side, how much. */
const line = (account: JournalAccount, side: "debit" | "credit", amount: string) =>
  sql.raw(`(${quote(account)}, ${side === "debit" ? amount : "0"}, ${side === "credit" ? amount : "0"})`);

/** A reversal (credit note, cancellation) in the invoice's proportion (the domain's `reversalSplit`). */
const reversalLines = (amount: string, total: string, taxFree: string) => {
  const tf = `(case when ${total} > 0 then (${amount})::bigint * ${taxFree} / ${total} else 0 end)`;
  const vat = `((${amount} - ${tf}) / 11)`;
  return sql.join(
    [
      line("rentalRevenue", "debit", `${amount} - ${tf} - ${vat}`),
      line("vatPayable", "debit", vat),
      line("otherIncome", "debit", tf),
      line("receivable", "credit", amount),
    ],
    sql`, `,
  );
};

/**
 * 매출전표: one row per booking line (date, voucher number, account code and name, debit,
 * credit, counterparty, memo) in the partner's own account codes, laid out as the general-voucher
 * upload of Korean accounting software expects (일자, 계정코드, 차변, 대변, 거래처, 적요). Each
 * voucher balances: invoices issued (receivable against revenue, VAT payable and, for penalties
 * and interest, other income), money received and refunded (bank against receivable), credit
 * notes and cancellations (the invoice reversed in its own proportions).
 */
export const journal = defineReport<z.infer<typeof ZJournalFilter>>({
  name: "journal",
  title: { ko: "매출전표", en: "Sales journal" },
  periodMeaning: { ko: "전표일 기준", en: "by voucher date" },
  filters: ZJournalFilter,
  columns: [
    col("date", "일자", "Date", "date"),
    col("voucher", "전표번호", "Voucher no.", "text", 24),
    col("source", "구분", "Source", "text", 8),
    col("accountCode", "계정코드", "Account code", "text", 8),
    col("accountName", "계정과목", "Account", "text", 14),
    col("debit", "차변", "Debit", "won"),
    col("credit", "대변", "Credit", "won"),
    col("counterpartyCode", "거래처코드", "Counterparty code", "id"),
    col("counterpartyName", "거래처명", "Counterparty", "text", 14),
    col("memo", "적요", "Memo", "text", 30),
  ],
  query: ({ partnerId, from, to, filter, lang }) => {
    const inPeriod = (instant: string) =>
      sql`${sql.raw(instant)} >= ${seoulStart(from)} and ${sql.raw(instant)} < ${seoulEnd(to)}`;
    const taxFreeOf = (invoice: string) =>
      sql`join lateral (select coalesce(sum(amount) filter (where kind in (${TAX_FREE_KINDS})), 0)::bigint as tax_free
                        from invoice_lines where invoice_id = ${sql.raw(invoice)}) m on true`;
    return sql`
      select to_char(e.day, 'YYYY-MM-DD'), e.voucher, ${labelOf(sql`e.source`, LABELS.journalSource, lang)},
             ${account("code")}, ${account("name")}, e.debit, e.credit, e.customer_id, ${oneLine(sql`cu.name`)}, ${oneLine(sql`e.memo`)}
      from (
        select i.issue_date as day, i.number as voucher, 'invoice' as source, i.customer_id, i.number as memo, i.id as sort_id, x.*
        from invoices i
        join lateral (
          select coalesce(sum(supply) filter (where kind not in (${TAX_FREE_KINDS})), 0)::bigint as taxable,
                 coalesce(sum(vat), 0)::bigint as vat,
                 coalesce(sum(amount) filter (where kind in (${TAX_FREE_KINDS})), 0)::bigint as tax_free
          from invoice_lines where invoice_id = i.id
        ) m on true
        cross join lateral (values ('receivable', i.total::bigint, 0::bigint), ('rentalRevenue', 0, m.taxable),
                                   ('vatPayable', 0, m.vat), ('otherIncome', 0, m.tax_free)) as x(account, debit, credit)
        where ${partnerIs(sql`i.partner_id`, partnerId)} and i.issue_date between ${from}::date and ${to}::date
        union all
        select ${seoulDay(sql`p.attempted_at`)}, 'PAY-' || p.id, 'payment', i.customer_id, i.number || ' ' || coalesce(p.gateway_ref, ''), p.id, x.*
        from payments p join invoices i on i.id = p.invoice_id
        cross join lateral (values ${line("bank", "debit", "p.amount::bigint")}, ${line("receivable", "credit", "p.amount::bigint")})
          as x(account, debit, credit)
        where ${partnerIs(sql`p.partner_id`, partnerId)} and p.status = 'succeeded' and ${inPeriod("p.attempted_at")}
        union all
        select ${seoulDay(sql`r.created_at`)}, 'RF-' || r.id, 'refund', i.customer_id, i.number || ' ' || r.reason, r.id, x.*
        from refunds r join payments p on p.id = r.payment_id join invoices i on i.id = p.invoice_id
        cross join lateral (values ${line("receivable", "debit", "r.amount::bigint")}, ${line("bank", "credit", "r.amount::bigint")})
          as x(account, debit, credit)
        where ${partnerIs(sql`r.partner_id`, partnerId)} and r.status = 'succeeded' and ${inPeriod("r.created_at")}
        union all
        select ${seoulDay(sql`cn.created_at`)}, 'CN-' || cn.id, 'credit_note', i.customer_id, i.number || ' ' || cn.reason, cn.id, x.*
        from credit_notes cn join invoices i on i.id = cn.invoice_id ${taxFreeOf("i.id")}
        cross join lateral (values ${reversalLines("cn.amount::bigint", "i.total", "m.tax_free")}) as x(account, debit, credit)
        where ${partnerIs(sql`cn.partner_id`, partnerId)} and ${inPeriod("cn.created_at")}
        union all
        select k.ended_on, 'CX-' || i.number, 'cancellation', i.customer_id, k.number || ' ' || coalesce(k.end_reason, ''), i.id, x.*
        from contracts k join invoices i on i.contract_id = k.id and i.status = 'void' ${taxFreeOf("i.id")}
        join lateral (select i.total - coalesce((select sum(amount) from credit_notes where invoice_id = i.id), 0) as amount) v on true
        cross join lateral (values ${reversalLines("v.amount::bigint", "i.total", "m.tax_free")}) as x(account, debit, credit)
        where ${partnerIs(sql`k.partner_id`, partnerId)} and k.status = 'cancelled'
          and k.ended_on between ${from}::date and ${to}::date
      ) e
      join customers cu on cu.id = e.customer_id
      join partners pt on pt.id = ${partnerId}::int
      where (e.debit <> 0 or e.credit <> 0)
        and ${filter.source ? sql`e.source = ${filter.source}::text` : sql`true`}
      order by e.day, e.source, e.sort_id, e.voucher`;
  },
});
