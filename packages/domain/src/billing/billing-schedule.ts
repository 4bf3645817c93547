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
import { splitVat } from "../money/vat.js";
import { assertWon } from "../money/won.js";
import type { PlanTerms } from "../plans/plan-terms.js";

/** One line of an invoice; VAT is split per line (SPEC §4). */
export interface InvoiceLine {
  kind:
    | "rent"
    | "registration_fee"
    | "late_interest"
    | "penalty"
    | "removal_fee"
    | "registration_clawback"
    | "promotion_clawback"
    | "relocation_fee";
  description: string;
  supply: number;
  vat: number;
  amount: number;
}

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

/**
 * Line kinds that are damages, not the price of a supply: a penalty (위약금) and late-payment
 * interest (연체이자) are outside VAT, so their whole amount is supply (docs/decisions/0005).
 */
export const VAT_FREE_LINE_KINDS: ReadonlySet<InvoiceLine["kind"]> = new Set(["penalty", "late_interest"]);

/** One invoice line with its VAT split: prices are VAT-inclusive, damages carry none. */
export function line(kind: InvoiceLine["kind"], description: string, amount: number): InvoiceLine {
  const { supply, vat } = VAT_FREE_LINE_KINDS.has(kind)
    ? { supply: assertWon(amount), vat: 0 }
    : splitVat(amount);
  return { kind, description, supply, vat, amount };
}

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

/** Full period n (1-based) from the first billing date: rent less any promotion, never below zero. */
function fullPeriod(terms: PlanTerms, firstFull: string, n: number): SchedulePeriod {
  const first = parseISO(firstFull);
  const start = addMonths(first, n - 1);
  const end = addDays(addMonths(first, n), -1);
  const discount = n <= terms.discountMonths ? Math.min(terms.discountAmount, terms.monthlyFee) : 0;
  const description = `월 렌탈료 ${iso(start)} ~ ${iso(end)}${discount > 0 ? ` (프로모션 ${discount.toLocaleString("ko-KR")}원 할인)` : ""}`;
  const rent = line("rent", description, terms.monthlyFee - discount);
  return { kind: "full", index: n, start: iso(start), end: iso(end), lines: [rent], amount: rent.amount };
}

/**
 * The period that starts on `date`, if any, exactly as `billingSchedule` would list it (first
 * invoice with its registration fee). The billing run asks this for every contract due that day,
 * without building whole schedules.
 */
export function periodStartingOn(input: {
  terms: PlanTerms;
  activatedOn: string;
  billingDay: number;
  date: string;
}): SchedulePeriod | null {
  const { terms, activatedOn, billingDay, date } = input;
  if (date < activatedOn) return null;
  const firstFull = nextBillingDate(activatedOn, billingDay);
  if (date === activatedOn)
    return billingSchedule({ terms, activatedOn, billingDay, horizonMonths: 1 }).periods[0]!;
  if (parseISO(date).getDate() !== billingDay || date < firstFull) return null;
  const n = differenceInCalendarMonths(parseISO(date), parseISO(firstFull)) + 1;
  if (terms.termMonths !== null && n > terms.termMonths) return null;
  return fullPeriod(terms, firstFull, n);
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
  const { terms, activatedOn, billingDay } = input;
  if (!Number.isInteger(billingDay) || billingDay < 1 || billingDay > 28) {
    throw new DomainError("business_rule", "The billing day must be between 1 and 28");
  }
  const periods: SchedulePeriod[] = [];
  const firstFull = nextBillingDate(activatedOn, billingDay);
  if (firstFull !== activatedOn) {
    const stub = stubCharge({ monthlyFee: terms.monthlyFee, activatedOn, billingDay });
    periods.push({
      kind: "stub",
      index: 0,
      start: activatedOn,
      end: stub.end,
      lines: [line("rent", `일할 렌탈료 ${activatedOn} ~ ${stub.end} (${stub.days}일)`, stub.amount)],
      amount: 0,
    });
  }
  const count = terms.termMonths ?? input.horizonMonths ?? 12;
  for (let n = 1; n <= count; n++) periods.push(fullPeriod(terms, firstFull, n));
  if (terms.registrationFee > 0 && !terms.registrationFeeWaived) {
    periods[0]!.lines.push(line("registration_fee", "등록비", terms.registrationFee));
  }
  for (const p of periods) p.amount = p.lines.reduce((sum, l) => sum + l.amount, 0);
  const endsOn = terms.termMonths === null ? null : periods[periods.length - 1]!.end;
  return { endsOn, periods };
}
