import { accruedLateInterest, line, rateBp } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";
import { lateInterestCharges } from "../db/schema/index.js";
import { partnerSettings } from "../partners/partner-settings.js";
import type { InvoiceRow } from "./invoice-ledger.js";

/** Periods that earn late interest: rent invoices, not exit invoices (their own settlement). */
const ACCRUING_KINDS = new Set(["stub", "full"]);

/** The partner's late-interest rate in basis points, or null when it does not charge interest. */
export async function lateInterestRateBp(tx: Db, partnerId: number): Promise<number | null> {
  const { lateInterest } = await partnerSettings(tx, partnerId);
  return lateInterest.enabled ? rateBp(lateInterest.annualRatePercent) : null;
}

/** Money that lowered the invoice's balance, by the Seoul day it arrived. */
async function reductionsOf(tx: Db, invoiceId: number): Promise<{ on: string; amount: number }[]> {
  return rowsOf<{ on: string; amount: number }>(
    await tx.execute(sql`
      select (attempted_at at time zone 'Asia/Seoul')::date::text as "on", amount from payments
      where invoice_id = ${invoiceId} and status = 'succeeded'
      union all
      select (created_at at time zone 'Asia/Seoul')::date::text, amount from credit_notes where invoice_id = ${invoiceId}`),
  );
}

/** What an open invoice has earned in interest up to `date`, on what it still owes day by day. */
export async function interestOwedOn(tx: Db, invoice: InvoiceRow, date: string, bp: number): Promise<number> {
  if (!ACCRUING_KINDS.has(invoice.periodKind) || date <= invoice.dueDate) return 0;
  return accruedLateInterest({
    amountDue: invoice.total,
    dueDate: invoice.dueDate,
    until: date,
    reductions: await reductionsOf(tx, invoice.id),
    annualRateBp: bp,
  });
}

/**
 * Records the interest an invoice earned between its due date and the day it was paid, when the
 * partner charges late interest. The contract's next invoice carries it as a line
 * ({@link chargeLateInterest}). One row per invoice: a second settlement, or an invoice whose
 * interest an exit invoice already took, records nothing more.
 */
export async function recordLateInterest(tx: Db, invoice: InvoiceRow, settledOn: string): Promise<void> {
  if (!ACCRUING_KINDS.has(invoice.periodKind) || settledOn <= invoice.dueDate) return;
  const bp = await lateInterestRateBp(tx, invoice.partnerId);
  if (bp === null) return;
  const reductions = await reductionsOf(tx, invoice.id);
  // The day the balance was paid off: the latest money in (ISO dates sort as text).
  const paidOn = [invoice.dueDate, ...reductions.map((r) => r.on)].sort().at(-1)!;
  const amount = accruedLateInterest({
    amountDue: invoice.total,
    dueDate: invoice.dueDate,
    until: paidOn,
    reductions,
    annualRateBp: bp,
  });
  if (amount <= 0) return;
  await tx
    .insert(lateInterestCharges)
    .values({
      partnerId: invoice.partnerId,
      contractId: invoice.contractId,
      invoiceId: invoice.id,
      fromDate: invoice.dueDate,
      toDate: paidOn,
      annualRateBp: bp,
      amount,
    })
    .onConflictDoNothing();
}

interface PendingCharge {
  id: number;
  contract_id: number;
  partner_id: number;
  amount: number;
  from_date: string;
  to_date: string;
  annual_rate_bp: number;
  late_number: string;
}

/**
 * Adds, to invoices just issued, one `late_interest` line per uncharged interest record of their
 * contract, raises the invoices' totals by it, and marks the records charged — inside the
 * issuing transaction, so nobody ever sees the invoice without its lines. When nothing is
 * pending it costs one probe of the (small) partial index of uncharged records. Returns what it
 * added to each invoice's total.
 */
export async function chargeLateInterest(
  tx: Db,
  issued: readonly { id: number; contract_id: number }[],
): Promise<Map<number, number>> {
  const added = new Map<number, number>();
  if (issued.length === 0) return added;
  const target = new Map(issued.map((i) => [i.contract_id, i.id]));
  const pending = rowsOf<PendingCharge>(
    await tx.execute(sql`
      select c.id, c.contract_id, c.partner_id, c.amount, c.from_date::text, c.to_date::text, c.annual_rate_bp,
             late.number as late_number
      from late_interest_charges c join invoices late on late.id = c.invoice_id
      where c.charged_invoice_id is null and c.contract_id = any(${sql.raw(`array[${[...target.keys()].join(",")}]`)}::int[])
      order by c.id
      for update of c`),
  );
  if (pending.length === 0) return added;
  const targets = [...new Set(pending.map((p) => target.get(p.contract_id)!))];
  const nextPosition = new Map(
    rowsOf<{ invoice_id: number; n: number }>(
      await tx.execute(sql`
        select invoice_id, count(*)::int as n from invoice_lines
        where invoice_id = any(${sql.raw(`array[${targets.join(",")}]`)}::int[]) group by invoice_id`),
    ).map((r) => [r.invoice_id, r.n]),
  );
  const lines = pending.map((p) => {
    const invoiceId = target.get(p.contract_id)!;
    const position = nextPosition.get(invoiceId) ?? 0;
    nextPosition.set(invoiceId, position + 1);
    return {
      i: invoiceId,
      p: p.partner_id,
      position,
      ...line(
        "late_interest",
        `연체이자 ${p.late_number} (${p.from_date} ~ ${p.to_date}, 연 ${p.annual_rate_bp / 100}%)`,
        p.amount,
      ),
    };
  });
  const linesJson = JSON.stringify(lines);
  await tx.execute(sql`
    insert into invoice_lines (invoice_id, partner_id, position, kind, description, supply, vat, amount)
    select x.i, x.p, x.position, x.kind, x.description, x.supply, x.vat, x.amount
    from json_to_recordset(${linesJson}::json)
      as x(i int, p int, position int, kind text, description text, supply int, vat int, amount int)`);
  await tx.execute(sql`
    update invoices i set supply = i.supply + s.supply, vat = i.vat + s.vat, total = i.total + s.amount
    from (select x.i, sum(x.supply)::int as supply, sum(x.vat)::int as vat, sum(x.amount)::int as amount
          from json_to_recordset(${linesJson}::json) as x(i int, supply int, vat int, amount int)
          group by x.i) s
    where i.id = s.i`);
  const charged = pending.map((p) => ({ id: p.id, target: target.get(p.contract_id)! }));
  await tx.execute(sql`
    update late_interest_charges c set charged_invoice_id = x.target
    from json_to_recordset(${JSON.stringify(charged)}::json) as x(id int, target int)
    where c.id = x.id`);
  for (const l of lines) added.set(l.i, (added.get(l.i) ?? 0) + l.amount);
  return added;
}
