import { eq } from "drizzle-orm";
import { deliveries } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { allocateAsset } from "./allocate-asset.js";
import { deliveriesJson } from "./deliveries-json.js";
import {
  ZAllocateAssetRequest,
  ZDeliveryFilter,
  ZInstallRequest,
  ZScheduleDeliveryRequest,
} from "./installation.schemas.js";
import { recordInstallation } from "./record-installation.js";
import { type DeliveryRow, scheduleDelivery } from "./schedule-delivery.js";

export function registerInstallationRoutes(routes: ApiRoutes): void {
  const tag = "installation";
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/allocate-asset",
      summary: "Reserve an in-stock unit (or the one named) for the order",
      tag,
      body: ZAllocateAssetRequest,
      access: { resource: "orders", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await allocateAsset(ctx, { orderId: id, assetId: body.assetId }) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/schedule-delivery",
      summary: "Book the installation visit with a technician",
      tag,
      body: ZScheduleDeliveryRequest,
      access: { resource: "orders", action: "edit" },
    },
    async (ctx, { id, body }) => ({
      status: 201,
      body: await scheduleDelivery(ctx, { orderId: id, ...body }),
    }),
  );
  routes.staff(
    {
      method: "post",
      path: "/orders/:id/install",
      summary: "Record the installation with the customer's confirmation; activates the contract",
      tag,
      body: ZInstallRequest,
      access: { resource: "deliveries", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await recordInstallation(ctx, { orderId: id, ...body }) }),
  );
  registerReads<DeliveryRow, typeof ZDeliveryFilter.shape>(routes, {
    resource: "deliveries",
    title: "installation visits (a technician sees their own)",
    table: deliveries,
    partnerColumn: deliveries.partnerId,
    sort: {
      id: deliveries.id,
      scheduledOn: deliveries.scheduledOn,
      status: deliveries.status,
      technicianId: deliveries.technicianId,
    },
    defaultSort: ["scheduledOn", "ASC"],
    filters: ZDeliveryFilter,
    visible: (ctx) => [
      ctx.actor.role === "technician" ? eq(deliveries.technicianId, ctx.actor.userId) : undefined,
    ],
    where: (f) => [
      f.status ? eq(deliveries.status, f.status) : undefined,
      f.technicianId ? eq(deliveries.technicianId, f.technicianId) : undefined,
      f.orderId ? eq(deliveries.orderId, f.orderId) : undefined,
      f.scheduledOn ? eq(deliveries.scheduledOn, f.scheduledOn) : undefined,
    ],
    toJson: (rows, ctx) => deliveriesJson(ctx.tx, rows),
  });
}
