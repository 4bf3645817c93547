import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * KakaoPay charges whose outcome is not known yet (a timeout, a 5xx, a lost answer), kept until
 * KakaoPay's order status settles them. KakaoPay takes no idempotency key, so this row is what
 * stops a second charge of the same order after a restart or on another instance. Gateway
 * bookkeeping, not a partner's business data: only the platform connection reads it.
 */
export const kakaopayPendingCharges = pgTable("kakaopay_pending_charges", {
  orderId: text("order_id").primaryKey(),
  partnerOrderId: text("partner_order_id").notNull(),
  partnerUserId: text("partner_user_id").notNull(),
  sid: text("sid").notNull(),
  amount: integer("amount").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  tid: text("tid"),
});
