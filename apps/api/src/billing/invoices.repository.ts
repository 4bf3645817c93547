import { type ComposedInvoice, type EarnedInterest, invoiceSplit, taxFreePartOf } from "@ssp/domain";
import { and, desc, eq, sql } from "drizzle-orm";
import { boolList, dateList, intList } from "../db/array-params.js";
import { type Db, rowsOf } from "../db/client.js";
import { executePrepared } from "../db/run-statement.js";
import { billingCursors, paymentMethods } from "../db/schema/index.js";
import { chargeRequest, type InvoiceIdentity } from "./charge-request.js";

/**
 * The invoice queries of billing, in one place: which contracts are due, the interest waiting to
 * be charged, and the set-based writes of a batch. Each takes the caller's transaction; the domain
 * decides what goes on an invoice, this only persists it.
 */

/** A contract with a period to invoice by the run's date, as a batch loads it. */
export interface DueContract {
  id: number;
  partner_id: number;
  customer_id: number;
  /** The frozen terms as JSON text: parsed only for the first contract of its kind in a run. */
  terms: string;
  activated_on: string;
  billing_day: number;
  ended_on: string | null;
  /** The start of the first period not yet invoiced (the billing cursor). */
  next_period_on: string;
  /** The contract's newest active auto-pay method. */
  token: string | null;
  gateway: string | null;
}

/** The contract's newest active auto-pay method (a lateral join on contracts `c`). */
const ACTIVE_METHOD = sql`left join lateral (
    select token, gateway from payment_methods
    where contract_id = c.id and status = 'active' order by id desc limit 1
  ) pm on true`;

/**
 * The batch's plans. Its select walks the cursor table's primary key (partner, contract) in order
 * up to the limit, then looks each contract and its method up by key: left to the statistics of
 * tables a run is busy rewriting, the planner chose a merge join that read every contract from the
 * first id on (quadratic over a run), or read the whole id range and sorted it — 95–350 ms a batch
 * of 5,000 against 35–60 ms (BENCHMARKS.md, session 9). Its writes go by key too: with a batch's
 * length known, the planner would rather hash a whole table (the cursors' update read all of them,
 * every batch) than look 5,000 rows up, so sequential scans stay off for the whole transaction
 * while joins and sorts come back for the writes. (JIT is off on every connection:
 * db/session-settings.ts.)
 */
const FIXED = ["enable_bitmapscan", "enable_sort", "enable_mergejoin", "enable_hashjoin"];
const settings = (names: readonly string[], value: "on" | "off") =>
  sql.raw(`select ${names.map((name) => `set_config('${name}', '${value}', true)`).join(", ")}`);
export const SELECT_PLAN = settings(["enable_seqscan", ...FIXED], "off");
const WRITES_PLAN = settings(FIXED, "on");

/**
 * One batch of contracts with a period started on or before `date` and not yet invoiced, after
 * `afterId` (and up to `uptoId`) in contract order, with their cursors locked (FOR UPDATE) when
 * `lock`: an overlapping run (another date, an installation) waits for this batch and then reads
 * where it left the cursor, so the two never work out the same periods. A dry run reads unlocked.
 */
export async function dueContracts(db: Db, input: DueBatch): Promise<DueContract[]> {
  await executePrepared(db, SELECT_PLAN);
  const rows = rowsOf<DueContract>(await executePrepared(db, dueContractsQuery(input)));
  await executePrepared(db, WRITES_PLAN);
  return rows.sort((a, b) => a.id - b.id);
}

export interface DueBatch {
  partnerId: number;
  date: string;
  afterId: number;
  uptoId: number;
  limit: number;
  lock: boolean;
  /** Only this contract (an installation issuing its first invoice at once). */
  contractId?: number;
}

/**
 * The batch's select (exported for the test that checks its plan): the cursors first, in key order
 * up to the limit (and locked), then each one's contract and method by key.
 */
