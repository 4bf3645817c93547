import { type SQL, sql } from "drizzle-orm";

/**
 * Contract figures of SPEC §3 in SQL, mirrors of the domain's rules:
 * - active at the end of a day: activated by then and not ended by then (active or suspended
 *   on that day, whatever happened later);
 * - its monthly fee after promotion on that day (`monthlyFeeOn`): the fee less the discount
 *   (never below zero) in the first `discountMonths` full periods, the whole fee otherwise.
 */
export function activeOn(contract: string, day: SQL): SQL {
  const c = sql.raw(contract);
  return sql`(${c}.activated_on <= ${day} and (${c}.ended_on is null or ${c}.ended_on > ${day})
              and ${c}.status in ('active', 'suspended', 'completed', 'terminated', 'cancelled'))`;
}

export function feeOn(contract: string, day: SQL): SQL {
  const c = sql.raw(contract);
  const fee = sql`(${c}.terms->>'monthlyFee')::int`;
  const discount = sql`(${c}.terms->>'discountAmount')::int`;
  const months = sql`(${c}.terms->>'discountMonths')::int`;
  const monthStart = sql`make_date(extract(year from ${c}.activated_on)::int, extract(month from ${c}.activated_on)::int, ${c}.billing_day)`;
  const firstFull = sql`(case when extract(day from ${c}.activated_on)::int <= ${c}.billing_day then ${monthStart}
                              else (${monthStart} + interval '1 month')::date end)`;
  return sql`(case when ${months} > 0 and ${discount} > 0 and ${day} >= ${firstFull}
                    and ${day} < (${firstFull} + make_interval(months => ${months}))::date
                   then ${fee} - least(${discount}, ${fee}) else ${fee} end)`;
}
