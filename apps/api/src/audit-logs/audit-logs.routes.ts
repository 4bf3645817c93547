import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditLogs } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { userNames } from "../users/user-names.js";

const ZAuditLogFilter = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.coerce.string().max(50).optional(),
  userId: z.coerce.number().int().positive().optional(),
  action: z.string().max(50).optional(),
});

type AuditRow = typeof auditLogs.$inferSelect;

export function registerAuditLogRoutes(routes: ApiRoutes): void {
  registerReads<AuditRow, typeof ZAuditLogFilter.shape>(routes, {
    resource: "audit-logs",
    title: "audit entries: who changed what, when",
    table: auditLogs,
    partnerColumn: auditLogs.partnerId,
    sort: {
      id: auditLogs.id,
      at: auditLogs.at,
      entity: auditLogs.entity,
      action: auditLogs.action,
      userId: auditLogs.userId,
    },
    defaultSort: ["id", "DESC"],
    filters: ZAuditLogFilter,
    where: (f) => [
      f.entity ? eq(auditLogs.entity, f.entity) : undefined,
      f.entityId ? eq(auditLogs.entityId, f.entityId) : undefined,
      f.userId ? eq(auditLogs.userId, f.userId) : undefined,
      f.action ? eq(auditLogs.action, f.action) : undefined,
    ],
    toJson: async (rows, ctx) => {
      const names = await userNames(
        ctx.tx,
        rows.map((r) => r.userId),
      );
      return rows.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        userName: r.userId ? (names.get(r.userId) ?? null) : null,
      }));
    },
  });
}
