import { addDays, addMonths, format, parseISO } from "date-fns";
import { stateMachine } from "../state-machine.js";

/**
 * SPEC §3 Service visits (방문관리): a visit is `scheduled` when the schedule creates it, `assigned`
 * once a technician of the partner has it (re-assigning keeps it assigned), then `completed` with
 * notes and parts, or `cancelled` with a reason. Rescheduling moves its date without changing its
 * status. "Missed" is not a status: it is derived (see `isVisitMissed`).
 */
/**
 * What a visit is for: the plan's `regular` service (one per due date), or one a CS ticket
 * booked — a `repair`, or a relocation's `removal` at the old address and `reinstallation` at
 * the new one.
 */
export const VISIT_KINDS = ["regular", "repair", "removal", "reinstallation"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VISIT_STATUSES = ["scheduled", "assigned", "completed", "cancelled"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const visitLifecycle = stateMachine<VisitStatus>("A service visit", {
  scheduled: ["assigned", "cancelled"],
  assigned: ["assigned", "completed", "cancelled"],
  completed: [],
  cancelled: [],
});

/** The actions staff take on a visit, and the status each one leads to (reschedule keeps it). */
export const VISIT_ACTIONS = ["assign", "reschedule", "cancel", "complete"] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

export function visitTarget(from: VisitStatus, action: VisitAction): VisitStatus {
  switch (action) {
    case "assign":
      return "assigned";
    case "reschedule":
      return from;
    case "cancel":
      return "cancelled";
    case "complete":
      return "completed";
  }
}

/** Whether a visit is still to be done (rescheduling is allowed only then). */
export const isVisitOpen = (status: VisitStatus) => !visitLifecycle.isTerminal(status);

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * A visit is missed when it is still open more than `graceDays` after its scheduled date
 * (the partner's grace period).
 */
export function isVisitMissed(input: {
  status: VisitStatus;
  scheduledOn: string;
  graceDays: number;
  today: string;
}): boolean {
  return (
    isVisitOpen(input.status) && iso(addDays(parseISO(input.scheduledOn), input.graceDays)) < input.today
  );
}

/** The last scheduled date still inside the grace period on `today`: older open visits are missed. */
export function missedBefore(today: string, graceDays: number): string {
  return iso(addDays(parseISO(today), -graceDays));
}

/**
 * The `k`-th visit's due date (k ≥ 1): `k × interval` months after activation, always counted
 * from the activation date (so 31 January gives 28/29 February, then 31 March, never drifting).
 */
export function visitDueDate(activatedOn: string, intervalMonths: number, k: number): string {
  return iso(addMonths(parseISO(activatedOn), k * intervalMonths));
}

/**
 * The visit schedule of a contract: every due date after activation, up to and including
 * `until` and never after the contract ends.
 */
export function visitSchedule(input: {
  activatedOn: string;
  intervalMonths: number;
  until: string;
  endsOn?: string | null;
}): string[] {
  if (!Number.isInteger(input.intervalMonths) || input.intervalMonths < 1) return [];
  const last = input.endsOn && input.endsOn < input.until ? input.endsOn : input.until;
  const dates: string[] = [];
  for (let k = 1; ; k++) {
    const due = visitDueDate(input.activatedOn, input.intervalMonths, k);
    if (due > last) return dates;
    dates.push(due);
  }
}

/** The first due date on or after `from` (null when the contract ends before it). */
export function nextVisitDue(input: {
  activatedOn: string;
  intervalMonths: number;
  from: string;
  endsOn?: string | null;
}): string | null {
  if (!Number.isInteger(input.intervalMonths) || input.intervalMonths < 1) return null;
  for (let k = 1; ; k++) {
    const due = visitDueDate(input.activatedOn, input.intervalMonths, k);
    if (input.endsOn && due > input.endsOn) return null;
    if (due >= input.from) return due;
  }
}
