import {
  assertTicketNotClosed,
  defaultTicketPriority,
  type TicketPriority,
  type TicketSource,
  type TicketStatus,
  text,
  ticketSlaDueAt,
} from "@ssp/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import type { Clock } from "../clock.js";
import { rowsOf } from "../db/client.js";
import {
  assets,
  contracts,
  customers,
  invoices,
  type RelocationAddress,
  ticketComments,
  ticketInvoices,
  tickets,
  users,
} from "../db/schema/index.js";
import { AppError, notFound } from "../http/errors.js";
import type { Note } from "../shared/note-columns.js";
import { bodyColumns, moveTicket } from "./move-ticket.js";
import { lockTicket, type TicketRow } from "./tickets.repository.js";
import type { TTicketCreateRequest, TTicketUpdateRequest } from "./tickets.schemas.js";

/** A staff request or a customer's public page: the tenant is always one partner. */
export type TicketContext = AuditContext & { clock: Clock };

/** Roles that can be handed a ticket. */
const ASSIGNABLE_ROLES = ["owner", "manager", "cs", "finance"];

const unprocessable = (field: string, message: string) =>
  new AppError(422, "business_rule", message, { [field]: message });

async function assertAssignee(ctx: TicketContext, partnerId: number, userId: number): Promise<void> {
  const [user] = await ctx.tx
    .select({ id: users.id, role: users.role, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.partnerId, partnerId)))
    .limit(1);
  if (!user?.active || !ASSIGNABLE_ROLES.includes(user.role))
    throw unprocessable("assigneeId", "Pick an active staff member of this partner");
}

/** Who a ticket can be handed to: the partner's active staff of the assignable roles. */
export async function assignees(ctx: { tx: TicketContext["tx"]; actor: { partnerId: number | null } }) {
  if (ctx.actor.partnerId === null) return [];
  return ctx.tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.partnerId, ctx.actor.partnerId),
        eq(users.active, true),
        inArray(users.role, ASSIGNABLE_ROLES),
      ),
    )
    .orderBy(users.name, users.id);
}

/**
 * Opens a ticket. The customer must be the partner's; a contract, the customer's; the asset is
 * the contract's unless named; a billing dispute's invoices, the customer's. The SLA due time
 * follows the priority (the type's default when none is given).
 */
export async function createTicket(
  ctx: TicketContext,
  input: TTicketCreateRequest & {
    partnerId: number;
    source: TicketSource;
    /** A relocation the customer asked for: the new address in parts (their page only). */
    relocationAddress?: RelocationAddress | null;
  },
): Promise<TicketRow> {
  const { partnerId } = input;
  const [customer] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, input.customerId), eq(customers.partnerId, partnerId)))
    .limit(1);
  if (!customer) throw unprocessable("customerId", "No such customer");
  let assetId = input.assetId ?? null;
  if (input.contractId) {
    const [contract] = await ctx.tx
      .select({ id: contracts.id, customerId: contracts.customerId, assetId: contracts.assetId })
      .from(contracts)
      .where(and(eq(contracts.id, input.contractId), eq(contracts.partnerId, partnerId)))
      .limit(1);
    if (!contract || contract.customerId !== input.customerId)
      throw unprocessable("contractId", "Pick one of this customer's contracts");
    assetId ??= contract.assetId;
  } else if (input.type === "cancellation_request" || input.type === "relocation") {
    throw unprocessable("contractId", "Pick the contract this request is about");
  }
  if (input.assetId) {
    const [asset] = await ctx.tx
      .select({ id: assets.id })
      .from(assets)
      .where(and(eq(assets.id, input.assetId), eq(assets.partnerId, partnerId)))
      .limit(1);
    if (!asset) throw unprocessable("assetId", "No such asset");
  }
  const invoiceIds = [...new Set(input.invoiceIds ?? [])];
  if (invoiceIds.length && input.type !== "billing_dispute")
    throw unprocessable("invoiceIds", "Only a billing dispute links invoices");
  if (invoiceIds.length) await assertCustomersInvoices(ctx, partnerId, input.customerId, invoiceIds);
  if (input.assigneeId) await assertAssignee(ctx, partnerId, input.assigneeId);

  const now = ctx.clock.now();
  const priority = input.priority ?? defaultTicketPriority(input.type);
  const [next] = rowsOf<{ id: number }>(
    await ctx.tx.execute(sql`select nextval('tickets_id_seq')::int as id`),
  );
  const id = next!.id;
  const [row] = await ctx.tx
    .insert(tickets)
    .values({
      id,
      partnerId,
      number: `CS-${now.getUTCFullYear()}-${String(id).padStart(6, "0")}`,
      type: input.type,
      status: "open",
      priority,
      slaDueAt: ticketSlaDueAt(now, priority),
      customerId: input.customerId,
      contractId: input.contractId ?? null,
      assetId,
      assigneeId: input.assigneeId ?? null,
      subject: input.subject,
      body: input.body,
      relocationAddress: input.type === "relocation" ? (input.relocationAddress ?? null) : null,
      source: input.source,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (invoiceIds.length)
    await ctx.tx
      .insert(ticketInvoices)
      .values(invoiceIds.map((invoiceId) => ({ partnerId, ticketId: id, invoiceId })));
  await ctx.tx.insert(ticketComments).values({
    partnerId,
    ticketId: id,
    kind: "event",
    ...bodyColumns(
      text(input.source === "customer" ? "ticket.received_from_customer" : "ticket.received_by_staff"),
    ),
    authorUserId: ctx.actor?.userId ?? null,
    authorCustomerId: ctx.actor ? null : input.customerId,
    toStatus: "open",
    at: now,
  });
  await recordAudit(ctx, {
    entity: "tickets",
    entityId: id,
    action: "create",
    partnerId,
    // What, not what the customer wrote (the body may hold personal data).
    after: { type: input.type, priority, source: input.source, contractId: input.contractId ?? null },
  });
  return row!;
}

async function assertCustomersInvoices(
  ctx: TicketContext,
  partnerId: number,
  customerId: number,
  ids: number[],
) {
  const rows = await ctx.tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(inArray(invoices.id, ids), eq(invoices.partnerId, partnerId), eq(invoices.customerId, customerId)),
    );
  if (rows.length !== ids.length) throw unprocessable("invoiceIds", "Pick invoices of this customer");
}

