import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";

const ZNotificationFilter = z.object({
  status: z
    .union([
      z.enum(["pending", "sent", "stored", "failed"]),
      z.array(z.enum(["pending", "sent", "stored", "failed"])),
    ])
    .optional(),
  template: z.string().max(50).optional(),
  channel: z.enum(["email", "alimtalk"]).optional(),
  entity: z.string().max(50).optional(),
  entityId: z.coerce.number().int().positive().optional(),
});

type NotificationRow = typeof notifications.$inferSelect;

/** "Sent messages": the outbox with each message's rendered Korean text. */
export function registerNotificationRoutes(routes: ApiRoutes): void {
  registerReads<NotificationRow, typeof ZNotificationFilter.shape>(routes, {
    resource: "notifications",
    title: "sent messages (the outbox)",
    table: notifications,
    partnerColumn: notifications.partnerId,
    sort: {
      id: notifications.id,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
      status: notifications.status,
      template: notifications.template,
    },
    defaultSort: ["id", "DESC"],
    filters: ZNotificationFilter,
    where: (f) => [
      f.status ? inArray(notifications.status, Array.isArray(f.status) ? f.status : [f.status]) : undefined,
      f.template ? eq(notifications.template, f.template) : undefined,
      f.channel ? eq(notifications.channel, f.channel) : undefined,
      f.entity ? eq(notifications.entity, f.entity) : undefined,
      f.entityId ? eq(notifications.entityId, f.entityId) : undefined,
    ],
    toJson: (rows) =>
      rows.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      })),
  });
}
