import type { ServerText } from "@ssp/domain";
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { products } from "./catalog.js";
import { partners } from "./partners.js";
import { users } from "./users.js";

export const assets = pgTable(
  "assets",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    serialNumber: text("serial_number").notNull(),
    status: text("status").notNull().default("in_stock"),
    acquiredOn: date("acquired_on", { mode: "string" }).notNull(),
    acquisitionCost: integer("acquisition_cost").notNull(),
    usefulLifeMonths: integer("useful_life_months").notNull().default(60),
    // The contract that holds the asset; the contracts table arrives with the funnel.
    contractId: integer("contract_id"),
    customerId: integer("customer_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("assets_partner_serial_key").on(t.partnerId, t.serialNumber),
    index("assets_partner_status_idx").on(t.partnerId, t.status, t.id),
    index("assets_customer_idx").on(t.customerId),
  ],
);

export const assetEvents = pgTable(
  "asset_events",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    assetId: integer("asset_id")
      .notNull()
      .references(() => assets.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    contractId: integer("contract_id"),
    userId: integer("user_id").references(() => users.id),
    note: text("note"),
    /** The note as key and parameters (`ServerText`), for each viewer's language. */
    noteText: jsonb("note_text").$type<ServerText>(),
  },
  (t) => [index("asset_events_asset_idx").on(t.assetId, t.at)],
);
