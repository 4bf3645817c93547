import { eq, ilike, inArray, isNull, lt, or } from "drizzle-orm";
import { ZQuoteQuery } from "../contracts/contracts.schemas.js";
import { tickets } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import { cancellationQuote, confirmCancellation, creditDisputedInvoice } from "./ticket-actions.js";
import { addComment, assignees, createTicket, linkInvoices, updateTicket } from "./ticket-use-cases.js";
import { bookRelocation, bookRepairVisit } from "./ticket-visits.js";
import {
  findTicket,
  isInboxFilter,
  linkedInvoiceIds,
  OPEN_TICKET,
  OPEN_TICKETS_TOTAL,
  TICKET_NAME_COLUMNS,
  TICKET_SLA_SORT,
  type TicketNames,
  type TicketRow,
  ticketJson,
  ticketNames,
  ticketTable,
  ticketTimeline,
} from "./tickets.repository.js";
import {
  ZConfirmCancellationRequest,
  ZLinkInvoicesRequest,
  ZRelocationRequest,
  ZRepairVisitRequest,
  ZTicketCommentRequest,
  ZTicketCreateRequest,
  ZTicketCreditNoteRequest,
  ZTicketFilter,
  ZTicketUpdateRequest,
} from "./tickets.schemas.js";

async function oneJson(ctx: StaffContext, row: TicketRow) {
  return {
    ...ticketJson(row, (await ticketNames(ctx.tx, [row]))[0]!, ctx.clock.now()),
    invoiceIds: await linkedInvoiceIds(ctx.tx, row.id),
  };
}