export function dueContractsQuery(input: DueBatch) {
  const only = input.contractId === undefined ? sql`` : sql`and bc.contract_id = ${input.contractId}`;
  return sql`
      with due as materialized (
        select bc.contract_id, bc.next_period_on from billing_cursors bc
        where bc.partner_id = ${input.partnerId} and bc.contract_id > ${input.afterId} and bc.contract_id <= ${input.uptoId}
          and bc.next_period_on <= ${input.date}::date ${only}
        order by bc.partner_id, bc.contract_id
        limit ${input.limit}
        ${input.lock ? sql`for update of bc` : sql``}
      )
      select c.id, c.partner_id, c.customer_id, c.terms::text as terms,
             c.activated_on::text as activated_on, c.billing_day, c.ended_on::text as ended_on,
             due.next_period_on::text as next_period_on, pm.token, pm.gateway
      from due join contracts c on c.id = due.contract_id
      ${ACTIVE_METHOD}`;
}

/** How many of a partner's contracts are due by `date`, and the contract ids they span (for workers). */
export async function dueSpan(
  db: Db,
  input: { partnerId: number; date: string },
): Promise<{ due: number; lo: number; hi: number }> {
  const [row] = rowsOf<{ due: number; lo: number | null; hi: number | null }>(
    await executePrepared(
      db,
      sql`
      select count(*)::int as due, min(contract_id)::int as lo, max(contract_id)::int as hi
      from billing_cursors where partner_id = ${input.partnerId} and next_period_on <= ${input.date}::date`,
    ),
  );
  return { due: row?.due ?? 0, lo: row?.lo ?? 0, hi: row?.hi ?? 0 };
}

/** Interest earned by late-paid invoices and not yet charged, by contract, locked for charging. */
export async function pendingInterest(
  db: Db,
  contractIds: readonly number[],
): Promise<Map<number, (EarnedInterest & { chargeId: number })[]>> {
  const byContract = new Map<number, (EarnedInterest & { chargeId: number })[]>();
  if (contractIds.length === 0) return byContract;
  const rows = rowsOf<{
    id: number;
    contract_id: number;
    amount: number;
    from_date: string;
    to_date: string;
    annual_rate_bp: number;
    late_number: string;
  }>(
    await executePrepared(
      db,
      sql`
      select c.id, c.contract_id, c.amount, c.from_date::text, c.to_date::text, c.annual_rate_bp,
             late.number as late_number
      from late_interest_charges c join invoices late on late.id = c.invoice_id
      where c.charged_invoice_id is null and c.contract_id = any(${intList(contractIds)}::int[])
      order by c.id
      for update of c`,
    ),
  );
  for (const r of rows) {
    const list = byContract.get(r.contract_id) ?? [];
    list.push({
      chargeId: r.id,
      lateInvoiceNumber: r.late_number,
      from: r.from_date,
      to: r.to_date,
      annualRateBp: r.annual_rate_bp,
      amount: r.amount,
    });
    byContract.set(r.contract_id, list);
  }
  return byContract;
}

/** An invoice to write: whose, which period, its composed content, and the status it is written with. */
export interface NewInvoice {
  partnerId: number;
  contractId: number;
  customerId: number;
  /** `relocation`: a relocation's fee, invoiced on its own when the reinstallation is done. */
  periodKind: "stub" | "full" | "exit" | "relocation";
  periodIndex: number;
  periodStart: string;
  periodEnd: string;
  /** Issued and due on this date (a caught-up period too: never overdue when issued). */
  date: string;
  content: ComposedInvoice;
  status: "open" | "paid";
  paidAt?: Date | null;
  billingRunId?: number | null;
  /** The interest records this invoice charges (its `late_interest` lines). */
  interestChargeIds?: readonly number[];
}

export interface IssuedInvoice {
  id: number;
  contract_id: number;
  partner_id: number;
  number: string;
  period_kind: string;
  period_start: string;
  total: number;
  tax_free: number;
  status: string;
}

