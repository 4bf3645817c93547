import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { tickets } from "./tickets.js";

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
 *
 * `kind`: `regular` visits are the plan's (one per due date); a CS ticket adds the others — a
 * `repair`, or a relocation's `removal` at the old address and `reinstallation` at `address`.
 * `booked_by_staff`: booked by hand (an extra regular visit on a day of the manager's choosing,
 * or a ticket's); the daily job's own visits, on the plan's due dates, are the others.
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
    kind: text("kind").notNull().default("regular"),
    bookedByStaff: boolean("booked_by_staff").notNull().default(false),
    /** The CS ticket a repair or relocation visit was booked from. */
    ticketId: integer("ticket_id").references(() => tickets.id),
    /**
     * Where a reinstallation takes the unit, in the parts the contract keeps (ADR 0012): postcode,
     * road address and detail. They become the contract's install address once it is done.
     * Visits booked before the parts hold the whole line in `address` alone.
     */
    postcode: text("postcode"),
    address: text("address"),
    addressDetail: text("address_detail"),
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
    // One regular visit per due date; repairs and relocations may fall on any day.
    uniqueIndex("service_visits_contract_due_key").on(t.contractId, t.dueOn).where(sql`kind = 'regular'`),
    // The daily job's question "has this contract a plan visit due on or after the date?", from
    // the index alone (an extra visit staff booked does not stand in for the plan's next one).
    index("service_visits_plan_due_idx")
      .on(t.contractId, t.dueOn)
      .where(sql`kind = 'regular' and not booked_by_staff`),
    check("service_visits_kind_check", sql`kind in ('regular', 'repair', 'removal', 'reinstallation')`),
    index("service_visits_ticket_idx").on(t.ticketId),
    index("service_visits_partner_scheduled_idx").on(t.partnerId, t.scheduledOn, t.id),
    index("service_visits_technician_idx").on(t.technicianId, t.scheduledOn),
    // The daily job's open visits (missed flags, reminders) without walking the finished ones.
    index("service_visits_open_idx")
      .on(t.partnerId, t.scheduledOn)
      .where(sql`status in ('scheduled', 'assigned')`),
  ],
);
