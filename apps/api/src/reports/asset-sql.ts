import { type SQL, sql } from "drizzle-orm";
import { seoulEnd } from "./report-sql.js";

/**
 * The domain's `bookValue` in SQL (straight line to zero over the useful life, by whole calendar
 * months since acquisition, rounded down): the same won for every asset and date, so that the
 * ledger and the API's book values agree (asset-sql.test.ts holds them side by side).
 */
export function bookValueOn(asset: string, asOf: SQL): SQL {
  const a = sql.raw(asset);
  const months = sql`((extract(year from ${asOf})::int * 12 + extract(month from ${asOf})::int)
    - (extract(year from ${a}.acquired_on)::int * 12 + extract(month from ${a}.acquired_on)::int))`;
  return sql`(case when ${months} <= 0 then ${a}.acquisition_cost
                   when ${months} >= ${a}.useful_life_months then 0
                   else ${a}.acquisition_cost - (${a}.acquisition_cost::bigint * ${months} / ${a}.useful_life_months)
              end)::bigint`;
}

/**
 * An asset's status at the end of a Seoul day: from its event history for a past day (each
 * change is an asset event), its current status from today on.
 */
export function assetStatusOn(asset: string, asOf: string, today: string): SQL {
  const a = sql.raw(asset);
  if (asOf >= today) return sql`${a}.status`;
  return sql`(select e.to_status from asset_events e where e.asset_id = ${a}.id and e.at < ${seoulEnd(asOf)}
              order by e.at desc, e.id desc limit 1)`;
}

/** Assets a partner still has to put to work: everything but retired, lost or transferred ones. */
export const HELD_STATUS = sql`not in ('retired', 'lost', 'transferred')`;
