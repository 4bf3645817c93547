import { sql } from "drizzle-orm";
import { countOf, type Db } from "../db/client.js";

/**
 * The first step of giving out the next days' unassigned visits (issue 12 §1, "by region and
 * workload"): a visit whose address one or more technicians cover (their service regions, the
 * rule of `regionCovers` in packages/domain written as a PostgreSQL pattern) goes to one of
 * them, the least loaded of the day first and then in turn. Visits nobody covers are left to the
 * workload-only step after it. A partner whose technicians have no regions skips the statement.
 */
export async function assignByRegion(
  db: Db,
  input: { partnerId: number; from: string; to: string; stamp: string },
): Promise<number> {
  const { partnerId, from, to, stamp } = input;
  const assigned = await db.execute(sql`
    with techs as (
      select id, service_regions from users
      where partner_id = ${partnerId} and role = 'technician' and active and cardinality(service_regions) > 0
    ),
    pending as (
      select v.id, v.scheduled_on, coalesce(v.address, c.install_address) as address
      from service_visits v join contracts c on c.id = v.contract_id
      where exists (select 1 from techs)
        and v.partner_id = ${partnerId} and v.status = 'scheduled' and v.technician_id is null
        and v.scheduled_on between ${from}::date and ${to}::date
    ),
    covered as (
      select p.id, p.scheduled_on, array(
        select t.id from techs t
        where exists (
          select 1 from unnest(t.service_regions) g where p.address ~ ('^' || replace(g, ' ', '\\S*\\s+'))
        )
        order by
          (select count(*) from deliveries x
            where x.technician_id = t.id and x.scheduled_on = p.scheduled_on and x.status = 'scheduled')
          + (select count(*) from service_visits y
            where y.technician_id = t.id and y.scheduled_on = p.scheduled_on and y.status = 'assigned'),
          t.id
      ) as cands
      from pending p
    ),
    numbered as (
      select id, cands,
             (row_number() over (partition by scheduled_on, cands order by id) - 1) % cardinality(cands) as slot
      from covered where cardinality(cands) > 0
    )
    update service_visits v
    set technician_id = n.cands[n.slot + 1], status = 'assigned', updated_at = ${stamp}::timestamptz
    from numbered n
    where v.id = n.id and v.status = 'scheduled'`);
  return countOf(assigned);
}
