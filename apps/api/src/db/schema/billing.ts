import type { ServerText } from "@ssp/domain";
import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * Invoices (SPEC §3 Billing, §4): one per contract and period start, enforced by the database so
 * that any number of billing runs for the same date issue each invoice exactly once. Issued
 * invoices are never edited; corrections are credit notes.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    number: text("number").notNull(),
    contractId: integer("contract_id").notNull(),
    customerId: integer("customer_id").notNull(),
    periodKind: text("period_kind").notNull(),
    periodIndex: smallint("period_index").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    issueDate: date("issue_date", { mode: "string" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    supply: integer("supply").notNull(),
    vat: integer("vat").notNull(),
    total: integer("total").notNull(),
    // What the register shows of the lines, written with them (domain `invoiceSplit`): the
    // register reads it from the invoice instead of aggregating a million invoices' lines.
    rentAmount: integer("rent_amount").notNull().default(0),
    registrationFeeAmount: integer("registration_fee_amount").notNull().default(0),
    penaltyAmount: integer("penalty_amount").notNull().default(0),
    lateInterestAmount: integer("late_interest_amount").notNull().default(0),
    taxFreeAmount: integer("tax_free_amount").notNull().default(0),
    status: text("status").notNull().default("open"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    billingRunId: integer("billing_run_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // An invoice names an existing contract of its own partner: checked once per statement by
    // the trigger `invoices_contract_check` (migration 0013), not by a foreign key, whose
    // per-row FOR KEY SHARE lock on the contract was ~40 % of a billing run's WAL; contracts are
    // never deleted (trigger `contracts_are_kept`).
    unique("invoices_contract_period_key").on(t.contractId, t.periodStart, t.periodKind),
    index("invoices_partner_idx").on(t.partnerId, t.id),
    index("invoices_due_open_idx").on(t.dueDate, t.id).where(sql`status = 'open'`),
    // Reports and the dashboard read a partner's invoices of a period by issue date.
    index("invoices_partner_issue_idx").on(t.partnerId, t.issueDate),
  ],
);

/** An invoice's lines, identified by their position on it (one index to write, not two). */
export const invoiceLines = pgTable(
  "invoice_lines",
  {
    partnerId: integer("partner_id").notNull(),
    invoiceId: integer("invoice_id").notNull(),
    position: smallint("position").notNull(),
    kind: text("kind").notNull(),
    description: text("description").notNull(),
    /** The description as key and parameters (`ServerText`), for each viewer's language. */
    descriptionText: jsonb("description_text").$type<ServerText>(),
    supply: integer("supply").notNull(),
    vat: integer("vat").notNull(),
    amount: integer("amount").notNull(),
  },
  (t) => [primaryKey({ name: "invoice_lines_pkey", columns: [t.invoiceId, t.position] })],
);

/**
 * Collection attempts. `(invoice_id, attempt)` is unique and the gateway gets the same key for
 * the same attempt, so an attempt charges at most once even when runs race or crash.
 */
export const payments = pgTable(
  "payments",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    invoiceId: integer("invoice_id").notNull(),
    attempt: smallint("attempt").notNull(),
    amount: integer("amount").notNull(),
    status: text("status").notNull(),
    method: text("method").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    gatewayRef: text("gateway_ref"),
    failureCode: text("failure_code"),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("payments_invoice_attempt_key").on(t.invoiceId, t.attempt),
    index("payments_partner_idx").on(t.partnerId, t.id),
    // The payments report and the journal read a partner's attempts of a period.
    index("payments_partner_attempted_idx").on(t.partnerId, t.attemptedAt),
  ],
);

/**
 * Where each contract's billing stands: the start of its first period not yet invoiced (SPEC §3
 * Billing: a run issues every period started on or before its date and not yet invoiced). A run
 * walks the cursors due by its date instead of every contract, and moves each one past what it
 * issued in the same transaction; the row goes when the contract has no periods left (term over,
 * ended and billed up to its end, or cancelled). Invoice identity stays (contract, period start),
 * so a cursor left behind can never issue anything twice. No index on `next_period_on`, and
 * room on each page (fillfactor, migration 0018): moving a cursor is a HOT update.
 */
export const billingCursors = pgTable(
  "billing_cursors",
  {
    partnerId: integer("partner_id").notNull(),
    contractId: integer("contract_id").notNull(),
    nextPeriodOn: date("next_period_on", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ name: "billing_cursors_pkey", columns: [t.partnerId, t.contractId] })],
);

/** Corrections to an issued invoice: never an edit, always a row of its own (SPEC §3). */
export const creditNotes = pgTable(
  "credit_notes",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    invoiceId: integer("invoice_id").notNull(),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull(),
    userId: integer("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("credit_notes_invoice_idx").on(t.invoiceId)],
);

/** Money given back through the gateway (cooling-off withdrawal, credit note on a paid invoice). */
export const refunds = pgTable(
  "refunds",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    paymentId: integer("payment_id").notNull(),
    amount: integer("amount").notNull(),
    status: text("status").notNull(),
    reason: text("reason").notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    gatewayRef: text("gateway_ref"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refunds_payment_idx").on(t.paymentId)],
);

/** Formal demands (최고) sent for arrears, with their deadline. */
export const contractDemands = pgTable(
  "contract_demands",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    contractId: integer("contract_id").notNull(),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    status: text("status").notNull().default("open"),
  },
  (t) => [uniqueIndex("contract_demands_open_key").on(t.contractId).where(sql`status = 'open'`)],
);

/** Work for staff that a rule opened (asset recovery after termination, …). */
export const tasks = pgTable(
  "tasks",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull().default("open"),
    contractId: integer("contract_id"),
    assetId: integer("asset_id"),
    dueOn: date("due_on", { mode: "string" }),
    note: text("note"),
    /** The note as key and parameters (`ServerText`), for each viewer's language. */
    noteText: jsonb("note_text").$type<ServerText>(),
    /** The user working on it (issue 12 §3); status changes go through `moveTask`. */
    assigneeId: integer("assignee_id"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tasks_partner_status_idx").on(t.partnerId, t.status, t.id),
    index("tasks_assignee_idx").on(t.assigneeId, t.status),
  ],
);

/**
 * Late-payment interest accrued on an invoice that was paid after its due date (SPEC §4), where
 * the partner charges it. One row per late invoice, computed when it is settled; the contract's
 * next invoice (or its exit invoice) carries it as a `late_interest` line and points back here.
 */
export const lateInterestCharges = pgTable(
  "late_interest_charges",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    contractId: integer("contract_id").notNull(),
    /** The invoice that was paid late. */
    invoiceId: integer("invoice_id").notNull().unique(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    annualRateBp: smallint("annual_rate_bp").notNull(),
    amount: integer("amount").notNull(),
    /** The invoice whose `late_interest` line charged it; null until then. */
    chargedInvoiceId: integer("charged_invoice_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("late_interest_uncharged_idx").on(t.contractId).where(sql`charged_invoice_id is null`)],
);
