import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { PaymentGateway } from "../adapters/payments/payment-gateway.js";
import { issueCreditNote } from "../billing/invoice-actions.js";
import { invoiceBalance } from "../billing/invoice-ledger.js";
import { addDay } from "../clock.js";
import { countOf, type Db, rowsOf } from "../db/client.js";
import { invoices, serviceVisits } from "../db/schema/index.js";
import { type CustomerMessage, enqueueForCustomers } from "../notifications/outbox.js";
import { partnerSettings } from "../partners/partner-settings.js";
import { assignByRegion } from "./assign-by-region.js";

export interface ServiceVisitsSummary {
  scheduled: number;
  assigned: number;
  missed: number;
  credited: number;
  reminded: number;
}

/** How far ahead the job gives scheduled visits to technicians. */
export const ASSIGN_AHEAD_DAYS = 14;
/** Scheduling this many visits in one run refreshes the table's statistics before the next steps. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * The daily service-visit job (issue 12 §1) for one partner and date, in set-based statements:
 * 1. keeps the next visit scheduled for every active contract whose plan has
 *    `serviceIntervalMonths`: a contract with no regular visit due on or after `date` gets the
 *    first due date (counted from activation) on or after it, one row per (contract, due date),
 *    so re-running the same date creates nothing;
 * 2. gives the unassigned visits of the next two weeks to the partner's technicians: to those
 *    whose service regions cover the address where there are any (assign-by-region.ts), else
 *    the least loaded of each day first (deliveries and visits they already have);
 * 3. flags open visits past the partner's grace period as missed and, where the partner enables
 *    it, credits the customer through the billing code's credit notes (each visit once);
 * 4. queues the day-before reminder to each customer visited tomorrow (once per visit date).
 */
