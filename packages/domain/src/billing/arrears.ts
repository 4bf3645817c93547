import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";
import { DomainError } from "../domain-error.js";

/** A partner's dunning settings (SPEC §3 Billing); the defaults are the SPEC's. */
export interface DunningPolicy {
  retryDays: readonly number[];
  suspendAfterDays: number;
  demandAfterInvoices: number;
  demandDeadlineDays: number;
}

export const DEFAULT_DUNNING: DunningPolicy = {
  retryDays: [1, 3, 7],
  suspendAfterDays: 30,
  demandAfterInvoices: 3,
  demandDeadlineDays: 14,
};

const iso = (d: Date) => format(d, "yyyy-MM-dd");
export const daysBetween = (from: string, to: string) =>
  differenceInCalendarDays(parseISO(to), parseISO(from));

/**
 * Which collection attempt is due on `today` for an unpaid invoice: attempt 1 on the due date
 * (the billing run), then one more on each retry day (D+1, D+3, D+7 by default). An attempt whose
 * day passed without a run (the server was down) is made on the next day that has one — at most
 * one attempt a day, so a day run twice, or a run after an outage, never charges twice in a row.
 * Null when no attempt is due.
 */
export function attemptDueOn(input: {
  dueDate: string;
  today: string;
  attemptsMade: number;
  /** The Seoul day of the latest attempt, if any. */
  lastAttemptOn?: string | null;
  policy: DunningPolicy;
}): number | null {
  const schedule = [0, ...input.policy.retryDays];
  const attempt = input.attemptsMade + 1;
  if (attempt > schedule.length) return null;
  if (daysBetween(input.dueDate, input.today) < schedule[attempt - 1]!) return null;
  if (input.lastAttemptOn && input.lastAttemptOn >= input.today) return null;
  return attempt;
}

export interface ArrearsInput {
  status: "active" | "suspended" | string;
  /** Unpaid monthly invoices with their due dates (any order). */
  overdue: readonly { dueDate: string }[];
  demand: { deadline: string } | null;
  today: string;
  policy: DunningPolicy;
}

export type ArrearsAction =
  | { kind: "suspend"; reason: string }
  | { kind: "demand"; deadline: string }
  | { kind: "terminate_for_default"; reason: string }
  | { kind: "reactivate" }
  | { kind: "none" };

/**
 * The arrears ladder for one contract on one day (SPEC §3 Billing), in the order that matters:
 * termination once a formal demand's deadline has passed unpaid; a formal demand (최고) once
 * `demandAfterInvoices` invoices are in arrears, with a deadline at least 14 days out;
 * suspension once an invoice is `suspendAfterDays` overdue; re-activation when a suspended
 * contract owes nothing overdue any more.
 */
export function arrearsAction(input: ArrearsInput): ArrearsAction {
  if (input.policy.demandDeadlineDays < 14)
    throw new DomainError("business_rule", "A formal demand gives at least 14 days");
  const late = input.overdue.filter((i) => daysBetween(i.dueDate, input.today) > 0);
  if (late.length === 0) return input.status === "suspended" ? { kind: "reactivate" } : { kind: "none" };
  if (input.demand && input.today >= input.demand.deadline) {
    return {
      kind: "terminate_for_default",
      reason: `최고 기한 ${input.demand.deadline} 경과, 미납 ${late.length}건`,
    };
  }
  if (!input.demand && late.length >= input.policy.demandAfterInvoices) {
    return { kind: "demand", deadline: iso(addDays(parseISO(input.today), input.policy.demandDeadlineDays)) };
  }
  const oldest = Math.max(...late.map((i) => daysBetween(i.dueDate, input.today)));
  if (input.status === "active" && oldest >= input.policy.suspendAfterDays) {
    return { kind: "suspend", reason: `${oldest}일 연체` };
  }
  return { kind: "none" };
}

/**
 * Whether a contract's arrears are cleared: no unpaid invoice is past its due date. Once cleared,
 * a formal demand (최고) has been answered and must be closed, and a suspended contract returns
 * to active; an answered demand left open would terminate the contract at the next lateness.
 */
export function arrearsCleared(input: { overdue: readonly { dueDate: string }[]; today: string }): boolean {
  return input.overdue.every((i) => daysBetween(i.dueDate, input.today) <= 0);
}