/**
 * Writes invoices and their lines in two statements; one that already exists (same contract,
 * period kind and start) is skipped, and only those written come back — or, with `ifIssued:
 * "fail"`, refused by the unique identity with an error that rolls the caller's transaction back
 * (a plain insert: no speculative insertion, a WAL record less per invoice, for the billing run's
 * batches, whose locked cursors leave nothing to skip). The interest records an
 * invoice charges point at it from then on.
 *
 * A batch's invoices are mostly alike (a million contracts are a few dozen plans and periods), so
 * what they share — period, amounts, lines — goes once per kind, and each invoice is sent as a few
 * integers in arrays: a tenth of the bytes of one JSON object per invoice and per line, which both
 * Node (serialising, sending, collecting garbage) and PostgreSQL (parsing) paid per row.
 */
export async function insertInvoices(
  db: Db,
  invoices: readonly NewInvoice[],
  options: { ifIssued: "skip" | "fail" } = { ifIssued: "skip" },
): Promise<IssuedInvoice[]> {
  if (invoices.length === 0) return [];
  const { kinds, kindOf } = invoiceKinds(invoices);
  const inserted = rowsOf<
    Pick<IssuedInvoice, "id" | "contract_id" | "number" | "period_kind" | "period_start">
  >(
    await executePrepared(
      db,
      sql`
      with k as materialized (
        select *, 'INV-' || to_char(k.d, 'YYYYMM') || '-' as prefix
        from json_to_recordset(${JSON.stringify(kinds.map(({ lines: _, ...k }) => k))}::json)
          as k(q int, k text, ix int, ps date, pe date, d date, s int, v int, t int, r int, pa timestamptz,
               sr int, sf int, sp int, si int, tf int)
      )
      insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                            issue_date, due_date, supply, vat, total, billing_run_id, status, paid_at,
                            rent_amount, registration_fee_amount, penalty_amount, late_interest_amount, tax_free_amount)
      select x.p, k.prefix || lpad(nextval('invoice_number_seq')::text, 8, '0'),
             x.c, x.cu, k.k, k.ix, k.ps, k.pe, k.d, k.d, k.s, k.v, k.t, k.r,
             case when x.paid then 'paid' else 'open' end, case when x.paid then k.pa end,
             k.sr, k.sf, k.sp, k.si, k.tf
      from unnest(${intList(invoices.map((i) => i.partnerId))}::int[], ${intList(invoices.map((i) => i.contractId))}::int[],
                  ${intList(invoices.map((i) => i.customerId))}::int[], ${intList(kindOf)}::int[],
                  ${boolList(invoices.map((i) => i.status === "paid"))}::bool[]) as x(p, c, cu, q, paid)
        join k on k.q = x.q
      ${options.ifIssued === "skip" ? sql`on conflict (contract_id, period_start, period_kind) do nothing` : sql``}
      returning id, contract_id, number, period_kind, period_start::text as period_start`,
    ),
  );
  const sourceOf = sourceFinder(invoices);
  const written = inserted.map((row) => {
    const n = sourceOf(row);
    return { row, invoice: invoices[n]!, kind: kindOf[n]! };
  });
  if (written.length > 0) {
    const lines = kinds.flatMap((k) =>
      k.lines.map(({ text, ...l }, position) => ({ q: k.q, position, ...l, t: text })),
    );
    await executePrepared(
      db,
      sql`
      insert into invoice_lines (invoice_id, partner_id, position, kind, description, description_text, supply, vat, amount)
      select x.i, x.p, l.position, l.kind, l.description, l.t, l.supply, l.vat, l.amount
      from unnest(${intList(written.map((w) => w.row.id))}::int[], ${intList(written.map((w) => w.invoice.partnerId))}::int[],
                  ${intList(written.map((w) => w.kind))}::int[]) as x(i, p, q)
        join json_to_recordset(${JSON.stringify(lines)}::json)
          as l(q int, position int, kind text, description text, t jsonb, supply int, vat int, amount int) on l.q = x.q`,
    );
  }
  const charged = written.flatMap(({ row, invoice }) =>
    (invoice.interestChargeIds ?? []).map((id) => ({ id, target: row.id })),
  );
  if (charged.length > 0) {
    await executePrepared(
      db,
      sql`
      update late_interest_charges c set charged_invoice_id = x.target
      from json_to_recordset(${JSON.stringify(charged)}::json) as x(id int, target int)
      where c.id = x.id`,
    );
  }
  return written.map(({ row, invoice }) => ({
    id: row.id,
    contract_id: row.contract_id,
    partner_id: invoice.partnerId,
    number: row.number,
    period_kind: row.period_kind,
    period_start: row.period_start,
    total: invoice.content.total,
    tax_free: invoice.content.taxFree,
    status: invoice.status,
  }));
}

