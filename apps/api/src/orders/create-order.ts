import { text } from "@ssp/domain";
import { recordAudit } from "../audit/record-audit.js";
import { findCustomer } from "../customers/customers.repository.js";
import { orderEvents, orders } from "../db/schema/index.js";
import { ownerPartner } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { validationFailed } from "../http/errors.js";
import { findPlan } from "../plans/plans.repository.js";
import { noteColumns } from "../shared/note-columns.js";
import { orderJson, orderLookups } from "./orders.repository.js";
import type { TOrderCreateRequest } from "./orders.schemas.js";

/** Staff take an application on a customer's behalf; it starts as `received`. */
export async function createOrder(ctx: StaffContext, input: TOrderCreateRequest) {
  const [customer, plan] = [
    await findCustomer(ctx.tx, ctx.scope, input.customerId),
    await findPlan(ctx.tx, ctx.scope, input.planId),
  ];
  const errors: Record<string, string> = {};
  if (!customer) errors.customerId = "No such customer";
  if (!plan) errors.planId = "No such plan";
  else if (!plan.active) errors.planId = "This plan is no longer offered";
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const partnerId = ownerPartner(ctx.scope);
  const [row] = await ctx.tx
    .insert(orders)
    .values({
      partnerId,
      customerId: input.customerId,
      planVersionId: plan!.versionId,
      installPostcode: input.installPostcode ?? null,
      installAddress: input.installAddress,
      installAddressDetail: input.installAddressDetail ?? null,
      billingDay: input.billingDay,
      source: "staff",
    })
    .returning();
  await ctx.tx.insert(orderEvents).values({
    partnerId,
    orderId: row!.id,
    kind: "status",
    toStatus: "received",
    userId: ctx.actor.userId,
    ...noteColumns(text("order.created_by_staff")),
  });
  const json = orderJson(row!, await orderLookups(ctx.tx, [row!]));
  // The audit entry keeps the order's own columns, not the customer's name beside them.
  const { customerName: _, ...after } = json;
  await recordAudit(ctx, { entity: "orders", entityId: row!.id, action: "create", partnerId, after });
  return json;
}
