import { and, eq, inArray, isNull } from "drizzle-orm";
import { draftContract } from "../contracts/draft-contract.js";
import { customerNamesOf } from "../customers/customers.repository.js";
import { creditChecks, orders } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { notFound } from "../http/errors.js";
import { registerReads } from "../http/resource-reads.js";
import { userNames } from "../users/user-names.js";
import { cancelOrder } from "./cancel-order.js";
import { createOrder } from "./create-order.js";
import { decideCredit } from "./decide-credit.js";
import {
  findOrder,
  lockOrder,
  type OrderRow,
  orderJson,
  orderLookups,
  orderTable,
  orderTimeline,
} from "./orders.repository.js";
import { ZCreditCheckFilter, ZOrderCreateRequest, ZOrderFilter, ZReasonRequest } from "./orders.schemas.js";
import { runCreditCheck } from "./run-credit-check.js";

type CreditCheckRow = typeof creditChecks.$inferSelect;

export function registerOrderRoutes(routes: ApiRoutes): void {
  const tag = "orders";
  const edit = { resource: "orders", action: "edit" } as const;
  registerReads<OrderRow, typeof ZOrderFilter.shape>(routes, {
    resource: "orders",
    title: "orders (applications)",
    ...orderTable,
    sort: {
      id: orders.id,
      status: orders.status,
      customerId: orders.customerId,
      billingDay: orders.billingDay,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
    },
    defaultSort: ["id", "DESC"],
    filters: ZOrderFilter,
    where: (f) => [
      f.status ? inArray(orders.status, Array.isArray(f.status) ? f.status : [f.status]) : undefined,
      f.customerId ? eq(orders.customerId, f.customerId) : undefined,
    ],
    toJson: async (rows, ctx) => {
      const lookups = await orderLookups(ctx.tx, rows);
      return rows.map((r) => orderJson(r, lookups));
    },
  });
  routes.staff(
    {
      method: "post",
      path: "/orders",
      summary: "Take an application for a customer",
      tag,
      body: ZOrderCreateRequest,
      access: { resource: "orders", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await createOrder(ctx, body) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/orders/:id/timeline",
      summary: "Every event of an order",
      tag,
      access: { resource: "orders", action: "show" },
    },
    async (ctx, { id }) => {
      if (!(await findOrder(ctx.tx, ctx.scope, id))) throw notFound("Order");
      return { body: await orderTimeline(ctx.tx, id) };
    },
  );
  const withPlan = async (ctx: Parameters<Parameters<ApiRoutes["staff"]>[1]>[0], row: OrderRow) =>
    orderJson(row, await orderLookups(ctx.tx, [row]));

  routes.staff(
    {
      method: "post",
      path: "/orders/:id/credit-check",
      summary: "Run the credit check (needs credit-inquiry consent)",
      tag,
      access: edit,
    },
    async (ctx, { id }) => {
      // Locked while the bureau answers, so a double click asks the bureau once.
      const order = await lockOrder(ctx.tx, ctx.scope, id);
      if (!order) throw notFound("Order");
      const { order: moved, check } = await runCreditCheck(ctx, order);
      return {
        body: {
          ...(await withPlan(ctx, moved)),
          creditCheck: { id: check.id, score: check.score, grade: check.grade, outcome: check.outcome },
        },
      };
    },
  );
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/approve",
      summary: "Approve an order in credit review",
      tag,
      body: ZReasonRequest,
      access: edit,
    },
    async (ctx, { id, body }) => ({
      body: await withPlan(
        ctx,
        await decideCredit(ctx, { orderId: id, decision: "approved", reason: body.reason }),
      ),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/decline",
      summary: "Decline an order in credit review",
      tag,
      body: ZReasonRequest,
      access: edit,
    },
    async (ctx, { id, body }) => ({
      body: await withPlan(
        ctx,
        await decideCredit(ctx, { orderId: id, decision: "declined", reason: body.reason }),
      ),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/cancel",
      summary: "Cancel an open order (and its unsigned contract)",
      tag,
      body: ZReasonRequest,
      access: edit,
    },
    async (ctx, { id, body }) => ({
      body: await withPlan(ctx, await cancelOrder(ctx, { orderId: id, reason: body.reason })),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/contract",
      summary: "Draft the contract of an approved order (terms frozen)",
      tag,
      access: edit,
    },
    async (ctx, { id }) => ({ status: 201, body: await draftContract(ctx, id) }),
  );

  registerReads<CreditCheckRow, typeof ZCreditCheckFilter.shape>(routes, {
    resource: "credit-checks",
    title: "credit checks, kept for every order",
    table: creditChecks,
    partnerColumn: creditChecks.partnerId,
    sort: {
      id: creditChecks.id,
      requestedAt: creditChecks.requestedAt,
      score: creditChecks.score,
      outcome: creditChecks.outcome,
    },
    defaultSort: ["id", "DESC"],
    filters: ZCreditCheckFilter,
    where: (f) => [
      f.orderId ? eq(creditChecks.orderId, f.orderId) : undefined,
      f.customerId ? eq(creditChecks.customerId, f.customerId) : undefined,
      f.outcome ? eq(creditChecks.outcome, f.outcome) : undefined,
      f.pending ? and(eq(creditChecks.outcome, "review"), isNull(creditChecks.decision)) : undefined,
    ],
    toJson: async (rows, ctx) => {
      const [names, customerNames] = await Promise.all([
        userNames(
          ctx.tx,
          rows.flatMap((r) => [r.requestedBy, r.decidedBy]),
        ),
        customerNamesOf(
          ctx.tx,
          rows.map((r) => r.customerId),
        ),
      ]);
      return rows.map((r) => ({
        ...r,
        customerName: customerNames.get(r.customerId) ?? null,
        requestedAt: r.requestedAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        requestedByName: r.requestedBy ? (names.get(r.requestedBy) ?? null) : null,
        decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
      }));
    },
  });
}
