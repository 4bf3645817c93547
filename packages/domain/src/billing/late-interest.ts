import { differenceInCalendarDays, parseISO } from "date-fns";
import { DomainError } from "../domain-error.js";
import { assertWon } from "../money/won.js";

/** SPEC §4: a partner's late-interest rate may not exceed 6% a year (600 basis points). */
export const MAX_LATE_INTEREST_BP = 600;

const days = (from: string, to: string) =>
  Math.max(0, differenceInCalendarDays(parseISO(to), parseISO(from)));

/** The later of two ISO dates (they compare as strings). */
const laterOf = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);

function assertRate(annualRateBp: number): void {
  if (!Number.isInteger(annualRateBp) || annualRateBp < 0 || annualRateBp > MAX_LATE_INTEREST_BP) {
    throw new DomainError("business_rule", "Late interest may not exceed 6% a year");
  }
}

/**
 * Late-payment interest on one invoice, accrued daily on what is still owed (SPEC §4):
 * floor(Σ balance × days × rate / 365), the balance falling on each day money arrives (a payment
 * or a credit note on day X stops interest on that part from X on). Only one rounding, at the end,
 * so splitting a period never loses a won. The rate is in basis points a year, at most 600 (6%).
 */
export function accruedLateInterest(input: {
  amountDue: number;
  dueDate: string;
  until: string;
  reductions?: readonly { on: string; amount: number }[];
  annualRateBp: number;
}): number {
  assertWon(input.amountDue, "amountDue");
  assertRate(input.annualRateBp);
  const reductions = [...(input.reductions ?? [])]
    .map((r) => ({ on: laterOf(r.on, input.dueDate), amount: assertWon(r.amount) }))
    .filter((r) => r.on < input.until)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let balance = input.amountDue;
  let from = input.dueDate;
  let wonDays = 0;
  for (const r of reductions) {
    wonDays += Math.max(0, balance) * days(from, r.on);
    balance -= r.amount;
    from = r.on;
  }
  wonDays += Math.max(0, balance) * days(from, input.until);
  return Math.floor((wonDays * input.annualRateBp) / (10_000 * 365));
}

/** Interest on a fixed overdue amount from one date to another: floor(overdue × rate × days / 365). */
export function lateInterest(input: {
  overdueAmount: number;
  annualRateBp: number;
  fromDate: string;
  toDate: string;
}): number {
  return accruedLateInterest({
    amountDue: input.overdueAmount,
    dueDate: input.fromDate,
    until: input.toDate,
    annualRateBp: input.annualRateBp,
  });
}

/** A partner's setting (percent a year, e.g. 6 or 5.5) as basis points. */
export function rateBp(annualRatePercent: number): number {
  const bp = Math.round(annualRatePercent * 100);
  assertRate(bp);
  return bp;
}
