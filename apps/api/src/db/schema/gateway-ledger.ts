import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * KakaoPay charges our own records may not hold yet: those whose outcome is not known (a timeout,
 * a 5xx, a lost answer), kept until KakaoPay's order status settles them, and those KakaoPay
 * confirmed, kept a week in case the transaction that was to record them rolled back. KakaoPay
 * takes no idempotency key, so this row is what stops a second charge of the same order after a
 * crash, a restart or on another instance. Gateway bookkeeping, not a partner's business data:
 * only the platform connection reads it.
 */
export const kakaopayPendingCharges = pgTable(
  "kakaopay_pending_charges",
  {
    orderId: text("order_id").primaryKey(),
    partnerOrderId: text("partner_order_id").notNull(),
    partnerUserId: text("partner_user_id").notNull(),
    sid: text("sid").notNull(),
    amount: integer("amount").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    tid: text("tid"),
    /** When KakaoPay confirmed the charge (its tid answered as paid). */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [index("kakaopay_confirmed_idx").on(t.confirmedAt).where(sql`confirmed_at is not null`)],
);
