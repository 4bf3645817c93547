import type { ServerText } from "@ssp/domain";
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { assets } from "./assets.js";
import { invoices } from "./billing.js";
import { contracts } from "./contracts.js";
import { customers } from "./customers.js";
import { partners } from "./partners.js";
import { users } from "./users.js";

/** A new address in the three parts of ADR 0012 (postcode and detail optional). */
export interface RelocationAddress {
  postcode: string | null;
  road: string;
  detail: string | null;
}

/**
 * CS tickets (SPEC §3). Status changes go through the domain's `ticketLifecycle` in `moveTicket`;
 * `slaDueAt` is computed from the priority when the ticket is opened (or its priority changes).
 */
export const tickets = pgTable(
  "tickets",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    number: text("number").notNull(),
    type: text("type").notNull(),
    status: text("status").notNull().default("open"),
    priority: text("priority").notNull().default("normal"),
    slaDueAt: timestamp("sla_due_at", { withTimezone: true }).notNull(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    contractId: integer("contract_id").references(() => contracts.id),
    assetId: integer("asset_id").references(() => assets.id),
    assigneeId: integer("assignee_id").references(() => users.id),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /**
     * A relocation the customer asked for on their page: the new address in parts, as they typed
     * it (also written in the body), so staff book the reinstallation with it prefilled.
     */
    relocationAddress: jsonb("relocation_address").$type<RelocationAddress>(),
    /** `staff` (taken by phone or at the desk) or `customer` (opened on their own page). */
    source: text("source").notNull().default("staff"),
    createdBy: integer("created_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tickets_partner_number_idx").on(t.partnerId, t.number),
    index("tickets_partner_status_sla_idx").on(t.partnerId, t.status, t.slaDueAt),
    index("tickets_partner_sla_idx").on(t.partnerId, t.slaDueAt, t.id),
    // The inbox (open tickets in TICKET_SLA_SORT order, the admin's default): its page straight
    // from this index, not from every ticket ever closed…
    index("tickets_open_sla_idx")
      .on(
        t.partnerId,
        sql`(case when ${t.status} in ('resolved', 'closed') then 'infinity'::timestamptz else ${t.slaDueAt} end)`,
        t.id,
      )
      .where(sql`status not in ('resolved', 'closed')`),
    index("tickets_customer_idx").on(t.customerId),
    index("tickets_contract_idx").on(t.contractId),
    index("tickets_assignee_idx").on(t.assigneeId),
  ],
);

/**
 * How many of a partner's tickets are open (not resolved or closed): the inbox's total, read
 * instead of counted on every page (issue 12: the count was most of the inbox's database time).
 * Kept exact by statement triggers on `tickets` in the same transaction as the change (migration
 * 0048), so it is never stale and never a cache; a restore loads it with the tickets.
 */
export const ticketOpenCounts = pgTable("ticket_open_counts", {
  partnerId: integer("partner_id")
    .primaryKey()
    .references(() => partners.id),
  open: integer("open").notNull().default(0),
});

/**
 * A ticket's timeline: public replies (the customer sees them), internal notes (staff only), and
 * the status, assignment and action events. The author is a staff user or the customer.
 */
export const ticketComments = pgTable(
  "ticket_comments",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id),
    /** `reply` (public), `note` (internal), `event` (status, assignment, action). */
    kind: text("kind").notNull(),
    body: text("body").notNull(),
    /** An event's body as key and parameters (`ServerText`), for each viewer's language. */
    bodyText: jsonb("body_text").$type<ServerText>(),
    authorUserId: integer("author_user_id").references(() => users.id),
    authorCustomerId: integer("author_customer_id").references(() => customers.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_comments_ticket_idx").on(t.ticketId, t.id)],
);

/** The invoices a billing dispute is about. */
export const ticketInvoices = pgTable(
  "ticket_invoices",
  {
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.invoiceId] }),
    index("ticket_invoices_invoice_idx").on(t.invoiceId),
  ],
);

/**
 * The customer's own page of a contract (SPEC §3 Customer self-service): reached by a link whose
 * token only the customer has (its SHA-256 stored), guarded like the signing page (birth date,
 * five misses lock it). A verification hands out a proof that lasts a while.
 */
export const customerPageLinks = pgTable(
  "customer_page_links",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    tokenHash: text("token_hash").notNull().unique(),
    proofHash: text("proof_hash"),
    proofExpiresAt: timestamp("proof_expires_at", { withTimezone: true }),
    failedAttempts: smallint("failed_attempts").notNull().default(0),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_page_links_contract_idx").on(t.contractId)],
);
