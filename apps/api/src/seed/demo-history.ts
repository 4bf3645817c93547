import { differenceInCalendarDays, format, parseISO, setDate, subMonths } from "date-fns";
import { sql } from "drizzle-orm";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { addDay, fixedClock } from "../clock.js";
import { type Db, rowsOf } from "../db/client.js";
import { type JobDeps, runDailyJob } from "../jobs/daily-jobs.js";
import { koreanAddress, koreanName, prng } from "./korean-names.js";

/**
 * How a group of demo contracts behaves over the simulated year. `activatedMonthsAgo` spreads
 * the group's activations; `declineFrom`/`declineTo` (days before today) is when its card is
 * refused, so dunning, suspension, formal demand and default termination happen as they would.
 */
interface Story {
  count: number;
  activatedMonthsAgo: readonly number[];
  declineFrom?: number;
  declineTo?: number;
}

const STORIES: readonly Story[] = [
  // Customers who pay every month.
  { count: 24, activatedMonthsAgo: [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1] },
  // Paid late: the card failed for a while, then the dunning retries went through.
  { count: 4, activatedMonthsAgo: [10, 8], declineFrom: 120, declineTo: 100 },
  { count: 2, activatedMonthsAgo: [6], declineFrom: 45, declineTo: 25 },
  // Suspended: not paying for the last two months.
  { count: 3, activatedMonthsAgo: [9, 7], declineFrom: 50 },
  // Defaulted: formal demand and termination for default.
  { count: 2, activatedMonthsAgo: [12], declineFrom: 200 },
  // Completed: the 36-month term ended during the year.
  { count: 2, activatedMonthsAgo: [41] },
];

/**
 * A year of realistic history for the demo partner (issue 15), made by the billing code itself:
 * contracts activated over the past months, then every day of the last year run through billing,
 * dunning and end of term with the clock set to that day — invoices and payments every month,
 * late payers, suspensions, a default and completed terms, so that every finance screen and
 * report has something true to show on first start. Only `npm start`'s demo seed runs it.
 */
export async function seedDemoHistory(
  deps: JobDeps,
  input: { partnerId: number; today: string },
): Promise<void> {
  const db = deps.database.db;
  const planVersionId = await mainPlanVersion(db, input.partnerId);
  const rand = prng(7);
  const declining: { ids: [number, number]; from: number; to?: number }[] = [];
  for (const story of STORIES) {
    const perActivation = Math.ceil(story.count / story.activatedMonthsAgo.length);
    for (const [i, months] of story.activatedMonthsAgo.entries()) {
      const count = Math.min(perActivation, story.count - i * perActivation);
      if (count <= 0) break;
      const activatedOn = monthsBefore(input.today, months, 3 + ((i * 7) % 20));
      const { firstContractId, lastContractId } = await seedActiveContracts(db, {
        partnerId: input.partnerId,
        planVersionId,
        count,
        activatedOn,
        billingDay: Number(activatedOn.slice(8, 10)),
      });
      if (story.declineFrom !== undefined)
        declining.push({
          ids: [firstContractId, lastContractId],
          from: story.declineFrom,
          to: story.declineTo,
        });
    }
  }
  await giveNames(db, input.partnerId, rand);

  const start = addDay(input.today, -365);
  // Before the simulated year: a monthly billing run catches up the oldest contracts' periods.
  for (let months = 42; months > 12; months--)
    await runDay(deps, monthsBefore(input.today, months, 28), input.partnerId, ["billing", "end-of-term"]);
  const billingDays = new Set(
    rowsOf<{ day: number }>(
      await db.execute(
        sql`select distinct billing_day as day from contracts where partner_id = ${input.partnerId}`,
      ),
    ).map((r) => r.day),
  );
  for (let date = start; date < input.today; date = addDay(date, 1)) {
    const daysAgo = daysBetween(date, input.today);
    for (const d of declining) {
      if (daysAgo === d.from) await setCards(db, d.ids, "decline");
      if (daysAgo === d.to) await setCards(db, d.ids, "pay");
    }
    // Only the runs that can do something that day: billing on a billing day, dunning while an
    // invoice is open, end of term once a week and on the last day (each is idempotent per date).
    const jobs: DayJob[] = [];
    if (billingDays.has(Number(date.slice(8, 10)))) jobs.push("billing");
    if (await hasOpenInvoices(db, input.partnerId)) jobs.push("dunning");
    if (daysAgo % 7 === 1) jobs.push("end-of-term");
    await runDay(deps, date, input.partnerId, jobs);
  }
}

