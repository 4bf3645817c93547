import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";

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
  input: { partnerId: number; userId: number | null; note: string; rows: NewAsset[] },
): Promise<string[]> {
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
        insert into asset_events (partner_id, asset_id, from_status, to_status, user_id, note)
        select ${input.partnerId}::int, id, null, 'in_stock', ${input.userId}::int, ${input.note}::text from added
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
