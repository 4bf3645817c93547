import { composeInvoice, line, text } from "@ssp/domain";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { insertInvoices } from "../billing/invoices.repository.js";
import { lockContract } from "../contracts/contracts.repository.js";
import { contracts } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { partnerSettings } from "../partners/partner-settings.js";
import { moveTicket } from "../tickets/move-ticket.js";
import { ticketEvent } from "../tickets/ticket-use-cases.js";
import { lockTicket } from "../tickets/tickets.repository.js";
import type { VisitRow } from "./move-visit.js";

/**
 * What a completed ticket visit does beyond itself. A relocation's reinstallation moves the
 * contract's install address to where the unit now stands, invoices the partner's relocation fee
 * (이전설치비, an invoice of its own, due the same day) and resolves the ticket; any other ticket
 * visit is noted on the ticket's timeline.
 */
export async function afterTicketVisit(ctx: StaffContext, visit: VisitRow): Promise<void> {
  if (visit.ticketId === null) return;
  const ticket = await lockTicket(ctx.tx, ctx.scope, visit.ticketId);
  if (!ticket) return;
  const done = text("ticket.visit_done", { kind: visit.kind, date: visit.scheduledOn });
  if (visit.kind !== "reinstallation" || !visit.address) {
    await ticketEvent(ctx, ticket, done);
    return;
  }
  const contract = await lockContract(ctx.tx, ctx.scope, visit.contractId);
  if (!contract) return;
  // The new address in the parts the ticket booked it with (ADR 0012). A visit booked before the
  // parts holds the whole line as its road address, with no postcode or detail.
  const moved = {
    installPostcode: visit.postcode,
    installAddress: visit.address,
    installAddressDetail: visit.addressDetail,
  };
  await ctx.tx
    .update(contracts)
    .set({ ...moved, updatedAt: ctx.clock.now() })
    .where(eq(contracts.id, contract.id));
  await recordAudit(ctx, {
    entity: "contracts",
    entityId: contract.id,
    action: "relocate",
    partnerId: contract.partnerId,
    before: {
      installPostcode: contract.installPostcode,
      installAddress: contract.installAddress,
      installAddressDetail: contract.installAddressDetail,
    },
    after: { ...moved, ticketId: ticket.id },
  });
  const fee = (await partnerSettings(ctx.tx, contract.partnerId)).visits.relocationFee;
  const today = ctx.clock.today();
  const [invoice] =
    fee > 0
      ? await insertInvoices(ctx.tx, [
          {
            partnerId: contract.partnerId,
            contractId: contract.id,
            customerId: contract.customerId,
            periodKind: "relocation",
            periodIndex: 0,
            periodStart: today,
            periodEnd: today,
            date: today,
            content: composeInvoice([
              line("relocation_fee", text("line.relocation_fee", { ticket: ticket.number }), fee),
            ]),
            status: "open",
          },
        ])
      : [];
  const relocated = invoice
    ? text("ticket.relocation_done_billed", { fee, invoice: invoice.number })
    : text("ticket.relocation_done");
  if (ticket.status === "resolved" || ticket.status === "closed") await ticketEvent(ctx, ticket, relocated);
  else await moveTicket(ctx, ticket, "resolved", { note: relocated });
}
