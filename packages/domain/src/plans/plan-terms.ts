/**
 * A plan's terms: everything a contract freezes when it is drafted (SPEC §3 Catalog).
 * Amounts are integer won, VAT included.
 */
export interface PlanTerms {
  kind: "rental" | "subscription";
  monthlyFee: number;
  termMonths: number | null;
  mandatoryMonths: number;
  registrationFee: number;
  registrationFeeWaived: boolean;
  ownershipTransfer: boolean;
  serviceIntervalMonths: number | null;
  earlyTerminationRate: number;
  removalFee: number;
  coolingOffDays: number;
  discountAmount: number;
  discountMonths: number;
}

/**
 * The largest amounts a plan may ask (docs/decisions/0008): generous for a consumer or small
 * business rental, and small enough that every invoice a plan can produce — the first one with
 * its registration fee, or an exit of ten years' penalty plus every fee and clawback — stays
 * within what one ledger row holds (MAX_LEDGER_WON, 21억 won).
 */
export const PLAN_LIMITS = {
  monthlyFee: 10_000_000,
  registrationFee: 10_000_000,
  removalFee: 10_000_000,
  termMonths: 120,
} as const;

export const PLAN_TERM_FIELDS = [
  "kind",
  "monthlyFee",
  "termMonths",
  "mandatoryMonths",
  "registrationFee",
  "registrationFeeWaived",
  "ownershipTransfer",
  "serviceIntervalMonths",
  "earlyTerminationRate",
  "removalFee",
  "coolingOffDays",
  "discountAmount",
  "discountMonths",
] as const satisfies readonly (keyof PlanTerms)[];

/** Rules that tie fields together; returns field → message, empty when the terms hold. */
export function planTermErrors(t: PlanTerms): Record<string, string> {
  const errors: Record<string, string> = {};
  if (t.kind === "rental" && t.termMonths === null) errors.termMonths = "A rental plan needs a term";
  if (t.termMonths !== null && t.mandatoryMonths > t.termMonths) {
    errors.mandatoryMonths = "The mandatory period cannot be longer than the term";
  }
  if (t.discountAmount > t.monthlyFee) errors.discountAmount = "The discount cannot exceed the monthly fee";
  if (t.discountAmount > 0 && t.discountMonths === 0) errors.discountMonths = "Say for how many months";
  if (t.termMonths !== null && t.discountMonths > t.termMonths) {
    errors.discountMonths = "The promotion cannot outlast the term";
  }
  if (t.ownershipTransfer && t.termMonths === null) {
    errors.ownershipTransfer = "Ownership can only pass at the end of a fixed term";
  }
  return errors;
}

export function termsChanged(current: PlanTerms, next: PlanTerms): boolean {
  return PLAN_TERM_FIELDS.some((f) => current[f] !== next[f]);
}

/**
 * Editing a plan: contracts keep the terms they signed, so once a version is in use a change
 * of terms makes a new version; a version nobody uses yet is simply corrected in place.
 */
export function planEditOutcome(input: {
  current: PlanTerms;
  next: PlanTerms;
  inUse: boolean;
}): "update_in_place" | "new_version" {
  return input.inUse && termsChanged(input.current, input.next) ? "new_version" : "update_in_place";
}
