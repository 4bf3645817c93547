import {
  assertCanDecideTransferCredit,
  assertCanRunTransferCreditCheck,
  type ContractStatus,
  creditOutcome,
  TRANSFER_STATUS_AFTER_CHECK,
  TRANSFERABLE_CONTRACT_STATUSES,
  type TransferStatus,
  text,
} from "@ssp/domain";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { type ContractRow, lockContract } from "../contracts/contracts.repository.js";
import { createCustomer } from "../customers/customer-use-cases.js";
import { findCustomer } from "../customers/customers.repository.js";
import { contractTransfers, signingLinks } from "../db/schema/index.js";
import type { StaffContext, UseCaseContext } from "../http/context.js";
import { AppError, notFound, validationFailed } from "../http/errors.js";
import { askBureau } from "../orders/ask-bureau.js";
import { partnerSettings } from "../partners/partner-settings.js";
import type { Note } from "../shared/note-columns.js";
import { moveTicket } from "../tickets/move-ticket.js";
import { lockOpenTicketOfType } from "../tickets/ticket-actions.js";
import { ticketEvent } from "../tickets/ticket-use-cases.js";
import { lockTicket, type TicketRow } from "../tickets/tickets.repository.js";
import {
  findTransfer,
  lockTransfer,
  moveTransfer,
  type TransferRow,
  transferJson,
} from "./transfers.repository.js";
import type { TTransferCreditDecision, TTransferRequest } from "./transfers.schemas.js";

const OPEN_STATUSES: TransferStatus[] = ["requested", "credit_review", "credit_approved", "sent", "signed"];

/** The contract can change hands only while it runs (active or suspended). */
export function assertTransferable(contract: ContractRow): void {
  if (!(TRANSFERABLE_CONTRACT_STATUSES as readonly string[]).includes(contract.status as ContractStatus))
    throw new AppError(
      409,
      "contract_not_transferable",
      `A ${contract.status} contract cannot change its holder`,
    );
}

export async function lockTransferOr404(ctx: UseCaseContext, id: number): Promise<TransferRow> {
  const transfer = await lockTransfer(ctx.tx, ctx.scope, id);
  if (!transfer) throw notFound("Transfer");
  return transfer;
}

/** Work on the ticket has started once the transfer is requested. */
async function startWork(ctx: StaffContext, ticket: TicketRow, note: Note) {
  if (ticket.status === "open" || ticket.status === "waiting_customer")
    await moveTicket(ctx, ticket, "in_progress", { note });
  else await ticketEvent(ctx, ticket, note);
}

/** A line on the ticket's timeline for a step of its transfer (the ticket itself unchanged). */
export async function transferEvent(ctx: UseCaseContext, transfer: TransferRow, note: Note) {
  const ticket = await lockTicket(ctx.tx, ctx.scope, transfer.ticketId);
  if (ticket) await ticketEvent(ctx, ticket, note);
}

/**
 * A name_transfer ticket starts the transfer of its contract to a new holder: an existing
 * customer of the partner, or one registered here. The new holder must have consented to a credit
 * inquiry (422); one transfer at a time per contract (409).
 */
export async function requestTransfer(ctx: StaffContext, ticketId: number, input: TTransferRequest) {
  const ticket = await lockOpenTicketOfType(ctx, ticketId, "name_transfer");
  if (!ticket.contractId) throw new AppError(422, "business_rule", "The ticket names no contract");
  const contract = await lockContract(ctx.tx, ctx.scope, ticket.contractId);
  if (!contract) throw notFound("Contract");
  assertTransferable(contract);
  const [open] = await ctx.tx
    .select({ id: contractTransfers.id })
    .from(contractTransfers)
    .where(
      and(eq(contractTransfers.contractId, contract.id), inArray(contractTransfers.status, OPEN_STATUSES)),
    )
    .limit(1);
  if (open)
    throw new AppError(409, "transfer_in_progress", "A name transfer of this contract is already under way", {
      transferId: String(open.id),
    });

  const toCustomerId =
    "customerId" in input.newHolder
      ? input.newHolder.customerId
      : (await createCustomer(ctx, input.newHolder.customer)).id;
  const newHolder = await findCustomer(ctx.tx, ctx.scope, toCustomerId);
  if (!newHolder) throw validationFailed({ "newHolder.customerId": "No such customer" });
  if (newHolder.id === contract.customerId)
    throw new AppError(422, "same_holder", "The new holder already holds the contract", {
      "newHolder.customerId": "Already the holder",
    });
  if (!newHolder.consentCreditInquiryAt)
    throw new AppError(422, "consent_required", "The new holder has not consented to a credit inquiry", {
      "newHolder.consents.creditInquiry": "Consent is required",
    });

  const [row] = await ctx.tx
    .insert(contractTransfers)
    .values({
      partnerId: contract.partnerId,
      contractId: contract.id,
      ticketId: ticket.id,
      fromCustomerId: contract.customerId,
      toCustomerId: newHolder.id,
      requestedBy: ctx.actor.userId,
    })
    .returning();
  await recordAudit(ctx, {
    entity: "contract_transfers",
    entityId: row!.id,
    action: "create",
    partnerId: row!.partnerId,
    after: { contractId: contract.id, fromCustomerId: contract.customerId, toCustomerId: newHolder.id },
  });
  await startWork(
    ctx,
    ticket,
    text("transfer.requested", { contract: contract.number, holder: newHolder.name, note: input.note ?? "" }),
  );
  return transferJson(ctx.tx, row!);
}

