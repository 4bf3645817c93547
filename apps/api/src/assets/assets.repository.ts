import { ASSET_STATUSES } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";
import { bookValueOn } from "../reports/asset-sql.js";
import { type Note, noteColumns } from "../shared/note-columns.js";

export interface ProductRef {
  id: number;
  name: string;
  model: string;
}

/** The partner's products, by which an imported row names its product (model or name). */
export async function partnerProducts(tx: Db, partnerId: number): Promise<ProductRef[]> {
  return rowsOf<ProductRef>(
    await tx.execute(
      sql`select id, name, model from products where partner_id = ${partnerId}::int order by id`,
    ),
  );
}

export interface NewAsset {
  productId: number;
  serialNumber: string;
  acquiredOn: string;
  acquisitionCost: number;
  usefulLifeMonths: number;
}

/**
 * Inserts a batch of assets into stock with their intake events, in one statement. A serial
 * the partner already has is skipped (not an error here); the serials inserted are returned,
 * so the caller can tell which ones were taken.
 */
export async function insertAssetBatch(
  tx: Db,
  input: { partnerId: number; userId: number | null; note: Note; rows: NewAsset[] },
): Promise<string[]> {
  const { note, noteText } = noteColumns(input.note);
  const rows = rowsOf<{ serial_number: string }>(
    await tx.execute(sql`
      with added as (
        insert into assets (partner_id, product_id, serial_number, status, acquired_on, acquisition_cost, useful_life_months)
        select ${input.partnerId}::int, x.product_id, x.serial_number, 'in_stock', x.acquired_on, x.acquisition_cost, x.useful_life_months
        from json_to_recordset(${JSON.stringify(input.rows.map(toRecord))}::json)
          as x(product_id int, serial_number text, acquired_on date, acquisition_cost int, useful_life_months int)
        on conflict (partner_id, serial_number) do nothing
        returning id, serial_number
      ), events as (
        insert into asset_events (partner_id, asset_id, from_status, to_status, user_id, note, note_text)
        select ${input.partnerId}::int, id, null, 'in_stock', ${input.userId}::int, ${note}::text,
               ${noteText === null ? null : JSON.stringify(noteText)}::jsonb from added
      )
      select serial_number from added`),
  );
  return rows.map((r) => r.serial_number);
}

function toRecord(r: NewAsset) {
  return {
    product_id: r.productId,
    serial_number: r.serialNumber,
    acquired_on: r.acquiredOn,
    acquisition_cost: r.acquisitionCost,
    useful_life_months: r.usefulLifeMonths,
  };
}

/** Which of these serials the partner already has. */
export async function existingSerials(tx: Db, partnerId: number, serials: string[]): Promise<string[]> {
  const rows = rowsOf<{ serial_number: string }>(
    await tx.execute(sql`
      select serial_number from assets
      where partner_id = ${partnerId}::int
        and serial_number in (select value from json_array_elements_text(${JSON.stringify(serials)}::json))`),
  );
  return rows.map((r) => r.serial_number);
}

export interface AssetEconomicsRow {
  productId: number;
  productName: string;
  model: string;
  units: number;
  unitsByStatus: Record<string, number>;
  acquisitionCost: number;
  accumulatedDepreciation: number;
  bookValue: number;
  rentBilled: number;
  margin: number;
}

/**
 * Per product of the partner, as of a Seoul day, in one query: its units by status, what they
 * cost, their accumulated straight-line depreciation and book value (the same won as the API's
 * `bookValue` and the depreciation ledger, through `bookValueOn`), the rent billed to date (the
 * net-of-VAT supply of `rent` lines on invoices issued by then, void ones excluded) and the margin
 * (rent billed − accumulated depreciation).
 */
export async function assetEconomics(
  tx: Db,
  input: { partnerId: number; asOf: string; productId?: number },
): Promise<AssetEconomicsRow[]> {
  const asOf = sql`${input.asOf}::date`;
  const rows = rowsOf<{
    product_id: number;
    name: string;
    model: string;
    units: number;
    by_status: Record<string, number> | string | null;
    acquisition_cost: string | number;
    book_value: string | number;
    rent_billed: string | number;
  }>(
    await tx.execute(sql`
      select p.id as product_id, p.name, p.model,
             coalesce(s.units, 0)::int as units, s.by_status,
             coalesce(s.acquisition_cost, 0)::bigint as acquisition_cost,
             coalesce(s.book_value, 0)::bigint as book_value,
             coalesce(r.rent, 0)::bigint as rent_billed
      from products p
      left join (
        select x.product_id, sum(x.n)::int as units, jsonb_object_agg(x.status, x.n) as by_status,
               sum(x.cost)::bigint as acquisition_cost, sum(x.book)::bigint as book_value
        from (
          select a.product_id, a.status, count(*)::int as n, sum(a.acquisition_cost)::bigint as cost,
                 sum(${bookValueOn("a", asOf)})::bigint as book
          from assets a
          where a.partner_id = ${input.partnerId}::int and a.acquired_on <= ${asOf}
          group by a.product_id, a.status
        ) x
        group by x.product_id
      ) s on s.product_id = p.id
      left join (
        select pl.product_id, sum(l.supply)::bigint as rent
        from invoices i
        join invoice_lines l on l.invoice_id = i.id and l.kind = 'rent'
        join contracts c on c.id = i.contract_id
        join plan_versions v on v.id = c.plan_version_id
        join plans pl on pl.id = v.plan_id
        where i.partner_id = ${input.partnerId}::int and i.status <> 'void' and i.issue_date <= ${asOf}
        group by pl.product_id
      ) r on r.product_id = p.id
      where p.partner_id = ${input.partnerId}::int
        and ${input.productId ? sql`p.id = ${input.productId}::int` : sql`true`}
      order by p.id`),
  );
  return rows.map((r) => {
    const acquisitionCost = Number(r.acquisition_cost);
    const bookValue = Number(r.book_value);
    const rentBilled = Number(r.rent_billed);
    const accumulatedDepreciation = acquisitionCost - bookValue;
    const byStatus = typeof r.by_status === "string" ? JSON.parse(r.by_status) : (r.by_status ?? {});
    return {
      productId: r.product_id,
      productName: r.name,
      model: r.model,
      units: r.units,
      unitsByStatus: Object.fromEntries(ASSET_STATUSES.map((s) => [s, Number(byStatus[s] ?? 0)])),
      acquisitionCost,
      accumulatedDepreciation,
      bookValue,
      rentBilled,
      margin: rentBilled - accumulatedDepreciation,
    };
  });
}