export async function runServiceVisits(input: {
  db: Db;
  date: string;
  now: () => Date;
  partnerId: number;
  gateway: PaymentGateway;
  jobRunId?: number;
}): Promise<ServiceVisitsSummary> {
  const { db, date, partnerId } = input;
  const settings = (await partnerSettings(db, partnerId)).visits;
  // Raw statements take the instant as text: postgres.js does not bind a Date there.
  const stamp = input.now().toISOString();

  // Which contracts need a visit: those with none of the plan's visits due on or after `date` (so
  // a re-run of the date, or the next day's run, finds only the few whose visit has just passed;
  // an extra visit staff booked does not count). Both sides are read from indexes alone, in
  // contract order (contracts_visit_schedule_idx carries what the rest of the statement needs),
  // so "nothing to do" costs two index scans, not a pass over the contracts' rows.
  // Their next due date in closed form: with m calendar months from activation to `date`, due
  // date k (activation + k intervals) is before `date` while k·iv < m and after it once k·iv > m;
  // so the first one on or after `date` is the k0th = ⌈m / iv⌉ (at least the first) or, when that
  // lands in `date`'s month before its day, the next. (`offset 0` keeps it one subquery, worked
  // out once per contract rather than in every place the planner would copy it to.)
  // `order by` on the computed date puts a sort between the reads and the writes: every candidate
  // is checked against the visits that existed before the statement, whatever join the planner
  // picks (on a table the planner believes empty, a nested loop that re-scans the heap it is
  // filling made the first run over 200,000 contracts take minutes).
  const scheduled = await db.execute(sql`
    insert into service_visits (partner_id, contract_id, asset_id, customer_id, due_on, scheduled_on, created_at, updated_at)
    select c.partner_id, c.id, c.asset_id, c.customer_id, n.due, n.due, ${stamp}::timestamptz, ${stamp}::timestamptz
    from contracts c
    cross join lateral (
      select case
        when (c.activated_on + make_interval(months => k.k0 * c.service_interval_months))::date >= ${date}::date
          then (c.activated_on + make_interval(months => k.k0 * c.service_interval_months))::date
        else (c.activated_on + make_interval(months => (k.k0 + 1) * c.service_interval_months))::date
      end as due
      from (
        select greatest(1, (i.m + c.service_interval_months - 1) / nullif(c.service_interval_months, 0)) as k0
        from (
          select ((date_part('year', ${date}::date) - date_part('year', c.activated_on)) * 12
                  + date_part('month', ${date}::date) - date_part('month', c.activated_on))::int as m
        ) i
      ) k
      offset 0
    ) n
    where c.partner_id = ${partnerId} and c.status = 'active' and c.service_interval_months > 0
      and c.activated_on is not null
      and not exists (
        select 1 from service_visits v
        where v.contract_id = c.id and v.kind = 'regular' and not v.booked_by_staff and v.due_on >= ${date}::date
      )
      and (c.ends_on is null or n.due <= c.ends_on)
    order by n.due, c.id
    on conflict (contract_id, due_on) where kind = 'regular' do nothing`);
  // A first run (a new partner, a bulk of new contracts) can add more visits than the table held:
  // the statements below are planned on fresh statistics, not on autovacuum's a minute later
  // (believing the table nearly empty, the planner picked nested loops over it that took minutes).
  if (countOf(scheduled) >= ANALYZE_AFTER_ROWS) await db.execute(sql`analyze service_visits`);

  const byRegion = await assignByRegion(db, {
    partnerId,
    from: date,
    to: addDay(date, ASSIGN_AHEAD_DAYS),
    stamp,
  });
  const assigned = await db.execute(sql`
    with techs as (
      select id from users where partner_id = ${partnerId} and role = 'technician' and active
    ),
    pending as (
      -- slot: the visit's turn among the day's technicians (null without any)
      select v.id, v.scheduled_on,
             (row_number() over (partition by v.scheduled_on order by v.id) - 1)
               % nullif((select count(*) from techs), 0) as slot
      from service_visits v
      where v.partner_id = ${partnerId} and v.status = 'scheduled' and v.technician_id is null
        and v.scheduled_on between ${date}::date and ${addDay(date, ASSIGN_AHEAD_DAYS)}::date
    ),
    days as (select distinct scheduled_on from pending),
    load as (
      select d.scheduled_on, t.id as tech,
        (select count(*) from deliveries x
          where x.technician_id = t.id and x.scheduled_on = d.scheduled_on and x.status = 'scheduled')
        + (select count(*) from service_visits y
          where y.technician_id = t.id and y.scheduled_on = d.scheduled_on and y.status = 'assigned') as n
      from days d cross join techs t
    ),
    -- each day's technicians, least loaded first: one row per day, so that every visit joins
    -- exactly one (joining a row per technician and filtering on the slot compared every visit
    -- of a day with every technician: minutes at 1,000 technicians)
    ranked as (
      select scheduled_on, array_agg(tech order by n, tech) as techs
      from load group by scheduled_on
    )
    update service_visits v
    set technician_id = ranked.techs[pending.slot + 1], status = 'assigned', updated_at = ${stamp}::timestamptz
    from pending join ranked on ranked.scheduled_on = pending.scheduled_on
    where v.id = pending.id and v.status = 'scheduled' and pending.slot is not null`);

  const missedRows = rowsOf<{ id: number; contract_id: number }>(
    await db.execute(sql`
      update service_visits set missed_on = ${date}::date, updated_at = ${stamp}::timestamptz
      where partner_id = ${partnerId} and status in ('scheduled', 'assigned') and missed_on is null
        and scheduled_on < ${addDay(date, -settings.graceDays)}::date
      returning id, contract_id`),
  );

  let credited = 0;
  if (settings.creditMissed && settings.creditAmount > 0) {
    const toCredit = await db
      .select({
        id: serviceVisits.id,
        contractId: serviceVisits.contractId,
        scheduledOn: serviceVisits.scheduledOn,
      })
      .from(serviceVisits)
      .where(
        and(
          eq(serviceVisits.partnerId, partnerId),
          sql`${serviceVisits.missedOn} is not null and ${serviceVisits.creditNoteId} is null`,
          sql`${serviceVisits.status} in ('scheduled', 'assigned')`,
          // The plan's visits are what the customer pays for; a repair's delay is the ticket's SLA.
          eq(serviceVisits.kind, "regular"),
        ),
      );
    for (const visit of toCredit) {
      if (await creditMissedVisit({ ...input, visit, amount: settings.creditAmount })) credited++;
    }
  }

  const reminded = await remindTomorrow(db, { partnerId, date, now: input.now() });
  return {
    scheduled: countOf(scheduled),
    assigned: byRegion + countOf(assigned),
    missed: missedRows.length,
    credited,
    reminded,
  };
}

