import { index, integer, pgTable, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

/**
 * The outbox (SPEC §3 Notifications): written in the same transaction as the business change,
 * delivered afterwards by a job (SMTP when SMTP_URL is set), every attempt counted.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    channel: text("channel").notNull(),
    to: text("to").notNull(),
    template: text("template").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: smallint("attempts").notNull().default(0),
    lastError: text("last_error"),
    entity: text("entity"),
    entityId: integer("entity_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_partner_idx").on(t.partnerId, t.id),
    index("notifications_pending_idx").on(t.status, t.id),
  ],
);
