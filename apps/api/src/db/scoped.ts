import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable, PgView } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";
import type { TenantScope } from "./tenant.js";

/** A table or read view with an `id` column. */
export type Listable = (PgTable | PgView) & { id: PgColumn };

/** The first line of tenancy: every query names its partner. (RLS is the second.) */
export function partnerScope(column: PgColumn, scope: TenantScope): SQL | undefined {
  return scope.kind === "partner" ? eq(column, scope.partnerId) : undefined;
}

/** The partner a new row belongs to; the platform operator cannot create partner records. */
export function ownerPartner(scope: TenantScope): number {
  if (scope.kind !== "partner") throw new Error("partner records are created by partner staff");
  return scope.partnerId;
}

/** Every condition that is there, and-ed (undefined ones are skipped). */
export function whereAll(...conditions: (SQL | undefined)[]): SQL | undefined {
  return and(...conditions.filter((c): c is SQL => c !== undefined));
}

/** One row of a table by id, within the tenant (and whatever else the caller may see). */
export async function findScoped<Row>(
  tx: Db,
  scope: TenantScope,
  spec: { table: Listable; partnerColumn: PgColumn },
  id: number,
  visible: (SQL | undefined)[] = [],
): Promise<Row | undefined> {
  const [row] = await tx
    .select()
    .from(spec.table as PgTable)
    .where(whereAll(eq(spec.table.id, id), partnerScope(spec.partnerColumn, scope), ...visible))
    .limit(1);
  return row as Row | undefined;
}
