import { text } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { contracts } from "../db/schema/index.js";
import { partnerScope } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound, validationFailed } from "../http/errors.js";
import { insertVisit, visitsJson } from "../service-visits/visit-use-cases.js";
import type { Note } from "../shared/note-columns.js";
import { moveTicket } from "./move-ticket.js";
import { lockOpenTicketOfType } from "./ticket-actions.js";
import { ticketEvent } from "./ticket-use-cases.js";
import type { TicketRow } from "./tickets.repository.js";
import type { TRelocationRequest, TRepairVisitRequest } from "./tickets.schemas.js";

async function openTicketOfType(ctx: StaffContext, ticketId: number, type: string) {
  const ticket = await lockOpenTicketOfType(ctx, ticketId, type);
  if (!ticket.contractId) throw new AppError(422, "business_rule", "The ticket names no contract");
  const [contract] = await ctx.tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, ticket.contractId), partnerScope(contracts.partnerId, ctx.scope)));
  if (!contract) throw notFound("Contract");
  return { ticket, contract };
}

/** Work has started on the ticket once a visit is booked for it. */
async function startWork(ctx: StaffContext, ticket: TicketRow, note: Note) {
  if (ticket.status === "open" || ticket.status === "waiting_customer")
    await moveTicket(ctx, ticket, "in_progress", { note });
  else await ticketEvent(ctx, ticket, note);
}

/** A repair ticket books a repair visit to the contract's unit. */
export async function bookRepairVisit(ctx: StaffContext, ticketId: number, input: TRepairVisitRequest) {
  const { ticket, contract } = await openTicketOfType(ctx, ticketId, "repair");
  const visit = await insertVisit(ctx, contract, {
    kind: "repair",
    scheduledOn: input.scheduledOn,
    technicianId: input.technicianId,
    notes: input.notes ?? ticket.subject,
    ticketId: ticket.id,
  });
  await startWork(ctx, ticket, text("ticket.repair_booked", { date: visit.scheduledOn }));
  return (await visitsJson(ctx.tx, [visit], ctx.clock.today()))[0]!;
}

/**
 * A relocation (이전설치) books two visits: the removal at the current address, then the
 * reinstallation at the new one. Completing the reinstallation moves the contract's address and
 * invoices the partner's relocation fee (service-visits/relocation.ts).
 */
export async function bookRelocation(ctx: StaffContext, ticketId: number, input: TRelocationRequest) {
  const { ticket, contract } = await openTicketOfType(ctx, ticketId, "relocation");
  if (input.reinstallOn < input.removalOn)
    throw validationFailed({ reinstallOn: "Reinstall on or after the removal" });
  const common = { technicianId: input.technicianId, ticketId: ticket.id };
  const removal = await insertVisit(ctx, contract, {
    ...common,
    kind: "removal",
    scheduledOn: input.removalOn,
    notes: "이전설치 — 철거",
  });
  const reinstallation = await insertVisit(ctx, contract, {
    ...common,
    kind: "reinstallation",
    scheduledOn: input.reinstallOn,
    notes: "이전설치 — 재설치",
    newAddress: {
      postcode: input.newPostcode ?? null,
      road: input.newAddress,
      detail: input.newAddressDetail ?? null,
    },
  });
  await startWork(
    ctx,
    ticket,
    text("ticket.relocation_booked", { removalOn: input.removalOn, reinstallOn: input.reinstallOn }),
  );
  return visitsJson(ctx.tx, [removal, reinstallation], ctx.clock.today());
}
