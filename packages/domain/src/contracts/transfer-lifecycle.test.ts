import { describe, expect, it } from "vitest";
import {
  isTransferOpen,
  TRANSFER_STATUSES,
  type TransferStatus,
  transferLifecycle,
} from "./transfer-lifecycle.js";

const ALLOWED: [TransferStatus, TransferStatus][] = [
  ["requested", "credit_approved"],
  ["requested", "credit_review"],
  ["requested", "credit_declined"],
  ["requested", "cancelled"],
  ["credit_review", "credit_approved"],
  ["credit_review", "credit_declined"],
  ["credit_review", "cancelled"],
  ["credit_approved", "sent"],
  ["credit_approved", "cancelled"],
  ["sent", "sent"],
  ["sent", "signed"],
  ["sent", "cancelled"],
  ["signed", "completed"],
];

describe("name transfer lifecycle", () => {
  it("allows exactly the steps from request through credit check, signing and completion", () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    for (const from of TRANSFER_STATUSES) {
      for (const to of TRANSFER_STATUSES) {
        expect(transferLifecycle.canTransition(from, to), `${from} → ${to}`).toBe(
          allowed.has(`${from}>${to}`),
        );
      }
    }
  });

  it("refuses to send a link before the credit check approved the new holder", () => {
    expect(() => transferLifecycle.assertCanTransition("requested", "sent")).toThrow(/cannot go/);
    expect(() => transferLifecycle.assertCanTransition("credit_declined", "sent")).toThrow(/cannot go/);
  });

  it("cannot cancel once the new holder signed", () => {
    expect(transferLifecycle.canTransition("signed", "cancelled")).toBe(false);
  });

  it("counts a declined, completed or cancelled transfer as over", () => {
    expect(TRANSFER_STATUSES.filter(isTransferOpen)).toEqual([
      "requested",
      "credit_review",
      "credit_approved",
      "sent",
      "signed",
    ]);
  });
});
