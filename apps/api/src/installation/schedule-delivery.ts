import { text } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { contracts, deliveries, orderEvents, users } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound, validationFailed } from "../http/errors.js";
import { findOrder } from "../orders/orders.repository.js";
import { noteColumns } from "../shared/note-columns.js";

export type DeliveryRow = typeof deliveries.$inferSelect;

export const deliveryJson = (d: DeliveryRow) => ({ ...d, createdAt: d.createdAt.toISOString() });

/** Books the installation visit for one of the partner's technicians. */
export async function scheduleDelivery(
  ctx: StaffContext,
  input: { orderId: number; technicianId: number; scheduledOn: string },
) {
  const order = await findOrder(ctx.tx, ctx.scope, input.orderId);
  if (!order) throw notFound("Order");
  if (order.status !== "ready_to_install" || order.contractId === null) {
    throw new AppError(
      409,
      "illegal_transition",
      "Schedule the installation once the order is ready to install",
    );
  }
  const [technician] = await ctx.tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.id, input.technicianId),
        eq(users.partnerId, order.partnerId),
        eq(users.role, "technician"),
        eq(users.active, true),
      ),
    );
  if (!technician) throw validationFailed({ technicianId: "Choose one of your technicians" });
  if (input.scheduledOn < ctx.clock.today()) throw validationFailed({ scheduledOn: "The date has passed" });
  const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.id, order.contractId));
  await ctx.tx
    .update(deliveries)
    .set({ status: "cancelled" })
    .where(and(eq(deliveries.orderId, order.id), eq(deliveries.status, "scheduled")));
  const [row] = await ctx.tx
    .insert(deliveries)
    .values({
      partnerId: order.partnerId,
      orderId: order.id,
      contractId: contract!.id,
      assetId: contract!.assetId!,
      technicianId: technician.id,
      scheduledOn: input.scheduledOn,
    })
    .returning();
  await ctx.tx.insert(orderEvents).values({
    partnerId: order.partnerId,
    orderId: order.id,
    kind: "delivery_scheduled",
    userId: ctx.actor.userId,
    ...noteColumns(
      text("order.delivery_scheduled", { date: input.scheduledOn, technician: technician.name }),
    ),
    detail: { deliveryId: row!.id },
  });
  const after = deliveryJson(row!);
  await recordAudit(ctx, {
    entity: "deliveries",
    entityId: row!.id,
    action: "create",
    partnerId: order.partnerId,
    after,
  });
  return after;
}
