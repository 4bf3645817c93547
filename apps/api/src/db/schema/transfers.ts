import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { contracts, signingLinks } from "./contracts.js";
import { customers } from "./customers.js";
import { partners } from "./partners.js";
import { tickets } from "./tickets.js";
import { users } from "./users.js";

/**
 * A name transfer (명의변경, SPEC §3 CS tickets): the contract moving from one customer to another.
 * Status changes go through the domain's `transferLifecycle` in `moveTransfer`. The credit check
 * is kept here (credit_checks belong to orders); the signing link is a `transfer` signing_links
 * row, so the signing events of the new holder sit on the contract's audit trail.
 */
export const contractTransfers = pgTable(
  "contract_transfers",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id),
    fromCustomerId: integer("from_customer_id")
      .notNull()
      .references(() => customers.id),
    toCustomerId: integer("to_customer_id")
      .notNull()
      .references(() => customers.id),
    status: text("status").notNull().default("requested"),
    creditBureau: text("credit_bureau"),
    creditScore: smallint("credit_score"),
    creditGrade: smallint("credit_grade"),
    creditOutcome: text("credit_outcome"),
    creditBureauRef: text("credit_bureau_ref"),
    creditCheckedAt: timestamp("credit_checked_at", { withTimezone: true }),
    creditCheckedBy: integer("credit_checked_by").references(() => users.id),
    signingLinkId: integer("signing_link_id").references(() => signingLinks.id),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    /** SHA-256 of the sealed transfer agreement (documents kind `transfer_sealed`). */
    sealedSha256: text("sealed_sha256"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    requestedBy: integer("requested_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One transfer under way per contract, enforced by the database.
    uniqueIndex("contract_transfers_open_key")
      .on(t.contractId)
      .where(sql`status in ('requested', 'credit_review', 'credit_approved', 'sent', 'signed')`),
    index("contract_transfers_ticket_idx").on(t.ticketId),
    index("contract_transfers_partner_idx").on(t.partnerId, t.id),
  ],
);
