import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

/**
 * The outbox (SPEC §3 Notifications): written in the same transaction as the business change,
 * delivered afterwards by a job (SMTP for e-mail, the partner's Solapi account for alimtalk and
 * SMS/LMS), every attempt logged in `notification_attempts`.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    /** email | alimtalk | sms. An alimtalk that falls back to SMS/LMS keeps "alimtalk" here. */
    channel: text("channel").notNull(),
    to: text("to").notNull(),
    template: text("template").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** The e-mail's HTML part (e-mail only). */
    html: text("html"),
    /** The template's variables, for alimtalk (the vendor fills the approved template). */
    vars: jsonb("vars").$type<Record<string, string>>(),
    /** Advertising: needs the customer's consent, never delivered 21:00–08:00 Seoul. */
    marketing: boolean("marketing").notNull().default(false),
    /** Marketing e-mail: the customer's signed unsubscribe link (in the text and List-Unsubscribe). */
    unsubscribeUrl: text("unsubscribe_url"),
    status: text("status").notNull().default("pending"),
    attempts: smallint("attempts").notNull().default(0),
    /**
     * When the next delivery attempt is due (backoff; a claim pushes it out as a lease). Null: at
     * once (the deliverer's clock decides what "now" is, not the database's).
     */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** What it was finally delivered as, when that differs from the channel (alimtalk → sms/lms). */
    deliveredAs: text("delivered_as"),
    lastError: text("last_error"),
    entity: text("entity"),
    entityId: integer("entity_id"),
    /** The message this one re-sends (staff's "resend"). */
    resendOf: integer("resend_of"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_partner_idx").on(t.partnerId, t.id),
    index("notifications_pending_idx").on(t.status, t.id),
    index("notifications_due_idx").on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    index("notifications_entity_idx").on(t.partnerId, t.template, t.entity, t.entityId),
  ],
);

/** Every delivery attempt of a message, with the vendor's answer (SPEC §3 Notifications). */
export const notificationAttempts = pgTable(
  "notification_attempts",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    notificationId: integer("notification_id")
      .notNull()
      .references(() => notifications.id),
    /** email | alimtalk | sms | lms: what this attempt went out as. */
    channel: text("channel").notNull(),
    /** sent | retry | failed | fallback | stored */
    outcome: text("outcome").notNull(),
    vendorCode: text("vendor_code"),
    vendorMessage: text("vendor_message"),
    vendorMessageId: text("vendor_message_id"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("notification_attempts_notification_idx").on(t.notificationId, t.id),
    index("notification_attempts_partner_idx").on(t.partnerId, t.id),
  ],
);
