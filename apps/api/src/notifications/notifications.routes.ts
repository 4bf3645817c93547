import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.js";
import { notificationAttempts, notifications } from "../db/schema/index.js";
import { partnerScope } from "../db/scoped.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { notFound } from "../http/errors.js";
import { registerReads } from "../http/resource-reads.js";
import { resendNotification } from "./outbox.js";
import { assertMarketingStillWanted } from "./unsubscribe.js";

const ZNotificationFilter = z.object({
  status: z
    .union([
      z.enum(["pending", "sent", "stored", "failed"]),
      z.array(z.enum(["pending", "sent", "stored", "failed"])),
    ])
    .optional(),
  template: z.string().max(50).optional(),
  channel: z.enum(["email", "alimtalk", "sms"]).optional(),
  entity: z.string().max(50).optional(),
  entityId: z.coerce.number().int().positive().optional(),
});

type NotificationRow = typeof notifications.$inferSelect;

/**
 * A live signing, self-service or unsubscribe link's token, masked: staff can resend a link,
 * not read it (nor act as the customer with it).
 */
export function maskLinks(text: string): string {
  return text
    .replace(/(\/(?:sign|my)\/)[A-Za-z0-9_-]{8,}/g, "$1••••••")
    .replace(/(\/unsubscribe\/)[A-Za-z0-9_.-]{8,}/g, "$1••••••");
}

/** What staff see of a message: its text with every customer link masked. */
export function notificationJson(r: NotificationRow) {
  return {
    ...r,
    body: maskLinks(r.body),
    html: r.html === null ? null : maskLinks(r.html),
    vars: r.vars ? Object.fromEntries(Object.entries(r.vars).map(([k, v]) => [k, maskLinks(v)])) : null,
    unsubscribeUrl: r.unsubscribeUrl === null ? null : maskLinks(r.unsubscribeUrl),
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  };
}

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
    toJson: (rows) => rows.map(notificationJson),
  });
  routes.staff(
    {
      method: "get",
      path: "/notifications/:id/attempts",
      summary: "A message's delivery attempts with the vendor's answers",
      tag: "notifications",
      access: { resource: "notifications", action: "show" },
    },
    async (ctx, { id }) => {
      const [message] = await ctx.tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.id, id), partnerScope(notifications.partnerId, ctx.scope)));
      if (!message) throw notFound("Message");
      const rows = await ctx.tx
        .select()
        .from(notificationAttempts)
        .where(eq(notificationAttempts.notificationId, id))
        .orderBy(asc(notificationAttempts.id));
      return { body: rows.map((a) => ({ ...a, at: a.at.toISOString() })) };
    },
  );
  routes.staff(
    {
      method: "post",
      path: "/notifications/:id/resend",
      summary: "Send a message again (a new copy, by the same channel, to the same recipient)",
      tag: "notifications",
      access: { resource: "notifications", action: "create" },
    },
    async (ctx, { id }) => {
      const [message] = await ctx.tx
        .select({
          id: notifications.id,
          marketing: notifications.marketing,
          unsubscribeUrl: notifications.unsubscribeUrl,
        })
        .from(notifications)
        .where(and(eq(notifications.id, id), partnerScope(notifications.partnerId, ctx.scope)));
      if (!message) throw notFound("Message");
      await assertMarketingStillWanted(ctx.tx, ctx.config.secretBox, message);
      const copy = await resendNotification(ctx.tx, id, ctx.clock.now());
      await recordAudit(ctx, {
        entity: "notifications",
        entityId: copy!.id,
        action: "create",
        partnerId: copy!.partnerId,
        after: { resendOf: id, channel: copy!.channel, template: copy!.template },
      });
      return { status: 201, body: notificationJson(copy!) };
    },
  );
}
