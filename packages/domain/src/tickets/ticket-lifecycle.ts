import { addHours } from "date-fns";
import { stateMachine } from "../state-machine.js";

/** SPEC §3 CS tickets: what a customer calls about. */
export const TICKET_TYPES = [
  "inquiry",
  "repair",
  "relocation",
  "name_transfer",
  "cancellation_request",
  "billing_dispute",
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_STATUSES = ["open", "in_progress", "waiting_customer", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_SOURCES = ["staff", "customer"] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/**
 * open → in_progress → waiting_customer → resolved → closed. Work can start again while the
 * customer is awaited or after a resolution they dispute (reopen); a closed ticket is final.
 */
export const ticketLifecycle = stateMachine<TicketStatus>("A ticket", {
  open: ["in_progress", "waiting_customer", "resolved"],
  in_progress: ["waiting_customer", "resolved"],
  waiting_customer: ["in_progress", "resolved"],
  resolved: ["in_progress", "closed"],
  closed: [],
});

/** Hours from opening until the ticket must be resolved, by priority. */
export const TICKET_SLA_HOURS: Record<TicketPriority, number> = {
  urgent: 4,
  high: 24,
  normal: 72,
  low: 168,
};

/** The SLA due time of a ticket opened at `openedAt` with `priority` (wall-clock hours). */
export function ticketSlaDueAt(openedAt: Date, priority: TicketPriority): Date {
  return addHours(openedAt, TICKET_SLA_HOURS[priority]);
}

/** The SLA clock stops once a ticket is resolved or closed. */
export function isTicketOpen(status: TicketStatus): boolean {
  return status !== "resolved" && status !== "closed";
}

/** Breached: still open and past its due time. */
export function isSlaBreached(ticket: { status: TicketStatus; slaDueAt: Date }, now: Date): boolean {
  return isTicketOpen(ticket.status) && ticket.slaDueAt.getTime() < now.getTime();
}

/** What a customer may open from their own page (the rest are staff's to open). */
export const CUSTOMER_REQUEST_TYPES = ["repair", "relocation", "cancellation_request", "inquiry"] as const;
export type CustomerRequestType = (typeof CUSTOMER_REQUEST_TYPES)[number];

/** A customer's request starts with this priority: a cancellation is answered first. */
export function defaultTicketPriority(type: TicketType): TicketPriority {
  if (type === "cancellation_request" || type === "repair") return "high";
  return "normal";
}

/** A closed ticket is history: no more assignment, priority or comments. */
export function assertTicketNotClosed(status: TicketStatus, action: string): void {
  ticketLifecycle.assertIn(
    status,
    TICKET_STATUSES.filter((s) => s !== "closed"),
    action,
  );
}

/** Ticket actions (a visit, a termination, a credit, a transfer) are for open tickets only. */
export function assertTicketOpen(status: TicketStatus): void {
  ticketLifecycle.assertIn(
    status,
    TICKET_STATUSES.filter((s) => isTicketOpen(s)),
    "be worked on",
  );
}
