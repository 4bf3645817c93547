import { type PlanTerms, periodStartingOn, type SchedulePeriod } from "@ssp/domain";
import { sql } from "drizzle-orm";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { type Db, rowsOf } from "../db/client.js";
import { collectIssuedInvoices } from "./collect-payments.js";
import { chargeLateInterest } from "./late-interest-charges.js";

export interface DueContract {
  id: number;
  plan_version_id: number;
  partner_id: number;
  customer_id: number;
  /** The frozen terms as JSON text: parsed only for the first contract of its kind in a run. */
  terms: string;
  activated_on: string;
  billing_day: number;
  /** The contract's newest active auto-pay method. */
  token: string | null;
  gateway: string | null;
}

export interface BatchResult {
  lastId: number | null;
  issued: number;
  skipped: number;
  amount: number;
  charged: number;
  failed: number;
}

/** The contract's newest active auto-pay method (a lateral join on contracts `c`). */
const ACTIVE_METHOD = sql`left join lateral (
    select token, gateway from payment_methods
    where contract_id = c.id and status = 'active' order by id desc limit 1
  ) pm on true`;

export interface IssuedInvoice {
  id: number;
  contract_id: number;
  partner_id: number;
  number: string;
  period_kind: string;
  period_start: string;
  total: number;
  status: string;
}

/**
 * Issues, for one batch of contracts after `afterId`, the invoices whose period starts on `date`,
 * and (unless `collect` is omitted, as in a dry run) makes their first collection attempt in the
 * same transaction. The domain decides each period and its lines; the rows go in with a few
 * set-based statements. `ON CONFLICT DO NOTHING` on (contract, period start) makes a repeated or
 * concurrent run issue nothing twice — a concurrent insert of the same invoice waits for this
 * transaction and then does nothing, so it never charges what it did not issue; contracts already
 * invoiced for the date are not even loaded, so a re-run is cheap. Returns how many it issued,
 * skipped (lost a race to a concurrent run), charged and failed to charge.
 */