/**
 * Credits one missed visit through the billing code's credit notes, in its own transaction:
 * on the contract's oldest open invoice (so the next charge asks for less), else on its latest
 * invoice (refunded through the gateway when paid). Locked and re-read first, so a visit is
 * credited once however many runs race. A contract with nothing invoiced yet waits for a later run.
 */
async function creditMissedVisit(input: {
  db: Db;
  now: () => Date;
  date: string;
  gateway: PaymentGateway;
  jobRunId?: number;
  visit: { id: number; contractId: number; scheduledOn: string };
  amount: number;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    const [visit] = await tx
      .select()
      .from(serviceVisits)
      .where(eq(serviceVisits.id, input.visit.id))
      .for("update");
    if (!visit || visit.creditNoteId !== null || visit.missedOn === null) return false;
    const candidates = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.contractId, visit.contractId), inArray(invoices.status, ["open", "paid"])))
      .orderBy(
        sql`case when ${invoices.status} = 'open' then 0 else 1 end`,
        sql`case when ${invoices.status} = 'open' then ${invoices.periodStart} end asc`,
        desc(invoices.periodStart),
      );
    for (const invoice of candidates) {
      const { credited } = await invoiceBalance(tx, invoice);
      const amount = Math.min(input.amount, invoice.total - credited);
      if (amount <= 0) continue;
      const note = await issueCreditNote(
        {
          tx,
          actor: null,
          by: { kind: "system", jobRunId: input.jobRunId ?? null },
          scope: { kind: "partner", partnerId: visit.partnerId },
          clock: { now: input.now, today: () => input.date },
          adapters: { paymentGateway: input.gateway },
          ip: undefined,
        },
        {
          invoiceId: invoice.id,
          amount,
          reason: `방문 누락 보상 (${visit.scheduledOn} 예정 방문)`,
        },
      );
      await tx
        .update(serviceVisits)
        .set({ creditNoteId: note.id, updatedAt: input.now() })
        .where(eq(serviceVisits.id, visit.id));
      return true;
    }
    return false;
  });
}

/** The day-before reminder (SPEC §3 Notifications: service visit reminder), once per visit date. */
async function remindTomorrow(
  db: Db,
  input: { partnerId: number; date: string; now: Date },
): Promise<number> {
  const tomorrow = addDay(input.date, 1);
  return db.transaction(async (tx) => {
    const due = rowsOf<{
      id: number;
      contract_id: number;
      scheduled_on: string;
      email: string | null;
      phone: string | null;
      preferred_channel: string | null;
      consent_marketing_at: Date | null;
      name: string;
      number: string;
      partner: string;
      product: string;
      technician: string | null;
    }>(
      await tx.execute(sql`
        update service_visits v set reminded_on = ${input.date}::date, updated_at = ${input.now.toISOString()}::timestamptz
        from contracts c join partners p on p.id = c.partner_id join customers cu on cu.id = c.customer_id
        where c.id = v.contract_id and v.partner_id = ${input.partnerId} and v.scheduled_on = ${tomorrow}::date
          and v.status in ('scheduled', 'assigned') and v.reminded_on is null
        returning v.id, v.contract_id, v.scheduled_on::text, c.party->>'email' as email, c.party->>'phone' as phone,
          cu.preferred_channel, cu.consent_marketing_at, c.party->>'name' as name,
          c.number, p.name as partner, c.product_name as product,
          (select u.name from users u where u.id = v.technician_id) as technician`),
    );
    // By the customer's channels (alimtalk with SMS fallback, or e-mail), as every notice goes.
    const messages: CustomerMessage[] = due.map((r) => ({
      partnerId: input.partnerId,
      recipient: {
        email: r.email,
        phone: r.phone,
        preferredChannel: r.preferred_channel,
        consentMarketingAt: r.consent_marketing_at,
      },
      template: "service_visit_reminder",
      entity: "service-visits",
      entityId: r.id,
      vars: {
        partner: r.partner,
        customer: r.name,
        number: r.number,
        product: r.product,
        date: r.scheduled_on,
        technician: r.technician ?? "",
      },
    }));
    const channels = await enqueueForCustomers(tx, messages);
    return channels.filter((c) => c !== null).length;
  });
}
