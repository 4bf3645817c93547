import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

/** A customer's trip to a gateway's own page (KakaoPay), between `ready` and `approve`. */
export const paymentRedirects = pgTable(
  "payment_redirects",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    contractId: integer("contract_id").notNull(),
    linkId: integer("link_id").notNull(),
    gateway: text("gateway").notNull(),
    customerKey: text("customer_key").notNull(),
    orderId: text("order_id").notNull().unique(),
    redirectId: text("redirect_id").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payment_redirects_link_idx").on(t.linkId)],
);
