import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";

/** A part used on a visit (a filter, a gasket, …) as the technician recorded it. */
export interface VisitPart {
  name: string;
  quantity: number;
}

/**
 * Service visits (방문관리, SPEC §3): one per contract and due date (the plan's
 * `serviceIntervalMonths` counted from activation), so any number of scheduling runs creates
 * each visit once. `scheduled_on` starts at the due date and moves when the visit is rescheduled.
 * Status changes go through `moveVisit` (domain `visitLifecycle`). `missed_on` is the day the
 * daily job flagged it as missed beyond the partner's grace period; `credit_note_id` the credit
 * note that compensated the customer, where the partner enables it.
 */
export const serviceVisits = pgTable(
  "service_visits",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").notNull(),
    contractId: integer("contract_id").notNull(),
    assetId: integer("asset_id"),
    customerId: integer("customer_id").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    scheduledOn: date("scheduled_on", { mode: "string" }).notNull(),
    technicianId: integer("technician_id"),
    status: text("status").notNull().default("scheduled"),
    reason: text("reason"),
    notes: text("notes"),
    partsUsed: jsonb("parts_used").$type<VisitPart[]>(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    signatureDocumentId: integer("signature_document_id"),
    signatureSha256: text("signature_sha256"),
    missedOn: date("missed_on", { mode: "string" }),
    creditNoteId: integer("credit_note_id"),
    remindedOn: date("reminded_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("service_visits_contract_due_key").on(t.contractId, t.dueOn),
    index("service_visits_partner_scheduled_idx").on(t.partnerId, t.scheduledOn, t.id),
    index("service_visits_technician_idx").on(t.technicianId, t.scheduledOn),
    // The daily job's open visits (missed flags, reminders) without walking the finished ones.
    index("service_visits_open_idx")
      .on(t.partnerId, t.scheduledOn)
      .where(sql`status in ('scheduled', 'assigned')`),
  ],
);
