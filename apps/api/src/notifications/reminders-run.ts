import { type PlanTerms, periodsDue } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { addDay } from "../clock.js";
import { type Db, rowsOf } from "../db/client.js";
import { type CustomerMessage, enqueueForCustomers } from "./outbox.js";

export interface RemindersSummary {
  upcomingCharge: number;
  contractEnding: number;
  cardExpiring: number;
}

/** How many days before an auto-pay charge the customer is told (issue 13 §3). */
export const UPCOMING_CHARGE_DAYS = 3;
/** How many days before a contract's end date the customer is told. */
export const CONTRACT_ENDING_DAYS = 30;

/** `YYYY-MM` of a date, and of the month after it. */
function monthOf(date: string): string {
  return date.slice(0, 7);
}
function nextMonthOf(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

interface Due {
  contract_id: number;
  email: string | null;
  phone: string | null;
  preferred_channel: string | null;
  consent_marketing_at: Date | null;
  name: string;
  number: string;
  partner: string;
}

/**
 * The daily reminders job (issue 13 §3) for one partner and date, set-based, in one transaction:
 * - upcoming charge (D-3): active contracts with an active auto-pay method whose next charge falls
 *   on `date` + 3 — an open invoice due then, or the next period by the billing cursor (not yet
 *   invoiced, its amount the schedule's for that period);
 * - contract ending (D-30): active contracts whose end date is `date` + 30;
 * - card expiring (the month before): active contracts whose auto-pay card's last valid month
 *   is next month (or this one, when that reminder was missed), once per card and expiry month.
 * Each goes by the customer's channels. A message already queued for the same contract and the
 * same due/end date (or card and expiry month) is not queued again, so re-running a date queues
 * nothing new.
 */
export async function runReminders(input: {
  db: Db;
  date: string;
  now: () => Date;
  partnerId: number;
}): Promise<RemindersSummary> {
  const { db, date, partnerId } = input;
  const chargeOn = addDay(date, UPCOMING_CHARGE_DAYS);
  const endsOn = addDay(date, CONTRACT_ENDING_DAYS);
  return db.transaction(async (tx) => {
    // Two runs for one partner and date are kept apart by the job run's lock; runs for other
    // dates look at other due and end dates, so they never queue the same message.
    const candidates = rowsOf<
      Due & {
        invoiced: number | null;
        method: string;
        terms: PlanTerms;
        activated_on: string;
        billing_day: number;
        ended_on: string | null;
      }
    >(
      await tx.execute(sql`
        select c.id as contract_id, c.party->>'email' as email, c.party->>'phone' as phone,
               cu.preferred_channel, cu.consent_marketing_at, c.party->>'name' as name, c.number,
               p.name as partner, pm.display as method,
               c.terms, c.activated_on::text as activated_on, c.billing_day, c.ended_on::text as ended_on,
               (select sum(i.total)::int from invoices i
                 where i.contract_id = c.id and i.status = 'open' and i.due_date = ${chargeOn}::date) as invoiced
        from contracts c
        join partners p on p.id = c.partner_id
        join customers cu on cu.id = c.customer_id
        join lateral (
          select display from payment_methods
          where contract_id = c.id and status = 'active' order by id desc limit 1
        ) pm on true
        left join billing_cursors bc on bc.partner_id = c.partner_id and bc.contract_id = c.id
        where c.partner_id = ${partnerId} and c.status = 'active'
          and (
            exists (select 1 from invoices i
                    where i.contract_id = c.id and i.status = 'open' and i.due_date = ${chargeOn}::date)
            or (bc.next_period_on = ${chargeOn}::date and (c.ends_on is null or bc.next_period_on < c.ends_on))
          )
          and not exists (
            select 1 from notifications n
            where n.partner_id = c.partner_id and n.template = 'upcoming_charge'
              and n.entity = 'contracts' and n.entity_id = c.id and n.vars->>'dueDate' = ${chargeOn}
          )
        order by c.id`),
    );

    // The amount: the open invoice's, or the schedule's for the period the cursor starts next
    // (the first one with its registration fee, a promotion's discount, a fixed term's end).
    const charges = candidates.flatMap((r) => {
      if (r.invoiced !== null) return [{ ...r, amount: Number(r.invoiced) }];
      try {
        const [period] = periodsDue({
          terms: typeof r.terms === "string" ? (JSON.parse(r.terms) as PlanTerms) : r.terms,
          activatedOn: r.activated_on,
          billingDay: Number(r.billing_day),
          from: chargeOn,
          through: chargeOn,
          endedOn: r.ended_on,
        }).periods;
        return period && period.start === chargeOn && period.amount > 0
          ? [{ ...r, amount: period.amount }]
          : [];
      } catch {
        // No period of the contract starts then (a cursor left by an older schedule): no reminder.
        return [];
      }
    });

    const ending = rowsOf<Due & { product: string }>(
      await tx.execute(sql`
        select c.id as contract_id, c.party->>'email' as email, c.party->>'phone' as phone,
               cu.preferred_channel, cu.consent_marketing_at, c.party->>'name' as name, c.number,
               p.name as partner, c.product_name as product
        from contracts c
        join partners p on p.id = c.partner_id
        join customers cu on cu.id = c.customer_id
        where c.partner_id = ${partnerId} and c.status = 'active' and c.ends_on = ${endsOn}::date
          and not exists (
            select 1 from notifications n
            where n.partner_id = c.partner_id and n.template = 'contract_ending'
              and n.entity = 'contracts' and n.entity_id = c.id and n.vars->>'endDate' = ${endsOn}
          )
        order by c.id`),
    );

    // Unlike the others, every date of a month finds the same expiring cards: runs for two dates
    // of one partner wait for each other here, so the second sees what the first queued.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('reminders:card_expiring'), ${partnerId})`);
    const expiring = rowsOf<Due & { display: string; expiry: string }>(
      await tx.execute(sql`
        select c.id as contract_id, c.party->>'email' as email, c.party->>'phone' as phone,
               cu.preferred_channel, cu.consent_marketing_at, c.party->>'name' as name, c.number,
               p.name as partner, pm.display, pm.expiry
        from contracts c
        join partners p on p.id = c.partner_id
        join customers cu on cu.id = c.customer_id
        join lateral (
          select display, card_expiry,
                 left(card_expiry, 4) || '년 ' || ltrim(right(card_expiry, 2), '0') || '월' as expiry
          from payment_methods
          where contract_id = c.id and status = 'active' order by id desc limit 1
        ) pm on true
        where c.partner_id = ${partnerId} and c.status = 'active'
          and pm.card_expiry between ${monthOf(date)} and ${nextMonthOf(date)}
          and not exists (
            select 1 from notifications n
            where n.partner_id = c.partner_id and n.template = 'card_expiring'
              and n.entity = 'contracts' and n.entity_id = c.id
              and n.vars->>'display' = pm.display and n.vars->>'expiry' = pm.expiry
          )
        order by c.id`),
    );

    const base = (r: Due) => ({
      partnerId,
      recipient: {
        email: r.email,
        phone: r.phone,
        preferredChannel: r.preferred_channel,
        consentMarketingAt: r.consent_marketing_at,
      },
      entity: "contracts",
      entityId: r.contract_id,
      now: input.now(),
    });
    const messages: CustomerMessage[] = [
      ...charges.map((r) => ({
        ...base(r),
        template: "upcoming_charge" as const,
        vars: {
          partner: r.partner,
          customer: r.name,
          number: r.number,
          amount: Number(r.amount).toLocaleString("ko-KR"),
          dueDate: chargeOn,
          method: r.method,
        },
      })),
      ...ending.map((r) => ({
        ...base(r),
        template: "contract_ending" as const,
        vars: { partner: r.partner, customer: r.name, number: r.number, product: r.product, endDate: endsOn },
      })),
      ...expiring.map((r) => ({
        ...base(r),
        template: "card_expiring" as const,
        vars: {
          partner: r.partner,
          customer: r.name,
          number: r.number,
          display: r.display,
          expiry: r.expiry,
        },
      })),
    ];
    const channels = await enqueueForCustomers(tx, messages);
    const sent = (from: number, to: number) => channels.slice(from, to).filter((c) => c !== null).length;
    const endingFrom = charges.length;
    const expiringFrom = endingFrom + ending.length;
    return {
      upcomingCharge: sent(0, endingFrom),
      contractEnding: sent(endingFrom, expiringFrom),
      cardExpiring: sent(expiringFrom, channels.length),
    };
  });
}
