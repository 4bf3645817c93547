import { isSlaBreached, type TicketStatus } from "@ssp/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { runStatement } from "../db/run-statement.js";
import {
  customers,
  ticketComments,
  ticketInvoices,
  ticketOpenCounts,
  tickets,
  users,
} from "../db/schema/index.js";
import { findScoped, partnerScope, whereAll } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";

export type TicketRow = typeof tickets.$inferSelect;
export type TicketCommentRow = typeof ticketComments.$inferSelect;
export const ticketTable = { table: tickets, partnerColumn: tickets.partnerId };

/**
 * The inbox order: open tickets by SLA due time (so the breached ones, due longest ago, come
 * first), then the resolved and closed ones after them.
 */
export const TICKET_SLA_SORT = sql`(case when ${tickets.status} in ('resolved', 'closed') then 'infinity'::timestamptz else ${tickets.slaDueAt} end)`;

/**
 * Not resolved or closed: with the statuses written out, not bound, so that the list's prepared
 * statements (generic plans) can use the partial index `tickets_open_sla_idx`, whose predicate
 * this is.
 */
export const OPEN_TICKET = sql`${tickets.status} not in ('resolved', 'closed')`;

/** The inbox's own filter: open tickets, nothing else narrowing them. */
export function isInboxFilter(filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => (key === "open" ? value === true : !value));
}

/** How many of the tenant's tickets are open, as the database keeps it (migration 0048). */
export const OPEN_TICKETS_TOTAL = sql`select coalesce(sum(${ticketOpenCounts.open}), 0)::int from ${ticketOpenCounts}`;

export function findTicket(tx: Db, scope: TenantScope, id: number): Promise<TicketRow | undefined> {
  return findScoped<TicketRow>(tx, scope, ticketTable, id);
}

/** The ticket with its row locked until the transaction ends: load it this way before a change. */
export async function lockTicket(tx: Db, scope: TenantScope, id: number): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(whereAll(eq(tickets.id, id), partnerScope(tickets.partnerId, scope)))
    .limit(1)
    .for("update");
  return row;
}

/** The names a ticket's JSON shows beside the ids. */
export interface TicketNames {
  customerName: string | null;
  assigneeName: string | null;
}

/**
 * The same names as SQL of a ticket's row: a list page reads them in its own statement
 * (ReadSpec.listColumns), twenty-five primary-key lookups and no second round trip.
 */
export const TICKET_NAME_COLUMNS = {
  customerName: sql`select ${customers.name} from ${customers} where ${customers.id} = ${tickets.customerId}`,
  assigneeName: sql`select ${users.name} from ${users} where ${users.id} = ${tickets.assigneeId}`,
};

/** The names of tickets read without them (one by id, or after a change), in one statement. */
export async function ticketNames(tx: Db, rows: readonly TicketRow[]): Promise<TicketNames[]> {
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const userIds = [...new Set(rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))];
  const names = await runStatement(
    tx,
    `select 'c', id, name from customers where id = any($1::int[])
     union all select 'u', id, name from users where id = any($2::int[])`,
    [`{${customerIds.join(",")}}`, `{${userIds.join(",")}}`],
    (raw) => raw as [string, number, string][],
  );
  const of = (kind: string) => new Map(names.filter((n) => n[0] === kind).map((n) => [Number(n[1]), n[2]]));
  const customerNames = of("c");
  const userNames = of("u");
  return rows.map((r) => ({
    customerName: customerNames.get(r.customerId) ?? null,
    assigneeName: r.assigneeId ? (userNames.get(r.assigneeId) ?? null) : null,
  }));
}

export function ticketJson(r: TicketRow, names: TicketNames, now: Date) {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    status: r.status,
    priority: r.priority,
    subject: r.subject,
    body: r.body,
    // The new address a customer's relocation request gave, in parts (null otherwise).
    relocationAddress: r.relocationAddress,
    source: r.source,
    customerId: r.customerId,
    customerName: names.customerName,
    contractId: r.contractId,
    assetId: r.assetId,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? names.assigneeName : null,
    slaDueAt: r.slaDueAt.toISOString(),
    slaBreached: isSlaBreached({ status: r.status as TicketStatus, slaDueAt: r.slaDueAt }, now),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The timeline: replies, notes and events, oldest first, each with its author's name. */
export async function ticketTimeline(tx: Db, ticketId: number, options: { publicOnly?: boolean } = {}) {
  const rows = await tx
    .select({
      comment: ticketComments,
      userName: users.name,
      customerName: customers.name,
    })
    .from(ticketComments)
    .leftJoin(users, eq(users.id, ticketComments.authorUserId))
    .leftJoin(customers, eq(customers.id, ticketComments.authorCustomerId))
    .where(
      and(
        eq(ticketComments.ticketId, ticketId),
        options.publicOnly ? eq(ticketComments.kind, "reply") : undefined,
      ),
    )
    .orderBy(ticketComments.id);
  return rows.map(({ comment: c, userName, customerName }) => ({
    id: c.id,
    kind: c.kind,
    body: c.body,
    bodyText: c.bodyText,
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    author: c.authorUserId
      ? { kind: "user" as const, id: c.authorUserId, name: userName }
      : c.authorCustomerId
        ? { kind: "customer" as const, id: c.authorCustomerId, name: customerName }
        : { kind: "system" as const, id: null, name: null },
    at: c.at.toISOString(),
  }));
}

export async function linkedInvoiceIds(tx: Db, ticketId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: ticketInvoices.invoiceId })
    .from(ticketInvoices)
    .where(eq(ticketInvoices.ticketId, ticketId))
    .orderBy(ticketInvoices.invoiceId);
  return rows.map((r) => r.id);
}
