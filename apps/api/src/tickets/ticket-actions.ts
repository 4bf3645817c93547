import { assertTicketOpen, type TicketStatus, text } from "@ssp/domain";
import { eq } from "drizzle-orm";
import { issueCreditNote } from "../billing/invoice-actions.js";
import { terminateContract, terminationQuoteFor } from "../contracts/end-contract.js";
import { invoices } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { moveTicket } from "./move-ticket.js";
import { ticketEvent } from "./ticket-use-cases.js";
import { findTicket, linkedInvoiceIds, lockTicket, type TicketRow } from "./tickets.repository.js";

function assertType(ticket: TicketRow, type: string): void {
  if (ticket.type !== type)
    throw new AppError(422, "wrong_ticket_type", `Only a ${type} ticket can do this`, {
      type: `Not a ${type}`,
    });
}

/** The ticket, locked, of the type a step is for and still open (404, 422, 409 otherwise). */
export async function lockOpenTicketOfType(
  ctx: StaffContext,
  ticketId: number,
  type: string,
): Promise<TicketRow> {
  const ticket = await lockTicket(ctx.tx, ctx.scope, ticketId);
  if (!ticket) throw notFound("Ticket");
  assertType(ticket, type);
  assertTicketOpen(ticket.status as TicketStatus);
  return ticket;
}

/** A cancellation request's exit quote for a date (today by default), from the contract code. */
export async function cancellationQuote(ctx: StaffContext, ticketId: number, date?: string) {
  const ticket = await findTicket(ctx.tx, ctx.scope, ticketId);
  if (!ticket) throw notFound("Ticket");
  assertType(ticket, "cancellation_request");
  if (!ticket.contractId) throw new AppError(422, "business_rule", "The ticket names no contract");
  return terminationQuoteFor(ctx, { contractId: ticket.contractId, date: date ?? ctx.clock.today() });
}

/**
 * Confirming a cancellation request terminates the contract through the existing termination
 * path (quote invoiced, asset recovery opened), then resolves the ticket. The ticket is locked
 * first, so a second confirmation waits and finds it resolved (409): a contract ends once.
 */
export async function confirmCancellation(
  ctx: StaffContext,
  ticketId: number,
  input: { date?: string; reason?: string },
) {
  const ticket = await lockOpenTicketOfType(ctx, ticketId, "cancellation_request");
  if (!ticket.contractId) throw new AppError(422, "business_rule", "The ticket names no contract");
  const date = input.date ?? ctx.clock.today();
  const ended = await terminateContract(ctx, {
    contractId: ticket.contractId,
    date,
    reason: input.reason ?? `고객 해지 요청 (${ticket.number})`,
  });
  const resolved = await moveTicket(ctx, ticket, "resolved", {
    note: text("ticket.contract_terminated", { date, total: ended.quote.total }),
  });
  return { ticket: resolved, ...ended };
}

/** Finance credits a disputed invoice (linked to the ticket) through the credit-note code. */
export async function creditDisputedInvoice(
  ctx: StaffContext,
  ticketId: number,
  input: { invoiceId: number; amount: number; reason: string },
) {
  const ticket = await lockOpenTicketOfType(ctx, ticketId, "billing_dispute");
  if (!(await linkedInvoiceIds(ctx.tx, ticket.id)).includes(input.invoiceId))
    throw new AppError(422, "invoice_not_linked", "Link the invoice to this dispute first", {
      invoiceId: "Not linked to this ticket",
    });
  const note = await issueCreditNote(ctx, {
    invoiceId: input.invoiceId,
    amount: input.amount,
    reason: `${input.reason} (${ticket.number})`,
  });
  const [invoice] = await ctx.tx
    .select({ number: invoices.number })
    .from(invoices)
    .where(eq(invoices.id, input.invoiceId));
  await ticketEvent(
    ctx,
    ticket,
    text("ticket.credit_issued", { amount: input.amount, invoice: invoice!.number }),
  );
  return note;
}