/**
 * Finds the invoice a returned row was written from, by its identity (contract, period kind and
 * start): a contract's invoices are chained from its first one, so a lookup reads a number-keyed
 * map and a short chain instead of building a string key per invoice.
 */
function sourceFinder(invoices: readonly NewInvoice[]) {
  const first = new Map<number, number>();
  const next = new Int32Array(invoices.length).fill(-1);
  for (let n = invoices.length - 1; n >= 0; n--) {
    const contractId = invoices[n]!.contractId;
    const after = first.get(contractId);
    if (after !== undefined) next[n] = after;
    first.set(contractId, n);
  }
  return (row: { contract_id: number; period_kind: string; period_start: string }): number => {
    for (let n = first.get(row.contract_id) ?? -1; n >= 0; n = next[n]!) {
      const invoice = invoices[n]!;
      if (invoice.periodKind === row.period_kind && invoice.periodStart === row.period_start) return n;
    }
    throw new Error(`an inserted invoice of contract ${row.contract_id} matches none sent`);
  };
}

/** What invoices of one kind share: period, content and its register split, run and payment time. */
interface InvoiceKind {
  q: number;
  k: NewInvoice["periodKind"];
  ix: number;
  ps: string;
  pe: string;
  d: string;
  s: number;
  v: number;
  t: number;
  r: number | null;
  pa: string;
  sr: number;
  sf: number;
  sp: number;
  si: number;
  tf: number;
  lines: ComposedInvoice["lines"];
}

/**
 * The kinds of a batch's invoices, and each invoice's kind. Invoices are alike when they share
 * their composed content (the same object: issuing composes each period's content once) and every
 * other field but whose they are and their status.
 */
function invoiceKinds(invoices: readonly NewInvoice[]): { kinds: InvoiceKind[]; kindOf: number[] } {
  const kinds: InvoiceKind[] = [];
  const contentIds = new Map<ComposedInvoice, number>();
  const byKey = new Map<string, number>();
  const now = new Date();
  const kindOf = invoices.map((inv) => {
    let contentId = contentIds.get(inv.content);
    if (contentId === undefined) {
      contentId = contentIds.size;
      contentIds.set(inv.content, contentId);
    }
    const paidAt = inv.paidAt ?? now;
    const r = inv.billingRunId ?? null;
    const key = `${contentId}|${inv.periodKind}|${inv.periodIndex}|${inv.periodStart}|${inv.periodEnd}|${inv.date}|${r}|${paidAt.getTime()}`;
    let q = byKey.get(key);
    if (q === undefined) {
      q = kinds.length;
      byKey.set(key, q);
      const split = invoiceSplit(inv.content);
      kinds.push({
        q,
        k: inv.periodKind,
        ix: inv.periodIndex,
        ps: inv.periodStart,
        pe: inv.periodEnd,
        d: inv.date,
        s: inv.content.supply,
        v: inv.content.vat,
        t: inv.content.total,
        r,
        pa: paidAt.toISOString(),
        sr: split.rent,
        sf: split.registrationFee,
        sp: split.penalty,
        si: split.lateInterest,
        tf: split.taxFree,
        lines: inv.content.lines,
      });
    }
    return q;
  });
  return { kinds, kindOf };
}