/**
 * The bureau on the new holder, decided by the partner's policy as for an order. A bureau failure
 * writes nothing (502) and the check can run again; the row stays locked while the bureau answers,
 * so a double click asks once.
 */
export async function runTransferCreditCheck(ctx: StaffContext, transferId: number) {
  const transfer = await lockTransferOr404(ctx, transferId);
  assertCanRunTransferCreditCheck(transfer.status as TransferStatus);
  const customer = await findCustomer(ctx.tx, ctx.scope, transfer.toCustomerId);
  if (!customer?.consentCreditInquiryAt)
    throw new AppError(422, "consent_required", "The new holder has not consented to a credit inquiry");
  const bureau = ctx.adapters.creditBureau;
  const report = await askBureau(bureau, customer, customer.consentCreditInquiryAt);
  const outcome = creditOutcome(report.score, (await partnerSettings(ctx.tx, transfer.partnerId)).credit);
  const moved = await moveTransfer(ctx, transfer, TRANSFER_STATUS_AFTER_CHECK[outcome], {
    creditBureau: bureau.name,
    creditScore: report.score,
    creditGrade: report.grade,
    creditOutcome: outcome,
    creditBureauRef: report.bureauRef,
    creditCheckedAt: ctx.clock.now(),
    creditCheckedBy: ctx.actor.userId,
  });
  await transferEvent(
    ctx,
    moved,
    text("transfer.credit_checked", { score: report.score, grade: report.grade, outcome }),
  );
  return transferJson(ctx.tx, moved);
}

/** Staff decide a check that landed in manual review. */
export async function decideTransferCredit(
  ctx: StaffContext,
  transferId: number,
  input: TTransferCreditDecision,
) {
  const transfer = await lockTransferOr404(ctx, transferId);
  const to = input.approve ? "credit_approved" : "credit_declined";
  // Only a check in manual review is decided by hand: the bureau's answer decides the rest.
  assertCanDecideTransferCredit(transfer.status as TransferStatus);
  const moved = await moveTransfer(ctx, transfer, to);
  await transferEvent(
    ctx,
    moved,
    text(input.approve ? "transfer.credit_approved" : "transfer.credit_declined", { reason: input.reason }),
  );
  return transferJson(ctx.tx, moved);
}

/**
 * Cancels a transfer not yet signed; its signing link stops working. The link is locked before
 * the transfer, in the order the signing page takes them, so a cancel and a signature racing each
 * other wait for one another instead of deadlocking.
 */
export async function cancelTransfer(ctx: StaffContext, transferId: number, reason: string) {
  const seen = await findTransfer(ctx.tx, ctx.scope, transferId);
  if (!seen) throw notFound("Transfer");
  if (seen.signingLinkId)
    await ctx.tx
      .select({ id: signingLinks.id })
      .from(signingLinks)
      .where(eq(signingLinks.id, seen.signingLinkId))
      .for("update");
  const transfer = await lockTransferOr404(ctx, transferId);
  const now = ctx.clock.now();
  const moved = await moveTransfer(ctx, transfer, "cancelled", { cancelledAt: now, cancelReason: reason });
  if (transfer.signingLinkId)
    await ctx.tx
      .update(signingLinks)
      .set({ revokedAt: now })
      .where(eq(signingLinks.id, transfer.signingLinkId));
  await transferEvent(ctx, moved, text("transfer.cancelled", { reason }));
  return transferJson(ctx.tx, moved);
}
