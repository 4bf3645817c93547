import { DomainError } from "../domain-error.js";
import { assertWon } from "../money/won.js";
import type { PlanTerms } from "../plans/plan-terms.js";
import { renderText, type ServerText, text } from "../texts/server-text.js";
import { billingSchedule } from "./billing-schedule.js";

export interface QuoteItem {
  kind: "penalty" | "removal_fee" | "registration_clawback" | "promotion_clawback" | "late_interest";
  /** What the item is, for each viewer's language; `description` is its Korean words. */
  text: ServerText;
  description: string;
  amount: number;
}

const item = (kind: QuoteItem["kind"], t: ServerText, amount: number): QuoteItem => ({
  kind,
  text: t,
  description: renderText(t, "ko"),
  amount,
});

export interface TerminationQuote {
  date: string;
  usedFullPeriods: number;
  remainingMandatoryPeriods: number;
  items: QuoteItem[];
  total: number;
}

/**
 * The exit quote for ending a contract early on `date` (SPEC §4). A full period that started on or
 * before the date is used (it was invoiced in advance); the stub never counts. Inside the
 * mandatory period: penalty on the remaining mandatory periods + removal fee + a waived
 * registration fee + promotion discounts received. After it: the removal fee only, and nothing
 * once an ownership-transfer plan's term is over.
 */
export function terminationQuote(input: {
  terms: PlanTerms;
  activatedOn: string;
  billingDay: number;
  date: string;
  lateInterest?: number;
}): TerminationQuote {
  const { terms, date } = input;
  if (date < input.activatedOn)
    throw new DomainError("business_rule", "A contract cannot end before it started");
  const schedule = billingSchedule({
    terms,
    activatedOn: input.activatedOn,
    billingDay: input.billingDay,
    horizonMonths: Math.max(terms.mandatoryMonths, 1) + 1200,
  });
  const full = schedule.periods.filter((p) => p.kind === "full");
  const used = full.filter((p) => p.start <= date);
  const remaining = Math.max(0, terms.mandatoryMonths - used.length);
  const items: QuoteItem[] = [];

  if (remaining > 0) {
    const penalty = Math.floor((remaining * terms.monthlyFee * terms.earlyTerminationRate) / 100);
    const penaltyText = text("line.penalty", {
      months: remaining,
      monthlyFee: terms.monthlyFee,
      rate: terms.earlyTerminationRate,
    });
    items.push(item("penalty", penaltyText, penalty));
    if (terms.removalFee > 0) items.push(item("removal_fee", text("line.removal_fee"), terms.removalFee));
    if (terms.registrationFeeWaived && terms.registrationFee > 0) {
      items.push(item("registration_clawback", text("line.registration_clawback"), terms.registrationFee));
    }
    const received =
      used.filter((p) => p.index <= terms.discountMonths).length *
      Math.min(terms.discountAmount, terms.monthlyFee);
    if (received > 0) items.push(item("promotion_clawback", text("line.promotion_clawback"), received));
  } else {
    const termOver = schedule.endsOn !== null && terms.termMonths !== null && date > schedule.endsOn;
    if (!(terms.ownershipTransfer && termOver) && terms.removalFee > 0) {
      items.push(item("removal_fee", text("line.removal_fee"), terms.removalFee));
    }
  }
  if (input.lateInterest)
    items.push(item("late_interest", text("line.late_interest"), assertWon(input.lateInterest)));
  const total = items.reduce((sum, i) => sum + i.amount, 0);
  return { date, usedFullPeriods: used.length, remainingMandatoryPeriods: remaining, items, total };
}

/** Cooling-off withdrawal: no penalty, and every payment already made comes back. */
export function coolingOffRefund(payments: readonly { amount: number; status: string }[]): number {
  return payments.filter((p) => p.status === "succeeded").reduce((sum, p) => sum + assertWon(p.amount), 0);
}
