import { eq, inArray } from "drizzle-orm";
import { customerNamesOf } from "../customers/customers.repository.js";
import type { Db } from "../db/client.js";
import { orderEvents, orders, planVersions } from "../db/schema/index.js";
import { findScoped, partnerScope, whereAll } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";
import { userNames } from "../users/user-names.js";

export type OrderRow = typeof orders.$inferSelect;
export const orderTable = { table: orders, partnerColumn: orders.partnerId };

export function findOrder(tx: Db, scope: TenantScope, id: number): Promise<OrderRow | undefined> {
  return findScoped<OrderRow>(tx, scope, orderTable, id);
}

/**
 * The order, with its row locked until the request's transaction ends. Load an order this way
 * before changing its status: a second request for the same order waits here, then reads the
 * status the first one committed, so two approves, cancels or credit checks cannot both pass.
 */
export async function lockOrder(tx: Db, scope: TenantScope, id: number): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(whereAll(eq(orders.id, id), partnerScope(orders.partnerId, scope)))
    .limit(1)
    .for("update");
  return row;
}

/**
 * What a page of orders shows beside its own columns: orders point at a plan version (staff
 * think in plans) and at a customer (staff know them by name). One query each per page.
 */
export interface OrderLookups {
  planIds: Map<number, number>;
  customerNames: Map<number, string>;
}

export async function orderLookups(
  tx: Db,
  rows: readonly Pick<OrderRow, "planVersionId" | "customerId">[],
): Promise<OrderLookups> {
  if (rows.length === 0) return { planIds: new Map(), customerNames: new Map() };
  const [plans, customerNames] = await Promise.all([
    tx
      .select({ id: planVersions.id, planId: planVersions.planId })
      .from(planVersions)
      .where(inArray(planVersions.id, [...new Set(rows.map((r) => r.planVersionId))])),
    customerNamesOf(
      tx,
      rows.map((r) => r.customerId),
    ),
  ]);
  return { planIds: new Map(plans.map((r) => [r.id, r.planId])), customerNames };
}

export function orderJson(r: OrderRow, lookups: OrderLookups) {
  const { planIds } = lookups;
  return {
    id: r.id,
    partnerId: r.partnerId,
    customerId: r.customerId,
    customerName: lookups.customerNames.get(r.customerId) ?? null,
    planId: planIds.get(r.planVersionId) ?? null,
    planVersionId: r.planVersionId,
    status: r.status,
    installPostcode: r.installPostcode,
    installAddress: r.installAddress,
    installAddressDetail: r.installAddressDetail,
    billingDay: r.billingDay,
    contractId: r.contractId,
    source: r.source,
    cancelReason: r.cancelReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function orderTimeline(tx: Db, orderId: number) {
  const rows = await tx
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(orderEvents.id);
  const names = await userNames(
    tx,
    rows.map((e) => e.userId),
  );
  return rows.map((e) => ({
    ...e,
    at: e.at.toISOString(),
    userName: e.userId ? (names.get(e.userId) ?? null) : null,
  }));
}
