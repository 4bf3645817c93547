import {
  boolean,
  index,
  integer,
  pgTable,
  pgView,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    name: text("name").notNull(),
    model: text("model").notNull(),
    category: text("category").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("products_partner_idx").on(t.partnerId, t.id)],
);

/**
 * A plan keeps a stable id for staff; its terms live in `plan_versions`. Contracts and orders
 * point at a version, so editing a plan in use adds a version instead of rewriting history.
 */
export const plans = pgTable(
  "plans",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    currentVersionId: integer("current_version_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plans_partner_idx").on(t.partnerId, t.id)],
);

export const planVersions = pgTable(
  "plan_versions",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id),
    version: integer("version").notNull(),
    kind: text("kind").notNull(),
    monthlyFee: integer("monthly_fee").notNull(),
    termMonths: integer("term_months"),
    mandatoryMonths: integer("mandatory_months").notNull(),
    registrationFee: integer("registration_fee").notNull(),
    registrationFeeWaived: boolean("registration_fee_waived").notNull(),
    ownershipTransfer: boolean("ownership_transfer").notNull(),
    serviceIntervalMonths: integer("service_interval_months"),
    earlyTerminationRate: integer("early_termination_rate").notNull(),
    removalFee: integer("removal_fee").notNull(),
    coolingOffDays: integer("cooling_off_days").notNull(),
    discountAmount: integer("discount_amount").notNull(),
    discountMonths: integer("discount_months").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("plan_versions_plan_version_key").on(t.planId, t.version)],
);

/**
 * Read view: each plan with its current version's terms (migration 0002). `security_invoker`
 * makes the view obey the caller's row-level security like the tables beneath it.
 */
export const plansCurrent = pgView("plans_current", {
  id: integer("id").notNull(),
  partnerId: integer("partner_id").notNull(),
  productId: integer("product_id").notNull(),
  name: text("name").notNull(),
  active: boolean("active").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  versionId: integer("version_id").notNull(),
  version: integer("version").notNull(),
  kind: text("kind").notNull(),
  monthlyFee: integer("monthly_fee").notNull(),
  termMonths: integer("term_months"),
  mandatoryMonths: integer("mandatory_months").notNull(),
  registrationFee: integer("registration_fee").notNull(),
  registrationFeeWaived: boolean("registration_fee_waived").notNull(),
  ownershipTransfer: boolean("ownership_transfer").notNull(),
  serviceIntervalMonths: integer("service_interval_months"),
  earlyTerminationRate: integer("early_termination_rate").notNull(),
  removalFee: integer("removal_fee").notNull(),
  coolingOffDays: integer("cooling_off_days").notNull(),
  discountAmount: integer("discount_amount").notNull(),
  discountMonths: integer("discount_months").notNull(),
}).existing();
