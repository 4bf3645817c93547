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