export async function issueInvoiceBatch(input: {
  db: Db;
  date: string;
  runId: number;
  partnerId?: number;
  pass: "activations" | "billing_day";
  afterId: number;
  /** The last contract id this worker owns (runs split the id range between workers). */
  uptoId?: number;
  batchSize: number;
  dryRun: boolean;
  /** Periods already worked out in this run, by plan version, activation date and billing day. */
  periods?: Map<string, SchedulePeriod | null>;
  /** Charge attempt 1 of what this batch issues, through this gateway, at this time. */
  collect?: { gateway: PaymentGateway; now: Date };
}): Promise<BatchResult> {
  const { db, date } = input;
  const day = Number(date.slice(8, 10));
  const partner = input.partnerId ? sql`and c.partner_id = ${input.partnerId}` : sql``;
  const t0 = performance.now();
  // The invoices table grows by thousands of rows per batch during a run, faster than its
  // statistics. Written as NOT EXISTS, "not yet invoiced" became an anti-join whose plan followed
  // those stale statistics (a hash over the whole table, or a nested loop over a materialized
  // scan of the day's invoices: quadratic, 330 s for 100,000 contracts). A scalar sub-select with
  // LIMIT 1 is never pulled up into a join, so it stays one index probe per contract on
  // invoices_contract_period_key, whatever the statistics say.
  // Those per-row sub-selects make the planner's cost for a batch look huge, which switches on
  // JIT compilation: ~150 ms of compiling for a query that runs in a few ms. Not for this work.
  // And the planner guesses how many contracts the sub-select lets through; at the start of a run
  // (an empty-looking invoices table) it guessed a few thousand of a million and chose to scan and
  // sort them all (6.5 s) instead of walking the billing-day index until the batch is full
  // (50 ms). The walk is always the right plan for a batch: sequential scans are off for it.
  await db.execute(sql`select set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)`);
  // Two index-friendly passes: the day's activations (first invoices), then every contract whose
  // billing day it is (full periods), walked in id order.
  const due = rowsOf<DueContract>(
    await db.execute(
      input.pass === "activations"
        ? sql`
      select c.id, c.plan_version_id, c.partner_id, c.customer_id, c.terms::text as terms, c.activated_on::text as activated_on, c.billing_day,
             pm.token, pm.gateway
      from contracts c ${ACTIVE_METHOD}
      where c.activated_on = ${date}::date and c.status in ('active', 'suspended') and c.id > ${input.afterId} ${partner}
        and (select 1 from invoices i where i.contract_id = c.id and i.period_start = ${date}::date and i.period_kind in ('stub', 'full') limit 1) is null
      order by c.activated_on, c.id
      limit ${input.batchSize}`
        : sql`
      select c.id, c.plan_version_id, c.partner_id, c.customer_id, c.terms::text as terms, c.activated_on::text as activated_on, c.billing_day,
             pm.token, pm.gateway
      from contracts c ${ACTIVE_METHOD}
      where c.billing_day = ${day} and c.status in ('active', 'suspended')
        and c.id > ${input.afterId} and c.id <= ${input.uptoId ?? 2_147_483_647} ${partner}
        and c.activated_on < ${date}::date and (c.ends_on is null or c.ends_on >= ${date}::date)
        and (select 1 from invoices i where i.contract_id = c.id and i.period_start = ${date}::date and i.period_kind in ('stub', 'full') limit 1) is null
      order by c.billing_day, c.id
      limit ${input.batchSize}`,
    ),
  );
  if (due.length === 0) return { lastId: null, issued: 0, skipped: 0, amount: 0, charged: 0, failed: 0 };

  const t1 = performance.now();
  const invoiceRows: unknown[] = [];
  const linesByContract = new Map<
    number,
    { position: number; kind: string; description: string; supply: number; vat: number; amount: number }[]
  >();
  let amount = 0;
  for (const c of due) {
    // Contracts frozen from the same plan version, activated the same day on the same billing day
    // have the same period: work it out once per run, not once per contract.
    const key = `${c.plan_version_id}|${c.activated_on}|${c.billing_day}`;
    let period = input.periods?.get(key);
    if (period === undefined) {
      const terms = JSON.parse(c.terms) as PlanTerms;
      period = periodStartingOn({ terms, activatedOn: c.activated_on, billingDay: c.billing_day, date });
      input.periods?.set(key, period);
    }
    if (!period) continue;
    const supply = period.lines.reduce((s, l) => s + l.supply, 0);
    const vat = period.lines.reduce((s, l) => s + l.vat, 0);
    amount += period.amount;
    invoiceRows.push({
      p: c.partner_id,
      c: c.id,
      cu: c.customer_id,
      k: period.kind,
      ix: period.index,
      ps: period.start,
      pe: period.end,
      s: supply,
      v: vat,
      t: period.amount,
      // Written as it will most likely end: paid when there is a method to charge (or nothing to
      // charge). The few that do not end so are set back before commit, so nobody ever sees it.
      st: input.collect && (c.token || period.amount === 0) ? "paid" : "open",
    });
    linesByContract.set(
      c.id,
      period.lines.map((l, position) => ({ position, ...l })),
    );
  }
  const lastId = due[due.length - 1]!.id;
  if (input.dryRun) {
    const existing = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from invoices where issue_date = ${date}::date and contract_id = any(${sql.raw(`array[${due.map((d) => d.id).join(",")}]`)}::int[])`,
      ),
    );
    const already = Number(existing[0]?.n ?? 0);
    return { lastId, issued: invoiceRows.length - already, skipped: already, amount, charged: 0, failed: 0 };
  }

  const t2 = performance.now();
  const paidAt = input.collect?.now.toISOString() ?? null;
  const inserted = rowsOf<IssuedInvoice>(
    await db.execute(sql`
      insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                            issue_date, due_date, supply, vat, total, billing_run_id, status, paid_at)
      select x.p, 'INV-' || to_char(${date}::date, 'YYYYMM') || '-' || lpad(nextval('invoice_number_seq')::text, 8, '0'),
             x.c, x.cu, x.k, x.ix, x.ps, x.pe, ${date}::date, ${date}::date, x.s, x.v, x.t, ${input.runId},
             x.st, case when x.st = 'paid' then ${paidAt}::timestamptz end
      from json_to_recordset(${JSON.stringify(invoiceRows)}::json)
        as x(p int, c int, cu int, k text, ix int, ps date, pe date, s int, v int, t int, st text)
      on conflict (contract_id, period_start, period_kind) do nothing
      returning id, contract_id, partner_id, number, period_kind, period_start::text as period_start, total, status`),
  );
  const lineRows = inserted.flatMap((inv) =>
    (linesByContract.get(inv.contract_id) ?? []).map((l) => ({ i: inv.id, p: inv.partner_id, ...l })),
  );
  if (lineRows.length > 0) {
    await db.execute(sql`
      insert into invoice_lines (invoice_id, partner_id, position, kind, description, supply, vat, amount)
      select x.i, x.p, x.position, x.kind, x.description, x.supply, x.vat, x.amount
      from json_to_recordset(${JSON.stringify(lineRows)}::json)
        as x(i int, p int, position int, kind text, description text, supply int, vat int, amount int)`);
  }
  // Late interest recorded on invoices paid late rides on the contract's next invoice.
  const interest = await chargeLateInterest(db, inserted);
  const t3 = performance.now();
  const collected = input.collect
    ? await collectIssuedInvoices({ tx: db, ...input.collect, issued: inserted, interest, methods: due })
    : { charged: 0, failed: 0 };
  if (process.env.SSP_BILLING_TRACE) {
    const t4 = performance.now();
    console.log(
      `    batch ${due.length}: select ${Math.round(t1 - t0)} ms, compute ${Math.round(t2 - t1)} ms, insert ${Math.round(t3 - t2)} ms, collect ${Math.round(t4 - t3)} ms`,
    );
  }
  return {
    lastId,
    issued: inserted.length,
    skipped: invoiceRows.length - inserted.length,
    amount,
    ...collected,
  };
}

/** Contracts due on `date` that already have their invoice (a re-run's "skipped"). */
export async function alreadyInvoiced(db: Db, date: string, partnerId?: number): Promise<number> {
  const partner = partnerId ? sql`and i.partner_id = ${partnerId}` : sql``;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from invoices i where i.period_start = ${date}::date and i.issue_date = ${date}::date ${partner}`,
    ),
  );
  return Number(row?.n ?? 0);
}
