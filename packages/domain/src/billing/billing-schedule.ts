import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  format,
  getDaysInMonth,
  parseISO,
} from "date-fns";
import { DomainError } from "../domain-error.js";
import type { PlanTerms } from "../plans/plan-terms.js";
import { text } from "../texts/server-text.js";
import { type InvoiceLine, line } from "./invoice.js";

export interface SchedulePeriod {
  kind: "stub" | "full";
  /** 1-based number of the full period; 0 for the stub. */
  index: number;
  start: string;
  end: string;
  lines: InvoiceLine[];
  amount: number;
}

export interface Schedule {
  endsOn: string | null;
  periods: SchedulePeriod[];
}

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/** The first billing day on or after `date`. */
export function nextBillingDate(date: string, billingDay: number): string {
  const d = parseISO(date);
  const candidate = new Date(d.getFullYear(), d.getMonth(), billingDay);
  return iso(candidate >= d ? candidate : addMonths(candidate, 1));
}

/** `floor(monthlyFee × stubDays / daysInMonth(activationDate))`. */
export function stubCharge(input: { monthlyFee: number; activatedOn: string; billingDay: number }): {
  days: number;
  amount: number;
  end: string;
} {
  const start = parseISO(input.activatedOn);
  const firstFull = parseISO(nextBillingDate(input.activatedOn, input.billingDay));
  const days = differenceInCalendarDays(firstFull, start);
  const amount = Math.floor((input.monthlyFee * days) / getDaysInMonth(start));
  return { days, amount, end: iso(addDays(firstFull, -1)) };
}

/** Where a contract's periods fall: the optional stub, then full periods from the first billing date. */
interface PeriodFrame {
  terms: PlanTerms;
  activatedOn: string;
  billingDay: number;
  /** The first billing date on or after activation: full period 1 starts here. */
  firstFull: string;
  hasStub: boolean;
}

function frameOf(input: { terms: PlanTerms; activatedOn: string; billingDay: number }): PeriodFrame {
  if (!Number.isInteger(input.billingDay) || input.billingDay < 1 || input.billingDay > 28) {
    throw new DomainError("business_rule", "The billing day must be between 1 and 28");
  }
  const firstFull = nextBillingDate(input.activatedOn, input.billingDay);
  return { ...input, firstFull, hasStub: firstFull !== input.activatedOn };
}

/** The start of period `index` (0: the stub). */
function startOf(frame: PeriodFrame, index: number): string {
  return index === 0 ? frame.activatedOn : iso(addMonths(parseISO(frame.firstFull), index - 1));
}

/** Whether period `index` exists: no stub without one, no full period past a fixed term. */
function exists(frame: PeriodFrame, index: number): boolean {
  if (index === 0) return frame.hasStub;
  return frame.terms.termMonths === null || index <= frame.terms.termMonths;
}

/**
 * Period `index` (0: the stub; n ≥ 1: full period n) with its lines: the rent (the stub pro rata,
 * a full period less any promotion, never below zero) and, on the contract's first period, the
 * registration fee unless waived.
 */
function periodAt(frame: PeriodFrame, index: number): SchedulePeriod {
  const { terms } = frame;
  const lines: InvoiceLine[] = [];
  let start: string;
  let end: string;
  if (index === 0) {
    const stub = stubCharge({
      monthlyFee: terms.monthlyFee,
      activatedOn: frame.activatedOn,
      billingDay: frame.billingDay,
    });
    start = frame.activatedOn;
    end = stub.end;
    lines.push(line("rent", text("line.rent_stub", { start, end, days: stub.days }), stub.amount));
  } else {
    const first = parseISO(frame.firstFull);
    start = iso(addMonths(first, index - 1));
    end = iso(addDays(addMonths(first, index), -1));
    const discount = index <= terms.discountMonths ? Math.min(terms.discountAmount, terms.monthlyFee) : 0;
    const rent =
      discount > 0
        ? text("line.rent_discounted", { start, end, discount })
        : text("line.rent", { start, end });
    lines.push(line("rent", rent, terms.monthlyFee - discount));
  }
  const firstIndex = frame.hasStub ? 0 : 1;
  if (index === firstIndex && terms.registrationFee > 0 && !terms.registrationFeeWaived) {
    lines.push(line("registration_fee", text("line.registration_fee"), terms.registrationFee));
  }
  const amount = lines.reduce((sum, l) => sum + l.amount, 0);
  return { kind: index === 0 ? "stub" : "full", index, start, end, lines, amount };
}

/** The index of the period that starts on `date`; refuses a date on which no period starts. */
function indexStartingOn(frame: PeriodFrame, date: string): number {
  if (frame.hasStub && date === frame.activatedOn) return 0;
  const index = differenceInCalendarMonths(parseISO(date), parseISO(frame.firstFull)) + 1;
  if (index < 1 || startOf(frame, index) !== date) {
    throw new DomainError("business_rule", `No period of this contract starts on ${date}`, { date });
  }
  return index;
}

/** What a billing run must invoice for one contract, and where the next run picks up. */
export interface PeriodsDue {
  /** Every period from `from` that has started on or before `through`, in order. */
  periods: SchedulePeriod[];
  /** The start of the first period not returned, or null when the contract has no more periods. */
  next: string | null;
}

/**
 * The periods a contract must be invoiced for by `through` (SPEC §3 Billing: a run issues every
 * period that has started on or before its date and is not yet invoiced): from the first period
 * not yet invoiced (`from`, a period start) up to `through`, never past the term, and never a
 * period starting after the contract ended (`endedOn`). A pure function of the contract, what is
 * already invoiced and the target date — so catch-up, dry runs and simulations are the same code.
 */
export function periodsDue(input: {
  terms: PlanTerms;
  activatedOn: string;
  billingDay: number;
  from: string;
  through: string;
  endedOn?: string | null;
}): PeriodsDue {
  const frame = frameOf(input);
  const last = input.endedOn && input.endedOn < input.through ? input.endedOn : input.through;
  const open = (index: number) =>
    exists(frame, index) && (!input.endedOn || startOf(frame, index) <= input.endedOn);
  const periods: SchedulePeriod[] = [];
  let index = indexStartingOn(frame, input.from);
  for (; open(index) && startOf(frame, index) <= last; index++) periods.push(periodAt(frame, index));
  return { periods, next: open(index) ? startOf(frame, index) : null };
}

/**
 * The whole payment schedule (SPEC §4): an optional stub from activation to the day before the
 * first billing day, then `termMonths` full monthly periods starting on the billing day. The first
 * invoice carries the registration fee (unless waived); the promotion reduces the rent line of the
 * first `discountMonths` full periods, never below zero. Open-ended subscriptions are listed for
 * `horizonMonths` full periods.
 */
export function billingSchedule(input: {
  terms: PlanTerms;
  activatedOn: string;
  billingDay: number;
  horizonMonths?: number;
}): Schedule {
  const frame = frameOf(input);
  const count = input.terms.termMonths ?? input.horizonMonths ?? 12;
  const periods: SchedulePeriod[] = [];
  for (let index = frame.hasStub ? 0 : 1; index <= count; index++) periods.push(periodAt(frame, index));
  const endsOn = input.terms.termMonths === null ? null : periods[periods.length - 1]!.end;
  return { endsOn, periods };
}
