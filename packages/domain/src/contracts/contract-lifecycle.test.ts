import { describe, expect, it } from "vitest";
import {
  assertCanCancelContract,
  CONTRACT_STATUSES,
  type ContractStatus,
  contractLifecycle,
  coolingOffEndsOn,
  endOfTermOutcome,
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

  it("completes a fixed-term contract from the day after its last full period, transferring or returning the asset", () => {
    const base = {
      status: "active" as const,
      endsOn: "2029-04-04",
      ownershipTransfer: false,
      owesInvoices: false,
    };
    expect(endOfTermOutcome({ ...base, today: "2029-04-04" })).toEqual({
      kind: "wait",
      reason: "term_running",
    });
    expect(endOfTermOutcome({ ...base, today: "2029-04-05" })).toEqual({ kind: "complete", asset: "return" });
    expect(endOfTermOutcome({ ...base, ownershipTransfer: true, today: "2029-04-05" })).toEqual({
      kind: "complete",
      asset: "transfer",
    });
  });

  it("keeps an open-ended, suspended or still-owing contract going past the end of term", () => {
    const base = {
      status: "active" as const,
      endsOn: "2029-04-04",
      ownershipTransfer: true,
      owesInvoices: false,
    };
    const today = "2029-05-01";
    expect(endOfTermOutcome({ ...base, endsOn: null, today })).toEqual({
      kind: "wait",
      reason: "open_ended",
    });
    expect(endOfTermOutcome({ ...base, status: "suspended", today })).toEqual({
      kind: "wait",
      reason: "not_active",
    });
    expect(endOfTermOutcome({ ...base, owesInvoices: true, today })).toEqual({
      kind: "wait",
      reason: "unpaid",
    });
  });
});
