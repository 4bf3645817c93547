import { describe, expect, it } from "vitest";
import {
  defaultTicketPriority,
  isSlaBreached,
  isTicketOpen,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
  ticketLifecycle,
  ticketSlaDueAt,
} from "./ticket-lifecycle.js";

const ALLOWED: [TicketStatus, TicketStatus][] = [
  ["open", "in_progress"],
  ["open", "waiting_customer"],
  ["open", "resolved"],
  ["in_progress", "waiting_customer"],
  ["in_progress", "resolved"],
  ["waiting_customer", "in_progress"],
  ["waiting_customer", "resolved"],
  ["resolved", "in_progress"],
  ["resolved", "closed"],
];

describe("ticket lifecycle", () => {
  it("allows exactly the transitions of SPEC §3, and refuses every other pair", () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const ok = allowed.has(`${from}>${to}`);
        expect(ticketLifecycle.canTransition(from, to), `${from} → ${to}`).toBe(ok);
        if (!ok) expect(() => ticketLifecycle.assertCanTransition(from, to)).toThrow(/cannot go/);
      }
    }
  });

  it("treats only closed as terminal", () => {
    for (const s of TICKET_STATUSES) expect(ticketLifecycle.isTerminal(s), s).toBe(s === "closed");
  });
});

describe("ticket SLA", () => {
  const opened = new Date("2026-03-02T01:00:00Z");
  it.each<[TicketPriority, string]>([
    ["urgent", "2026-03-02T05:00:00.000Z"],
    ["high", "2026-03-03T01:00:00.000Z"],
    ["normal", "2026-03-05T01:00:00.000Z"],
    ["low", "2026-03-09T01:00:00.000Z"],
  ])("a %s ticket is due at %s", (priority, due) => {
    expect(ticketSlaDueAt(opened, priority).toISOString()).toBe(due);
  });

  it.each<[TicketStatus, string, boolean]>([
    ["open", "2026-03-02T05:00:01Z", true],
    ["in_progress", "2026-03-02T05:00:01Z", true],
    ["waiting_customer", "2026-03-02T05:00:01Z", true],
    ["open", "2026-03-02T05:00:00Z", false],
    ["resolved", "2026-03-09T00:00:00Z", false],
    ["closed", "2026-03-09T00:00:00Z", false],
  ])("status %s at %s breached: %s", (status, now, breached) => {
    const slaDueAt = ticketSlaDueAt(opened, "urgent");
    expect(isSlaBreached({ status, slaDueAt }, new Date(now))).toBe(breached);
  });

  it("stops the clock once resolved or closed", () => {
    expect(TICKET_STATUSES.filter(isTicketOpen)).toEqual(["open", "in_progress", "waiting_customer"]);
  });

  it("answers cancellations and repairs first", () => {
    expect(defaultTicketPriority("cancellation_request")).toBe("high");
    expect(defaultTicketPriority("repair")).toBe("high");
    expect(defaultTicketPriority("relocation")).toBe("normal");
    expect(defaultTicketPriority("inquiry")).toBe("normal");
  });
});