/** CS tickets (SPEC §3): the inbox, one ticket with its timeline, and the steps taken on it. */
export function registerTicketRoutes(routes: ApiRoutes): void {
  const tag = "tickets";
  const edit = { resource: "tickets", action: "edit" } as const;
  // Before the reads: `/tickets/:id` would otherwise take "assignees" for an id.
  routes.staff(
    {
      method: "get",
      path: "/tickets/assignees",
      summary: "The partner's staff a ticket can be handed to (names for the picker)",
      tag,
      access: edit,
      readOnly: true,
    },
    async (ctx) => ({ body: await assignees(ctx) }),
  );
  registerReads<TicketRow, typeof ZTicketFilter.shape>(routes, {
    resource: "tickets",
    title: "CS tickets (the inbox: breached SLAs first)",
    ...ticketTable,
    sort: {
      sla: TICKET_SLA_SORT,
      id: tickets.id,
      slaDueAt: tickets.slaDueAt,
      status: tickets.status,
      priority: tickets.priority,
      type: tickets.type,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    },
    defaultSort: ["sla", "ASC"],
    filters: ZTicketFilter,
    where: (f, ctx) => [
      f.q
        ? or(ilike(tickets.subject, `%${likeEscape(f.q)}%`), ilike(tickets.number, `%${likeEscape(f.q)}%`))
        : undefined,
      f.status ? inArray(tickets.status, Array.isArray(f.status) ? f.status : [f.status]) : undefined,
      f.type ? inArray(tickets.type, Array.isArray(f.type) ? f.type : [f.type]) : undefined,
      f.priority ? eq(tickets.priority, f.priority) : undefined,
      f.assigneeId ? eq(tickets.assigneeId, f.assigneeId) : undefined,
      f.unassigned ? isNull(tickets.assigneeId) : undefined,
      f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
      f.contractId ? eq(tickets.contractId, f.contractId) : undefined,
      f.open || f.breached ? OPEN_TICKET : undefined,
      f.breached ? lt(tickets.slaDueAt, ctx.clock.now()) : undefined,
    ],
    keptTotal: (f) => (isInboxFilter(f) ? OPEN_TICKETS_TOTAL : undefined),
    listColumns: TICKET_NAME_COLUMNS,
    toJson: async (rows, ctx, view) => {
      // A list page's rows carry their names (listColumns); a ticket read by id looks them up.
      const names: TicketNames[] =
        view === "list" ? (rows as (TicketRow & TicketNames)[]) : await ticketNames(ctx.tx, rows);
      const now = ctx.clock.now();
      return rows.map((r, i) => ticketJson(r, names[i]!, now));
    },
  });
  routes.staff(
    {
      method: "post",
      path: "/tickets",
      summary: "Open a ticket for a customer (SLA due time from the priority)",
      tag,
      body: ZTicketCreateRequest,
      access: { resource: "tickets", action: "create" },
    },
    async (ctx, { body }) => {
      if (ctx.actor.partnerId === null) throw new AppError(403, "forbidden", "Tickets belong to a partner");
      const row = await createTicket(ctx, { ...body, partnerId: ctx.actor.partnerId, source: "staff" });
      return { status: 201, body: await oneJson(ctx, row) };
    },
  );
  routes.staff(
    {
      method: "put",
      path: "/tickets/:id",
      summary: "Assign, reprioritise or move a ticket (each change on the timeline and audited)",
      tag,
      body: ZTicketUpdateRequest,
      access: edit,
    },
    async (ctx, { id, body }) => ({ body: await oneJson(ctx, await updateTicket(ctx, id, body)) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/tickets/:id/timeline",
      summary: "A ticket's replies, internal notes and events, oldest first",
      tag,
      access: { resource: "tickets", action: "show" },
    },
    async (ctx, { id }) => {
      if (!(await findTicket(ctx.tx, ctx.scope, id))) throw notFound("Ticket");
      return { body: await ticketTimeline(ctx.tx, id) };
    },
  );
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/comments",
      summary: "Reply to the customer or add an internal note",
      tag,
      body: ZTicketCommentRequest,
      access: edit,
    },
    async (ctx, { id, body }) => {
      const ticket = await findTicket(ctx.tx, ctx.scope, id);
      if (!ticket) throw notFound("Ticket");
      return { status: 201, body: await addComment(ctx, ticket, body) };
    },
  );
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/invoices",
      summary: "Link invoices to a billing dispute",
      tag,
      body: ZLinkInvoicesRequest,
      access: edit,
    },
    async (ctx, { id, body }) => {
      const ticket = await linkInvoices(ctx, id, body.invoiceIds);
      return { body: await oneJson(ctx, ticket) };
    },
  );
  routes.staff(
    {
      method: "get",
      path: "/tickets/:id/termination-quote",
      summary: "A cancellation request's exit quote (today unless a date is given)",
      tag,
      query: ZQuoteQuery.partial(),
      access: { resource: "tickets", action: "show" },
    },
    async (ctx, { id, query }) => ({ body: await cancellationQuote(ctx, id, query.date) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/confirm-cancellation",
      summary: "Terminate the contract of a cancellation request (the quote invoiced) and resolve it",
      tag,
      body: ZConfirmCancellationRequest,
      access: { resource: "contracts", action: "edit" },
    },
    async (ctx, { id, body }) => {
      const done = await confirmCancellation(ctx, id, body);
      return { body: { ...done, ticket: await oneJson(ctx, done.ticket) } };
    },
  );
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/credit-note",
      summary: "Credit a disputed invoice linked to a billing dispute (finance)",
      tag,
      body: ZTicketCreditNoteRequest,
      access: { resource: "billing-runs", action: "create" },
    },
    async (ctx, { id, body }) => ({ status: 201, body: await creditDisputedInvoice(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/repair-visit",
      summary: "Book a repair visit for a repair ticket",
      tag,
      body: ZRepairVisitRequest,
      access: { resource: "service-visits", action: "create" },
    },
    async (ctx, { id, body }) => ({ status: 201, body: await bookRepairVisit(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/tickets/:id/relocation",
      summary: "Book a relocation's removal and reinstallation visits (the fee is invoiced when it is done)",
      tag,
      body: ZRelocationRequest,
      access: { resource: "service-visits", action: "create" },
    },
    async (ctx, { id, body }) => ({ status: 201, body: await bookRelocation(ctx, id, body) }),
  );
}
