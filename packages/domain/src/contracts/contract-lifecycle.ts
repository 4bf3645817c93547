import { addDays, format, parseISO } from "date-fns";
import { DomainError } from "../domain-error.js";
import { stateMachine } from "../state-machine.js";

/**
 * SPEC §3 Contracts: draft → sent → signed → active → completed | terminated, suspended ⇄ active,
 * draft | sent | signed → cancelled, active → cancelled only within the cooling-off window.
 */
export const CONTRACT_STATUSES = [
  "draft",
  "sent",
  "signed",
  "active",
  "suspended",
  "completed",
  "terminated",
  "cancelled",
] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const contractLifecycle = stateMachine<ContractStatus>("A contract", {
  draft: ["sent", "cancelled"],
  sent: ["sent", "signed", "cancelled"],
  signed: ["active", "cancelled"],
  active: ["suspended", "completed", "terminated", "cancelled"],
  suspended: ["active", "terminated"],
  completed: [],
  terminated: [],
  cancelled: [],
});

/** The last day a customer may withdraw (청약철회): `coolingOffDays` days after activation. */
export function coolingOffEndsOn(activatedOn: string, coolingOffDays: number): string {
  return format(addDays(parseISO(activatedOn), coolingOffDays), "yyyy-MM-dd");
}

/** Cancelling an active contract is a cooling-off withdrawal and only allowed inside the window. */
export function assertCanCancelContract(input: {
  status: ContractStatus;
  activatedOn: string | null;
  coolingOffDays: number;
  on: string;
}): void {
  contractLifecycle.assertCanTransition(input.status, "cancelled");
  if (input.status === "active") {
    const last = coolingOffEndsOn(input.activatedOn!, input.coolingOffDays);
    if (input.on > last) {
      throw new DomainError(
        "business_rule",
        `The cooling-off window ended on ${last}; terminate the contract instead`,
        { last },
      );
    }
  }
}

export type EndOfTermOutcome =
  | { kind: "complete"; asset: "transfer" | "return" }
  | { kind: "wait"; reason: "term_running" | "open_ended" | "not_active" | "unpaid" };

/**
 * End of term (SPEC §3 lifecycle, §4): a fixed-term contract ends on the last day of its last
 * full period (`endsOn`) and is completed from the next day on. With ownership transfer the asset
 * passes to the customer; otherwise it is to be returned. A contract that still owes an invoice
 * waits (it stays under collections) and completes on the first day after it is paid: handing
 * over ownership, or closing the books, with money still owed would lose the claim. A suspended
 * contract cannot complete (the transition table says so); it must first be re-activated.
 */
export function endOfTermOutcome(input: {
  status: ContractStatus;
  endsOn: string | null;
  today: string;
  ownershipTransfer: boolean;
  owesInvoices: boolean;
}): EndOfTermOutcome {
  if (input.endsOn === null) return { kind: "wait", reason: "open_ended" };
  if (input.today <= input.endsOn) return { kind: "wait", reason: "term_running" };
  if (input.status !== "active") return { kind: "wait", reason: "not_active" };
  if (input.owesInvoices) return { kind: "wait", reason: "unpaid" };
  contractLifecycle.assertCanTransition(input.status, "completed");
  return { kind: "complete", asset: input.ownershipTransfer ? "transfer" : "return" };
}

/** The named guards of the steps that need a contract in a given state (SPEC §3 Contracts). */
export function assertCanSignContract(status: ContractStatus): void {
  contractLifecycle.assertIn(status, ["sent"], "be signed");
}

export function assertCanDeclineContract(status: ContractStatus): void {
  contractLifecycle.assertIn(status, ["sent"], "be declined");
}

/** Only a running contract (active or suspended) can be quoted for ending early. */
export function assertHasExitQuote(status: ContractStatus): void {
  contractLifecycle.assertIn(status, ["active", "suspended"], "have an exit quote");
}

/** Service visits are for installed contracts that are running (active or suspended). */
export function assertCanScheduleVisits(status: ContractStatus): void {
  contractLifecycle.assertIn(status, ["active", "suspended"], "have service visits", {
    contractId: "The contract is not active",
  });
}
