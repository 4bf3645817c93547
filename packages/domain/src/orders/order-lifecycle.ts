import { stateMachine } from "../state-machine.js";

/** SPEC §3 Orders: received → credit → contract → ready → installed; any open order can be cancelled. */
export const ORDER_STATUSES = [
  "received",
  "credit_review",
  "credit_approved",
  "credit_declined",
  "contract_sent",
  "contract_signed",
  "ready_to_install",
  "installed",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderLifecycle = stateMachine<OrderStatus>("An order", {
  received: ["credit_review", "credit_approved", "credit_declined", "cancelled"],
  credit_review: ["credit_approved", "credit_declined", "cancelled"],
  credit_approved: ["contract_sent", "cancelled"],
  credit_declined: [],
  contract_sent: ["contract_signed", "cancelled"],
  contract_signed: ["ready_to_install", "cancelled"],
  ready_to_install: ["installed", "cancelled"],
  installed: [],
  cancelled: [],
});

/** The named guards of the steps that need an order in a given state (SPEC §3 Orders). */
export function assertCanRunCreditCheck(status: OrderStatus): void {
  orderLifecycle.assertIn(status, ["received"], "have a credit check run");
}

export function assertCanDecideCredit(status: OrderStatus): void {
  orderLifecycle.assertIn(status, ["credit_review"], "be approved or declined");
}

/** A unit is allocated once the contract is out for signature or signed. */
export function assertCanAllocateAsset(status: OrderStatus): void {
  orderLifecycle.assertIn(status, ["contract_sent", "contract_signed"], "have a unit allocated");
}

export function assertCanRecordInstallation(status: OrderStatus): void {
  orderLifecycle.assertIn(status, ["ready_to_install"], "be installed");
}
