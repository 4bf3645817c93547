import { addMonths, format, parseISO } from "date-fns";
import { nextBillingDate } from "../billing/billing-schedule.js";
import type { PlanTerms } from "../plans/plan-terms.js";

type FeeTerms = Pick<PlanTerms, "monthlyFee" | "discountAmount" | "discountMonths">;

/**
 * The first day a promoted contract pays its full fee: the promotion covers the first
 * `discountMonths` full periods (the stub is never discounted). Null without a promotion.
 */
export function promotionEndsOn(input: {
  terms: FeeTerms;
  activatedOn: string;
  billingDay: number;
}): string | null {
  const { terms } = input;
  if (terms.discountMonths <= 0 || terms.discountAmount <= 0) return null;
  const firstFull = parseISO(nextBillingDate(input.activatedOn, input.billingDay));
  return format(addMonths(firstFull, terms.discountMonths), "yyyy-MM-dd");
}

/**
 * A contract's monthly fee after promotion on a day (SPEC §3 "MRR"): what the full period in
 * force on `on` charges, as the billing schedule has it — the fee less the discount (never below
 * zero) during the promoted full periods, the whole fee otherwise. A stub is not discounted, so a
 * contract still in its stub counts at its full fee.
 */
export function monthlyFeeOn(input: {
  terms: FeeTerms;
  activatedOn: string;
  billingDay: number;
  on: string;
}): number {
  const { terms } = input;
  const promotionEnd = promotionEndsOn(input);
  if (promotionEnd === null || input.on >= promotionEnd) return terms.monthlyFee;
  const firstFull = nextBillingDate(input.activatedOn, input.billingDay);
  if (input.on < firstFull) return terms.monthlyFee;
  return terms.monthlyFee - Math.min(terms.discountAmount, terms.monthlyFee);
}
