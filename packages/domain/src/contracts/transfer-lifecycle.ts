import { stateMachine } from "../state-machine.js";

/** SPEC §3 CS tickets, name_transfer (명의변경): a contract moving to another customer. */
export const TRANSFER_STATUSES = [
  "requested",
  "credit_review",
  "credit_approved",
  "credit_declined",
  "sent",
  "signed",
  "completed",
  "cancelled",
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/**
 * requested → credit_approved | credit_review | credit_declined (the bureau and the partner's
 * policy; staff decide a review) → sent (the new holder's signing link; resending stays sent) →
 * signed → completed (the contract changed hands). A declined check ends the transfer: a new
 * applicant starts a new one. Anything before signing can be cancelled; once the new holder has
 * signed, the transfer only completes.
 */
export const transferLifecycle = stateMachine<TransferStatus>("A name transfer", {
  requested: ["credit_approved", "credit_review", "credit_declined", "cancelled"],
  credit_review: ["credit_approved", "credit_declined", "cancelled"],
  credit_approved: ["sent", "cancelled"],
  credit_declined: [],
  sent: ["sent", "signed", "cancelled"],
  signed: ["completed"],
  completed: [],
  cancelled: [],
});

/** Where a transfer goes after the credit check (the same policy outcome as an order's). */
export const TRANSFER_STATUS_AFTER_CHECK = {
  approved: "credit_approved",
  review: "credit_review",
  declined: "credit_declined",
} as const satisfies Record<string, TransferStatus>;

/** A transfer still under way: at most one per contract (the database enforces it too). */
export function isTransferOpen(status: TransferStatus): boolean {
  return !transferLifecycle.isTerminal(status);
}

/** Contract statuses whose holder can change: a running contract, paid up or suspended. */
export const TRANSFERABLE_CONTRACT_STATUSES = ["active", "suspended"] as const;

/** The named guards of a transfer's steps that need it in a given state. */
export function assertCanSignTransfer(status: TransferStatus): void {
  transferLifecycle.assertIn(status, ["sent"], "be signed");
}

export function assertCanRunTransferCreditCheck(status: TransferStatus): void {
  transferLifecycle.assertIn(status, ["requested"], "have a credit check run");
}

export function assertCanDecideTransferCredit(status: TransferStatus): void {
  transferLifecycle.assertIn(status, ["credit_review"], "be approved or declined");
}
