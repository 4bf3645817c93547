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