/** Sets invoices to what their first collection really did (they were written as it most likely ends). */
export async function setInvoiceStatuses(
  db: Db,
  changes: readonly { id: number; status: "open" | "paid" }[],
  paidAt: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await executePrepared(
    db,
    sql`
    update invoices i set status = x.s, paid_at = case when x.s = 'paid' then ${paidAt.toISOString()}::timestamptz end
    from json_to_recordset(${JSON.stringify(changes.map((c) => ({ i: c.id, s: c.status })))}::json) as x(i int, s text)
    where i.id = x.i`,
  );
}

/** Moves each contract's cursor past what was issued; a contract with no periods left loses its cursor. */
export async function moveCursors(
  db: Db,
  moves: readonly { partnerId: number; contractId: number; next: string | null }[],
): Promise<void> {
  const ahead = moves.filter((m) => m.next !== null);
  const done = moves.filter((m) => m.next === null);
  if (ahead.length > 0) {
    await executePrepared(
      db,
      sql`
      update billing_cursors bc set next_period_on = x.n
      from unnest(${intList(ahead.map((m) => m.partnerId))}::int[], ${intList(ahead.map((m) => m.contractId))}::int[],
                  ${dateList(ahead.map((m) => m.next!))}::date[]) as x(p, c, n)
      where bc.partner_id = x.p and bc.contract_id = x.c`,
    );
  }
  if (done.length > 0) {
    await executePrepared(
      db,
      sql`
      delete from billing_cursors bc
      using unnest(${intList(done.map((m) => m.partnerId))}::int[], ${intList(done.map((m) => m.contractId))}::int[]) as x(p, c)
      where bc.partner_id = x.p and bc.contract_id = x.c`,
    );
  }
}

/** An activated contract starts billing from its activation date. */
export async function openCursor(db: Db, input: { partnerId: number; contractId: number; from: string }) {
  await db
    .insert(billingCursors)
    .values({ partnerId: input.partnerId, contractId: input.contractId, nextPeriodOn: input.from })
    .onConflictDoUpdate({
      target: [billingCursors.partnerId, billingCursors.contractId],
      set: { nextPeriodOn: input.from },
    });
}

/**
 * A cancelled contract bills nothing more: its cursor goes, locked first so that a billing batch
 * holding it finishes (and its invoices become visible to the cancellation) before it does.
 */
export async function closeCursor(db: Db, input: { partnerId: number; contractId: number }): Promise<void> {
  await db
    .delete(billingCursors)
    .where(
      and(eq(billingCursors.partnerId, input.partnerId), eq(billingCursors.contractId, input.contractId)),
    );
}

/** The cursor of a contract, if it still has periods to bill (end of term waits for them). */
export async function cursorOf(
  db: Db,
  input: { partnerId: number; contractId: number },
): Promise<string | null> {
  const [row] = await db
    .select({ next: billingCursors.nextPeriodOn })
    .from(billingCursors)
    .where(
      and(eq(billingCursors.partnerId, input.partnerId), eq(billingCursors.contractId, input.contractId)),
    );
  return row?.next ?? null;
}

/**
 * The newest active auto-pay method of the contract that belongs to the invoice's customer, if
 * any. After a name transfer (명의변경) the invoices issued before it stay the old holder's: the
 * new holder's card never pays them.
 */
export async function activeMethodOf(db: Db, invoice: { contractId: number; customerId: number }) {
  const [method] = await db
    .select()
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.contractId, invoice.contractId),
        eq(paymentMethods.customerId, invoice.customerId),
        eq(paymentMethods.status, "active"),
      ),
    )
    .orderBy(desc(paymentMethods.id))
    .limit(1);
  return method;
}

/** A later attempt on an invoice, for what it still owes, with the tax-free share of that named. */
export function balanceChargeRequest(input: {
  invoice: InvoiceIdentity & { total: number; taxFreeAmount: number };
  attempt: number;
  balance: number;
  token: string;
}) {
  const { invoice, balance } = input;
  return chargeRequest({
    invoice,
    attempt: input.attempt,
    amount: balance,
    taxFree: taxFreePartOf({ amount: balance, total: invoice.total, taxFree: invoice.taxFreeAmount }),
    token: input.token,
  });
}
