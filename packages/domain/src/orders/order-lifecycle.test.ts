import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, type OrderStatus, orderLifecycle } from "./order-lifecycle.js";

const ALLOWED: [OrderStatus, OrderStatus][] = [
  ["received", "credit_review"],
  ["received", "credit_approved"],
  ["received", "credit_declined"],
  ["credit_review", "credit_approved"],
  ["credit_review", "credit_declined"],
  ["credit_approved", "contract_sent"],
  ["contract_sent", "contract_signed"],
  ["contract_signed", "ready_to_install"],
  ["ready_to_install", "installed"],
  ...(
    [
      "received",
      "credit_review",
      "credit_approved",
      "contract_sent",
      "contract_signed",
      "ready_to_install",
    ] as const
  ).map((s) => [s, "cancelled"] as [OrderStatus, OrderStatus]),
];

describe("order lifecycle", () => {
  it("allows exactly the transitions of SPEC §3, and refuses every other pair", () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const ok = allowed.has(`${from}>${to}`);
        expect(orderLifecycle.canTransition(from, to), `${from} → ${to}`).toBe(ok);
        if (!ok) expect(() => orderLifecycle.assertCanTransition(from, to)).toThrow(/cannot go/);
      }
    }
  });

  it("treats installed, declined and cancelled as terminal", () => {
    for (const s of ["installed", "credit_declined", "cancelled"] as const)
      expect(orderLifecycle.isTerminal(s)).toBe(true);
  });
});
