import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Every mutation, written in the same transaction as the change it records. */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    partnerId: integer("partner_id"),
    userId: integer("user_id"),
    /** Who acted: a staff `user` (user_id), the `customer` on a public page, or the `system` (a job run). */
    actorKind: text("actor_kind").notNull().default("user"),
    /** The customer's id, or the job run's id; the user's id for staff. */
    actorId: integer("actor_id"),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_logs_partner_at_idx").on(t.partnerId, t.at),
    index("audit_logs_entity_idx").on(t.entity, t.entityId),
  ],
);
