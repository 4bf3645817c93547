import { PLAN_TERM_FIELDS, type PlanTerms, text } from "@ssp/domain";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import {
  contracts,
  customers,
  orderEvents,
  orders,
  plans,
  planVersions,
  products,
} from "../db/schema/index.js";
import type { UseCaseContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { findOrder } from "../orders/orders.repository.js";
import { noteColumns } from "../shared/note-columns.js";
import { contractJson, nextContractNumber } from "./contracts.repository.js";

/**
 * Drafts the contract of an approved order. The plan's terms and the customer's details are
 * frozen into the contract now: changing the plan or the customer later never changes it.
 */
export async function draftContract(ctx: UseCaseContext, orderId: number) {
  const order = await findOrder(ctx.tx, ctx.scope, orderId);
  if (!order) throw notFound("Order");
  if (order.status !== "credit_approved") {
    throw new AppError(
      409,
      "illegal_transition",
      "A contract is drafted from an order whose credit was approved",
    );
  }
  if (order.contractId !== null)
    throw new AppError(409, "contract_exists", "This order already has a contract");
  const [source] = await ctx.tx
    .select({ version: planVersions, productName: products.name, productModel: products.model })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(products, eq(products.id, plans.productId))
    .where(eq(planVersions.id, order.planVersionId));
  const [customer] = await ctx.tx.select().from(customers).where(eq(customers.id, order.customerId));
  const terms = Object.fromEntries(
    PLAN_TERM_FIELDS.map((f) => [f, source!.version[f]]),
  ) as unknown as PlanTerms;
  const today = ctx.clock.today();
  const [row] = await ctx.tx
    .insert(contracts)
    .values({
      partnerId: order.partnerId,
      number: await nextContractNumber(ctx.tx, today.slice(0, 4)),
      orderId: order.id,
      customerId: order.customerId,
      planVersionId: order.planVersionId,
      billingDay: order.billingDay,
      installPostcode: order.installPostcode,
      installAddress: order.installAddress,
      installAddressDetail: order.installAddressDetail,
      terms,
      party: {
        name: customer!.name,
        birthDate: customer!.birthDate,
        phone: customer!.phone,
        email: customer!.email,
      },
      productName: source!.productName,
      productModel: source!.productModel,
      draftedOn: today,
    })
    .returning();
  await ctx.tx
    .update(orders)
    .set({ contractId: row!.id, updatedAt: ctx.clock.now() })
    .where(eq(orders.id, order.id));
  await ctx.tx.insert(orderEvents).values({
    partnerId: order.partnerId,
    orderId: order.id,
    kind: "contract_drafted",
    userId: ctx.actor?.userId ?? null,
    ...noteColumns(text("order.contract_drafted", { number: row!.number })),
    detail: { contractId: row!.id },
  });
  const after = contractJson(row!);
  await recordAudit(ctx, {
    entity: "contracts",
    entityId: row!.id,
    action: "create",
    partnerId: order.partnerId,
    after,
  });
  return after;
}
