import type { ServerText } from "@ssp/domain";
import { index, integer, jsonb, pgTable, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { planVersions } from "./catalog.js";
import { customers } from "./customers.js";
import { partners } from "./partners.js";
import { users } from "./users.js";

/** Applications (SPEC §3 Orders). Status changes go through the domain's `orderLifecycle`. */
export const orders = pgTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    planVersionId: integer("plan_version_id")
      .notNull()
      .references(() => planVersions.id),
    status: text("status").notNull().default("received"),
    installPostcode: text("install_postcode"),
    /** Road address (도로명주소); rows from before the postcode search hold the whole line here. */
    installAddress: text("install_address").notNull(),
    installAddressDetail: text("install_address_detail"),
    billingDay: smallint("billing_day").notNull(),
    contractId: integer("contract_id"),
    source: text("source").notNull().default("staff"),
    cancelReason: text("cancel_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("orders_partner_idx").on(t.partnerId, t.id),
    index("orders_partner_status_idx").on(t.partnerId, t.status, t.id),
    index("orders_plan_version_idx").on(t.planVersionId),
    index("orders_customer_idx").on(t.customerId),
  ],
);

/** The order's timeline: every status change and notable step, with who and when. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    userId: integer("user_id").references(() => users.id),
    note: text("note"),
    /** The note as key and parameters (`ServerText`), for each viewer's language. */
    noteText: jsonb("note_text").$type<ServerText>(),
    detail: jsonb("detail"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

/** Every credit check is kept: who asked, when, what the bureau said, what was decided. */
export const creditChecks = pgTable(
  "credit_checks",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    bureau: text("bureau").notNull(),
    score: smallint("score").notNull(),
    grade: smallint("grade").notNull(),
    outcome: text("outcome").notNull(),
    bureauRef: text("bureau_ref"),
    requestedBy: integer("requested_by").references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decision: text("decision"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
  },
  (t) => [
    index("credit_checks_partner_idx").on(t.partnerId, t.id),
    index("credit_checks_order_idx").on(t.orderId),
  ],
);
