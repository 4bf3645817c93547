import { describe, expect, it } from "vitest";
import { assertInvoiceOpen, INVOICE_STATUSES } from "./billing/invoice-lifecycle.js";
import {
  assertCanDeclineContract,
  assertCanScheduleVisits,
  assertCanSignContract,
  assertHasExitQuote,
  CONTRACT_STATUSES,
} from "./contracts/contract-lifecycle.js";
import {
  assertCanDecideTransferCredit,
  assertCanRunTransferCreditCheck,
  assertCanSignTransfer,
  TRANSFER_STATUSES,
} from "./contracts/transfer-lifecycle.js";
import { DomainError } from "./domain-error.js";
import {
  assertCanAllocateAsset,
  assertCanDecideCredit,
  assertCanRecordInstallation,
  assertCanRunCreditCheck,
  ORDER_STATUSES,
} from "./orders/order-lifecycle.js";
import { assertTicketNotClosed, assertTicketOpen, TICKET_STATUSES } from "./tickets/ticket-lifecycle.js";

/** The states in which `guard` lets the step through; every other state is refused with a DomainError. */
function allowedStates<S extends string>(states: readonly S[], guard: (s: S) => void): S[] {
  return states.filter((s) => {
    try {
      guard(s);
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return false;
    }
  });
}

describe("the named guards of steps that are not status changes of their own", () => {
  it("open each order step in exactly its states", () => {
    expect(allowedStates(ORDER_STATUSES, assertCanRunCreditCheck)).toEqual(["received"]);
    expect(allowedStates(ORDER_STATUSES, assertCanDecideCredit)).toEqual(["credit_review"]);
    expect(allowedStates(ORDER_STATUSES, assertCanAllocateAsset)).toEqual([
      "contract_sent",
      "contract_signed",
    ]);
    expect(allowedStates(ORDER_STATUSES, assertCanRecordInstallation)).toEqual(["ready_to_install"]);
  });

  it("open each contract step in exactly its states", () => {
    expect(allowedStates(CONTRACT_STATUSES, assertCanSignContract)).toEqual(["sent"]);
    expect(allowedStates(CONTRACT_STATUSES, assertCanDeclineContract)).toEqual(["sent"]);
    expect(allowedStates(CONTRACT_STATUSES, assertHasExitQuote)).toEqual(["active", "suspended"]);
    expect(allowedStates(CONTRACT_STATUSES, assertCanScheduleVisits)).toEqual(["active", "suspended"]);
  });

  it("open transfer, ticket and invoice steps in exactly their states", () => {
    expect(allowedStates(TRANSFER_STATUSES, assertCanSignTransfer)).toEqual(["sent"]);
    expect(allowedStates(TRANSFER_STATUSES, assertCanRunTransferCreditCheck)).toEqual(["requested"]);
    expect(allowedStates(TRANSFER_STATUSES, assertCanDecideTransferCredit)).toEqual(["credit_review"]);
    expect(allowedStates(TICKET_STATUSES, assertTicketOpen)).toEqual([
      "open",
      "in_progress",
      "waiting_customer",
    ]);
    expect(allowedStates(TICKET_STATUSES, (s) => assertTicketNotClosed(s, "take comments"))).not.toContain(
      "closed",
    );
    expect(allowedStates(INVOICE_STATUSES, assertInvoiceOpen)).toEqual(["open"]);
  });

  it("says which state refused the step, and the field a request should mark", () => {
    expect(() => assertCanSignContract("signed")).toThrow("A contract that is signed cannot be signed");
    let refusal: unknown;
    try {
      assertCanScheduleVisits("draft");
    } catch (error) {
      refusal = error;
    }
    expect((refusal as DomainError).details).toMatchObject({
      from: "draft",
      fields: { contractId: expect.any(String) },
    });
    expect(() => assertInvoiceOpen("paid")).toThrow(expect.objectContaining({ code: "invoice_settled" }));
  });
});
