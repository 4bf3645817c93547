import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";
import { billingRegisterRows } from "../reports/billing-register.js";
import { agingByCustomer } from "../reports/receivables-aging.js";
import { unitEconomicsRows } from "../reports/unit-economics.js";

/**
 * One month's figures for the dashboard, each the total of the report that itemizes it for the
 * same period — unit economics (contracts, MRR, assets), the billing register (billed, and
 * collected within the month), receivables aging (at the month's last day) — plus the credit
 * decisions of the month. Sums are exact (bigint as text, converted by `won`).
 */
export interface MonthFigures {
  activeContracts: number;
  mrr: number;
  newContracts: number;
  endedContracts: number;
  /** Active at the end of the day before the month began: churn's denominator. */
  activeAtStart: number;
  billed: number;
  collected: number;
  aging: { notDue: number; "1-30": number; "31-60": number; "61-90": number; "90+": number };
  heldAssets: number;
  installedAssets: number;
  approvedChecks: number;
  decidedChecks: number;
}

/** A sum from PostgreSQL (int8 as text), as an exact number of won or refused. */
function won(value: unknown): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new Error(`not an exact sum: ${String(value)}`);
  return n;
}

async function one(tx: Db, query: SQL): Promise<Record<string, unknown>> {
  return rowsOf<Record<string, unknown>>(await tx.execute(query))[0] ?? {};
}

export async function monthFigures(
  tx: Db,
  input: { partnerId: number; from: string; to: string; today: string },
): Promise<MonthFigures> {
  const { partnerId, from, to, today } = input;
  const units = await one(
    tx,
    sql`select sum(active)::bigint as active, sum(mrr)::bigint as mrr, sum(started)::bigint as started,
               sum(ended)::bigint as ended, sum(active_before)::bigint as active_before,
               sum(held)::bigint as held, sum(installed)::bigint as installed
        from (${unitEconomicsRows({ partnerId, from, to, today })}) u`,
  );
  const billing = await one(
    tx,
    sql`select coalesce(sum(total), 0)::bigint as billed, coalesce(sum(collected), 0)::bigint as collected
        from (${billingRegisterRows({ partnerId, from, to, today, filter: {}, lang: "ko" })}) r`,
  );
  const aging = await one(
    tx,
    sql`select coalesce(sum(not_due), 0)::bigint as not_due, coalesce(sum(d1_30), 0)::bigint as d1_30,
               coalesce(sum(d31_60), 0)::bigint as d31_60, coalesce(sum(d61_90), 0)::bigint as d61_90,
               coalesce(sum(d90_plus), 0)::bigint as d90_plus
        from (${agingByCustomer({ partnerId, asOf: to })}) a`,
  );
  // A check is decided when the policy approved or declined it, or staff decided a review; on
  // the Seoul day of that decision.
  const checks = await one(
    tx,
    sql`select count(*) filter (where coalesce(decision, outcome) = 'approved')::int as approved, count(*)::int as decided
        from credit_checks
        where partner_id = ${partnerId}::int and coalesce(decision, nullif(outcome, 'review')) is not null
          and (coalesce(decided_at, requested_at) at time zone 'Asia/Seoul')::date between ${from}::date and ${to}::date`,
  );
  return {
    activeContracts: won(units.active),
    mrr: won(units.mrr),
    newContracts: won(units.started),
    endedContracts: won(units.ended),
    activeAtStart: won(units.active_before),
    billed: won(billing.billed),
    collected: won(billing.collected),
    aging: {
      notDue: won(aging.not_due),
      "1-30": won(aging.d1_30),
      "31-60": won(aging.d31_60),
      "61-90": won(aging.d61_90),
      "90+": won(aging.d90_plus),
    },
    heldAssets: won(units.held),
    installedAssets: won(units.installed),
    approvedChecks: won(checks.approved),
    decidedChecks: won(checks.decided),
  };
}
