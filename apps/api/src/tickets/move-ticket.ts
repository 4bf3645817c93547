import { type TicketStatus, ticketLifecycle } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import { ticketComments, tickets } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { type Note, noteColumns } from "../shared/note-columns.js";
import type { TicketRow } from "./tickets.repository.js";

/**
 * The one way a ticket changes status: the domain checks the step (409 if illegal), then the
 * row, its timeline event and the audit entry are written in the caller's transaction. Load the
 * ticket with `lockTicket` first; a row moved since it was read is refused (409).
 */
export async function moveTicket(
  ctx: AuditContext & { clock: { now(): Date } },
  ticket: TicketRow,
  to: TicketStatus,
  extra: { note?: Note; values?: Partial<typeof tickets.$inferInsert> } = {},
): Promise<TicketRow> {
  ticketLifecycle.assertCanTransition(ticket.status as TicketStatus, to);
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .update(tickets)
    .set({
      ...extra.values,
      status: to,
      resolvedAt: to === "resolved" ? now : to === "closed" ? ticket.resolvedAt : null,
      updatedAt: now,
    })
    .where(and(eq(tickets.id, ticket.id), eq(tickets.status, ticket.status)))
    .returning();
  if (!row) {
    throw new AppError(
      409,
      "illegal_transition",
      `The ticket is no longer ${ticket.status}; reload it and try again`,
    );
  }
  await ctx.tx.insert(ticketComments).values({
    partnerId: ticket.partnerId,
    ticketId: ticket.id,
    kind: "event",
    ...bodyColumns(extra.note),
    authorUserId: ctx.actor?.userId ?? null,
    authorCustomerId: !ctx.actor && ctx.by?.kind === "customer" ? ctx.by.customerId : null,
    fromStatus: ticket.status,
    toStatus: to,
    at: now,
  });
  await recordAudit(
    { tx: ctx.tx, actor: ctx.actor, ip: ctx.ip, by: ctx.by },
    {
      entity: "tickets",
      entityId: ticket.id,
      action: `status:${to}`,
      partnerId: ticket.partnerId,
      before: { status: ticket.status },
      after: { status: to },
    },
  );
  return row;
}

/** A timeline event's body: the note's Korean words (empty when none) and its key for each viewer. */
export function bodyColumns(note: Note | undefined) {
  const { note: body, noteText: bodyText } = noteColumns(note);
  return { body: body ?? "", bodyText };
}
