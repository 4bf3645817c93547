import { formatAddress, type ServerText } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { addDay } from "../clock.js";
import { runStatement } from "../db/run-statement.js";
import type { StaffContext } from "../http/context.js";
import { validationFailed } from "../http/errors.js";

const dialect = new PgDialect();
/** The statement's columns in their order (a prepared statement answers rows as arrays). */
const STOP_COLUMNS = [
  "kind",
  "id",
  "on",
  "status",
  "order_id",
  "contract_id",
  "contract_number",
  "customer_name",
  "customer_phone",
  "install_postcode",
  "address",
  "install_address_detail",
  "product_name",
  "asset_id",
  "serial_number",
  "note",
  "note_text",
] as const;

export type StopKind = "installation" | "visit" | "return";

interface StopRow {
  kind: StopKind;
  id: number;
  on: string;
  status: string;
  order_id: number | null;
  contract_id: number | null;
  contract_number: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  install_postcode: string | null;
  address: string | null;
  install_address_detail: string | null;
  product_name: string | null;
  asset_id: number | null;
  serial_number: string | null;
  note: string | null;
  note_text: ServerText | null;
}

/**
 * A technician's day (issue 12 §4): the installations, visits and returns of `date` and the day
 * after, each with the address, contact and unit, in route order (day, then address so that
 * stops in the same building or street follow each other, then kind). A technician sees their
 * own; a manager asks for one technician by id.
 */
export async function technicianDay(ctx: StaffContext, input: { date?: string; technicianId?: number }) {
  const technicianId = ctx.actor.role === "technician" ? ctx.actor.userId : input.technicianId;
  if (!technicianId) throw validationFailed({ technicianId: "Choose a technician" });
  const from = input.date ?? ctx.clock.today();
  const to = addDay(from, 1);
  const partner = ctx.scope.kind === "partner" ? ctx.scope.partnerId : null;
  const scoped = (column: string) => (partner === null ? sql`` : sql`and ${sql.raw(column)} = ${partner}`);
  // The same text on every request (only the parameters change): run as a prepared statement,
  // so that the union of three joins is not parsed and planned again each time.
  const query = dialect.sqlToQuery(sql`
      select * from (
        select 'installation' as kind, d.id, d.scheduled_on::text as on, d.status, d.order_id, c.id as contract_id,
               c.number as contract_number, c.party->>'name' as customer_name, c.party->>'phone' as customer_phone,
               c.install_postcode, c.install_address as address, c.install_address_detail,
               c.product_name, a.id as asset_id, a.serial_number, null::text as note,
               null::jsonb as note_text
        from deliveries d join contracts c on c.id = d.contract_id left join assets a on a.id = d.asset_id
        where d.technician_id = ${technicianId} and d.scheduled_on between ${from}::date and ${to}::date
          and d.status in ('scheduled', 'installed') ${scoped("d.partner_id")}
        union all
        select 'visit', v.id, v.scheduled_on::text, v.status, null, c.id, c.number, c.party->>'name', c.party->>'phone',
               -- A reinstallation goes to its new address; every other visit to where the unit is.
               case when v.address is null then c.install_postcode else v.postcode end,
               coalesce(v.address, c.install_address),
               case when v.address is null then c.install_address_detail else v.address_detail end,
               c.product_name, a.id,
               a.serial_number, v.notes, null::jsonb
        from service_visits v join contracts c on c.id = v.contract_id left join assets a on a.id = v.asset_id
        where v.technician_id = ${technicianId} and v.scheduled_on between ${from}::date and ${to}::date
          and v.status in ('scheduled', 'assigned', 'completed') ${scoped("v.partner_id")}
        union all
        select 'return', t.id, coalesce(greatest(t.due_on, ${from}::date), ${from}::date)::text, t.status, null, c.id,
               c.number, c.party->>'name', c.party->>'phone', c.install_postcode, c.install_address,
               c.install_address_detail, c.product_name, a.id,
               a.serial_number, t.note, t.note_text
        from tasks t join contracts c on c.id = t.contract_id left join assets a on a.id = t.asset_id
        where t.assignee_id = ${technicianId} and t.kind in ('asset_return', 'asset_recovery')
          and (t.status in ('open', 'in_progress') and (t.due_on is null or t.due_on <= ${to}::date))
          ${scoped("t.partner_id")}
      ) s
      order by s.on, s.address, s.kind, s.id
      limit 200`);
  const rows = await runStatement(ctx.tx, query.sql, query.params, (raw) => {
    // Rows come as arrays: a column added to the statement but not to STOP_COLUMNS would shift
    // every name after it, so a mismatch fails loudly instead.
    if (raw[0] && raw[0].length !== STOP_COLUMNS.length)
      throw new Error(`technician-day: ${raw[0].length} columns, STOP_COLUMNS names ${STOP_COLUMNS.length}`);
    return raw.map((r) => Object.fromEntries(STOP_COLUMNS.map((c, i) => [c, r[i]])) as unknown as StopRow);
  });
  return {
    technicianId,
    from,
    to,
    stops: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      date: r.on,
      status: r.status,
      orderId: r.order_id,
      contractId: r.contract_id,
      contractNumber: r.contract_number,
      customerName: r.customer_name,
      customerPhone: r.customer_phone,
      address: formatAddress({
        postcode: r.install_postcode,
        road: r.address,
        detail: r.install_address_detail,
      }),
      // The map searches the road address alone: a postcode or a floor only confuses it.
      mapUrl: r.address ? `https://map.kakao.com/link/search/${encodeURIComponent(r.address)}` : null,
      productName: r.product_name,
      assetId: r.asset_id,
      serialNumber: r.serial_number,
      note: r.note,
      noteText: r.note_text,
    })),
  };
}
