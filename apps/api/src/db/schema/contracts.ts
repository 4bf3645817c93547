import type { PlanTerms } from "@ssp/domain";
import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { assets } from "./assets.js";
import { planVersions } from "./catalog.js";
import { customers } from "./customers.js";
import { orders } from "./orders.js";
import { partners } from "./partners.js";
import { users } from "./users.js";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** What the contract froze about the customer when it was drafted. */
export interface ContractParty {
  name: string;
  birthDate: string;
  phone: string;
  email: string | null;
}

/**
 * A contract freezes the plan's terms and the parties at drafting (SPEC §3). At most one open
 * contract may hold an asset: a partial unique index, so the database itself refuses a second.
 */
export const contracts = pgTable(
  "contracts",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    number: text("number").notNull(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    planVersionId: integer("plan_version_id")
      .notNull()
      .references(() => planVersions.id),
    assetId: integer("asset_id").references(() => assets.id),
    status: text("status").notNull().default("draft"),
    billingDay: smallint("billing_day").notNull(),
    installPostcode: text("install_postcode"),
    /** Road address (도로명주소); rows from before the postcode search hold the whole line here. */
    installAddress: text("install_address").notNull(),
    installAddressDetail: text("install_address_detail"),
    terms: jsonb("terms").$type<PlanTerms>().notNull(),
    /** The terms' visit interval as a column, so the visit job's index can carry it (null: no visits). */
    serviceIntervalMonths: integer("service_interval_months").generatedAlwaysAs(
      sql`(terms->>'serviceIntervalMonths')::int`,
    ),
    party: jsonb("party").$type<ContractParty>().notNull(),
    productName: text("product_name").notNull(),
    productModel: text("product_model").notNull(),
    draftedOn: date("drafted_on", { mode: "string" }).notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    activatedOn: date("activated_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    endReason: text("end_reason"),
    unsignedSha256: text("unsigned_sha256"),
    sealedSha256: text("sealed_sha256"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("contracts_partner_number_key").on(t.partnerId, t.number),
    // the target of invoices' (contract, partner) foreign key
    unique("contracts_id_partner_key").on(t.id, t.partnerId),
    uniqueIndex("contracts_order_key").on(t.orderId).where(sql`status <> 'cancelled'`),
    uniqueIndex("contracts_open_asset_key")
      .on(t.assetId)
      .where(sql`asset_id is not null and status in ('draft', 'sent', 'signed', 'active', 'suspended')`),
    index("contracts_partner_status_idx").on(t.partnerId, t.status, t.id),
    index("contracts_customer_idx").on(t.customerId),
    // The dashboard and reports count what started and ended in a month.
    index("contracts_partner_activated_idx")
      .on(t.partnerId, t.activatedOn)
      .where(sql`activated_on is not null`),
    index("contracts_partner_ended_idx").on(t.partnerId, t.endedOn).where(sql`ended_on is not null`),
    // The daily visit job reads the contracts with visits from this index alone (no heap): which
    // have no visit due on or after the date, and, for those, everything it needs to schedule one.
    index("contracts_visit_schedule_idx")
      .on(t.partnerId, t.id, t.activatedOn, t.endsOn, t.serviceIntervalMonths, t.assetId, t.customerId)
      .where(sql`status = 'active' and service_interval_months > 0`),
  ],
);

/** Stored PDFs. Sealed ones are immutable: a trigger refuses UPDATE and DELETE (migration 0003). */
export const documents = pgTable(
  "documents",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    contractId: integer("contract_id").references(() => contracts.id),
    kind: text("kind").notNull(),
    sealed: boolean("sealed").notNull().default(false),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("documents_contract_idx").on(t.contractId, t.kind)],
);

/** E-mailed signing links: only the SHA-256 of the token is stored (SPEC §3 E-signature). */
export const signingLinks = pgTable(
  "signing_links",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    tokenHash: text("token_hash").notNull().unique(),
    /** `sign` (sent with the contract) or `pay` (sent by staff after signing, card registration only). */
    kind: text("kind").notNull().default("sign"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** SHA-256 of the proof handed out after a successful birth-date check (header X-Signing-Proof). */
    proofHash: text("proof_hash"),
    failedAttempts: smallint("failed_attempts").notNull().default(0),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    sentBy: integer("sent_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("signing_links_contract_idx").on(t.contractId)],
);

/** Every step of signing, with time, IP and user agent: the evidence on the audit certificate. */
export const signingEvents = pgTable(
  "signing_events",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    linkId: integer("link_id").references(() => signingLinks.id),
    kind: text("kind").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: jsonb("detail"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("signing_events_contract_idx").on(t.contractId, t.id)],
);

/** Auto-pay registrations. Only the gateway's token is kept, never card numbers. */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    contractId: integer("contract_id").references(() => contracts.id),
    gateway: text("gateway").notNull(),
    token: text("token").notNull(),
    display: text("display").notNull(),
    /** A card's last valid month (`YYYY-MM`), for the "card expiring" reminder; null if unknown. */
    cardExpiry: text("card_expiry"),
    /** active → deactivating (contract ended; the gateway is told after commit) → inactive. */
    status: text("status").notNull().default("active"),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // By contract, then id: a contract's newest active method (the billing run's lateral join,
    // `order by id desc limit 1`) is read backwards from the index, without a sort per contract.
    index("payment_methods_contract_idx").on(t.contractId, t.id),
    index("payment_methods_deactivating_idx").on(t.id).where(sql`status = 'deactivating'`),
  ],
);

/** Delivery and installation visits (SPEC §3 Installation). */
export const deliveries = pgTable(
  "deliveries",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    assetId: integer("asset_id")
      .notNull()
      .references(() => assets.id),
    technicianId: integer("technician_id")
      .notNull()
      .references(() => users.id),
    scheduledOn: date("scheduled_on", { mode: "string" }).notNull(),
    status: text("status").notNull().default("scheduled"),
    installedOn: date("installed_on", { mode: "string" }),
    receiptSha256: text("receipt_sha256"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("deliveries_technician_idx").on(t.technicianId, t.scheduledOn),
    index("deliveries_order_idx").on(t.orderId),
  ],
);