/** Links more invoices to a billing dispute. */
export async function linkInvoices(
  ctx: TicketContext & { scope: Parameters<typeof lockTicket>[1] },
  ticketId: number,
  invoiceIds: number[],
) {
  const ticket = await lockTicket(ctx.tx, ctx.scope, ticketId);
  if (!ticket) throw notFound("Ticket");
  if (ticket.type !== "billing_dispute")
    throw unprocessable("invoiceIds", "Only a billing dispute links invoices");
  const ids = [...new Set(invoiceIds)];
  await assertCustomersInvoices(ctx, ticket.partnerId, ticket.customerId, ids);
  await ctx.tx
    .insert(ticketInvoices)
    .values(ids.map((invoiceId) => ({ partnerId: ticket.partnerId, ticketId, invoiceId })))
    .onConflictDoNothing();
  await recordAudit(ctx, {
    entity: "tickets",
    entityId: ticketId,
    action: "link_invoices",
    partnerId: ticket.partnerId,
    after: { invoiceIds: ids },
  });
  return ticket;
}

/**
 * Assignment, priority and status in one request, each a step of its own on the timeline and in
 * the audit log; the status goes through `moveTicket`. A priority change moves the SLA due time.
 */
export async function updateTicket(
  ctx: TicketContext & { scope: Parameters<typeof lockTicket>[1] },
  ticketId: number,
  input: TTicketUpdateRequest,
): Promise<TicketRow> {
  let ticket = await lockTicket(ctx.tx, ctx.scope, ticketId);
  if (!ticket) throw notFound("Ticket");
  const now = ctx.clock.now();
  const changes =
    (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) ||
    (input.priority !== undefined && input.priority !== ticket.priority);
  if (changes) assertTicketNotClosed(ticket.status as TicketStatus, "be reassigned or reprioritised");
  if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
    if (input.assigneeId !== null) await assertAssignee(ctx, ticket.partnerId, input.assigneeId);
    const before = ticket.assigneeId;
    [ticket] = await ctx.tx
      .update(tickets)
      .set({ assigneeId: input.assigneeId, updatedAt: now })
      .where(eq(tickets.id, ticketId))
      .returning();
    const [assignee] = input.assigneeId
      ? await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, input.assigneeId))
      : [];
    await event(ctx, ticket!, assignee ? `담당자 지정: ${assignee.name}` : "담당자 해제");
    await recordAudit(ctx, {
      entity: "tickets",
      entityId: ticketId,
      action: "assign",
      partnerId: ticket!.partnerId,
      before: { assigneeId: before },
      after: { assigneeId: input.assigneeId },
    });
  }
  if (input.priority !== undefined && input.priority !== ticket!.priority) {
    const before = ticket!.priority;
    [ticket] = await ctx.tx
      .update(tickets)
      .set({
        priority: input.priority,
        slaDueAt: ticketSlaDueAt(ticket!.createdAt, input.priority as TicketPriority),
        updatedAt: now,
      })
      .where(eq(tickets.id, ticketId))
      .returning();
    await event(ctx, ticket!, `우선순위 변경: ${before} → ${input.priority}`);
    await recordAudit(ctx, {
      entity: "tickets",
      entityId: ticketId,
      action: "priority",
      partnerId: ticket!.partnerId,
      before: { priority: before },
      after: { priority: input.priority },
    });
  }
  if (input.status !== undefined && input.status !== ticket!.status) {
    ticket = await moveTicket(ctx, ticket!, input.status as TicketStatus, { note: input.note });
  }
  return ticket!;
}

async function event(ctx: TicketContext, ticket: TicketRow, note: Note) {
  await ctx.tx.insert(ticketComments).values({
    partnerId: ticket.partnerId,
    ticketId: ticket.id,
    kind: "event",
    ...bodyColumns(note),
    authorUserId: ctx.actor?.userId ?? null,
    authorCustomerId: !ctx.actor && ctx.by?.kind === "customer" ? ctx.by.customerId : null,
    at: ctx.clock.now(),
  });
}

/** A public reply (the customer sees it) or an internal note; a closed ticket takes neither. */
export async function addComment(
  ctx: TicketContext,
  ticket: TicketRow,
  input: { kind: "reply" | "note"; body: string },
) {
  assertTicketNotClosed(ticket.status as TicketStatus, "take more comments");
  const [row] = await ctx.tx
    .insert(ticketComments)
    .values({
      partnerId: ticket.partnerId,
      ticketId: ticket.id,
      kind: input.kind,
      body: input.body,
      authorUserId: ctx.actor?.userId ?? null,
      authorCustomerId: ctx.actor ? null : ticket.customerId,
      at: ctx.clock.now(),
    })
    .returning();
  await ctx.tx.update(tickets).set({ updatedAt: ctx.clock.now() }).where(eq(tickets.id, ticket.id));
  await recordAudit(ctx, {
    entity: "tickets",
    entityId: ticket.id,
    action: `comment:${input.kind}`,
    partnerId: ticket.partnerId,
  });
  return { ...row!, at: row!.at.toISOString() };
}

export { event as ticketEvent };