type DayJob = "billing" | "dunning" | "end-of-term";

async function hasOpenInvoices(db: Db, partnerId: number): Promise<boolean> {
  const [row] = rowsOf<{ open: boolean }>(
    await db.execute(
      sql`select exists (select 1 from invoices where partner_id = ${partnerId} and status = 'open') as open`,
    ),
  );
  return Boolean(row?.open);
}

async function runDay(
  deps: JobDeps,
  date: string,
  partnerId: number,
  jobs: readonly DayJob[],
): Promise<void> {
  const day = { ...deps, clock: fixedClock(date) };
  for (const job of jobs) await runDailyJob(day, { job, date, trigger: "cron", partnerId });
}

/** The partner's first plan with a 36-month term: the everyday water-purifier rental. */
async function mainPlanVersion(db: Db, partnerId: number): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await db.execute(sql`
      select id from plan_versions where partner_id = ${partnerId} and term_months = 36 order by id limit 1`),
  );
  if (!row) throw new Error("the demo partner has no 36-month plan");
  return row.id;
}

/**
 * The bulk contracts' customers get realistic names and addresses, and the contracts numbers as
 * drafting gives them (the bulk seed numbers both for itself).
 */
async function giveNames(db: Db, partnerId: number, rand: () => number): Promise<void> {
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`select id from customers where partner_id = ${partnerId} and name like '청구고객%'`),
  ).map((r) => r.id);
  const people = ids.map((id) => {
    const name = koreanName(rand);
    const address = koreanAddress(rand);
    return { id, name, postcode: address.postcode, address: address.road, detail: address.detail };
  });
  await db.execute(sql`
    update customers c set name = x.name, postcode = x.postcode, address = x.address, address_detail = x.detail
    from json_to_recordset(${JSON.stringify(people)}::json)
      as x(id int, name text, postcode text, address text, detail text)
    where c.id = x.id`);
  await db.execute(sql`
    update contracts k set party = k.party || jsonb_build_object('name', c.name), install_postcode = c.postcode,
      install_address = c.address, install_address_detail = c.address_detail
    from customers c where c.id = k.customer_id and k.partner_id = ${partnerId} and k.number like 'BULK-%'`);
  // Contract numbers as drafting gives them (the bulk seed's are internal).
  await db.execute(sql`
    update contracts set number = 'SSP-' || to_char(activated_on, 'YYYY') || '-'
                                  || lpad(nextval('contract_number_seq')::text, 6, '0')
    where partner_id = ${partnerId} and number like 'BULK-%'`);
}

/** The sandbox gateway refuses every charge on a `sbx_decline_` token and accepts the others. */
async function setCards(db: Db, ids: [number, number], to: "decline" | "pay"): Promise<void> {
  const token = to === "decline" ? sql`'sbx_decline_' || contract_id` : sql`'sbx_bulk_' || contract_id`;
  await db.execute(
    sql`update payment_methods set token = ${token} where contract_id between ${ids[0]} and ${ids[1]}`,
  );
}

/** The `day` of the month `months` before today's month. */
function monthsBefore(today: string, months: number, day: number): string {
  return format(setDate(subMonths(parseISO(today), months), day), "yyyy-MM-dd");
}

function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}
