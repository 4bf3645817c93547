import { describe, expect, it } from "vitest";
import {
  assertCanCancelContract,
  CONTRACT_STATUSES,
  type ContractStatus,
  contractLifecycle,
  coolingOffEndsOn,
} from "./contract-lifecycle.js";

const ALLOWED: [ContractStatus, ContractStatus][] = [
  ["draft", "sent"],
  ["sent", "sent"],
  ["sent", "signed"],
  ["signed", "active"],
  ["active", "suspended"],
  ["suspended", "active"],
  ["active", "completed"],
  ["active", "terminated"],
  ["suspended", "terminated"],
  ["draft", "cancelled"],
  ["sent", "cancelled"],
  ["signed", "cancelled"],
  ["active", "cancelled"],
];

describe("contract lifecycle", () => {
  it("allows exactly the transitions of SPEC §3 (resending keeps a contract sent)", () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    for (const from of CONTRACT_STATUSES) {
      for (const to of CONTRACT_STATUSES) {
        expect(contractLifecycle.canTransition(from, to), `${from} → ${to}`).toBe(
          allowed.has(`${from}>${to}`),
        );
      }
    }
  });

  it("lets an active contract be cancelled only inside the cooling-off window", () => {
    expect(coolingOffEndsOn("2026-03-10", 14)).toBe("2026-03-24");
    expect(() =>
      assertCanCancelContract({
        status: "active",
        activatedOn: "2026-03-10",
        coolingOffDays: 14,
        on: "2026-03-24",
      }),
    ).not.toThrow();
    expect(() =>
      assertCanCancelContract({
        status: "active",
        activatedOn: "2026-03-10",
        coolingOffDays: 14,
        on: "2026-03-25",
      }),
    ).toThrow(/cooling-off/);
    expect(() =>
      assertCanCancelContract({ status: "signed", activatedOn: null, coolingOffDays: 14, on: "2027-01-01" }),
    ).not.toThrow();
    expect(() =>
      assertCanCancelContract({
        status: "completed",
        activatedOn: "2026-03-10",
        coolingOffDays: 14,
        on: "2026-03-11",
      }),
    ).toThrow(/cannot go/);
  });
});
