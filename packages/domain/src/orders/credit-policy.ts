/** A partner's credit policy (SPEC §3): approve at or above `approveAt`, review at or above `reviewAt`. */
export interface CreditPolicy {
  approveAt: number;
  reviewAt: number;
}

export const DEFAULT_CREDIT_POLICY: CreditPolicy = { approveAt: 700, reviewAt: 600 };

export type CreditOutcome = "approved" | "review" | "declined";

export function creditOutcome(score: number, policy: CreditPolicy): CreditOutcome {
  if (score >= policy.approveAt) return "approved";
  if (score >= policy.reviewAt) return "review";
  return "declined";
}

/** Where the order goes after a check. */
export const ORDER_STATUS_AFTER_CHECK = {
  approved: "credit_approved",
  review: "credit_review",
  declined: "credit_declined",
} as const;
