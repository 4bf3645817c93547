import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { TenantScope } from "../db/tenant.js";

/** The first line of tenancy: every query names its partner. (RLS is the second.) */
export function partnerScope(column: PgColumn, scope: TenantScope): SQL | undefined {
  return scope.kind === "partner" ? eq(column, scope.partnerId) : undefined;
}

/** The partner a new row belongs to; the platform operator cannot create partner records. */
export function ownerPartner(scope: TenantScope): number {
  if (scope.kind !== "partner") throw new Error("partner records are created by partner staff");
  return scope.partnerId;
}
