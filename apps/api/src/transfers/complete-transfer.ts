import { assertCanSignTransfer, type TransferStatus, text } from "@ssp/domain";
import { eq } from "drizzle-orm";
import { type AuditSubject, recordAudit } from "../audit/record-audit.js";
import { retirePaymentMethods } from "../billing/payment-method-retirement.js";
import { latestDocument } from "../contracts/contract-documents.js";
import { notifyCustomer } from "../contracts/contract-notices.js";
import type { ContractRow } from "../contracts/contracts.repository.js";
import { lockContract } from "../contracts/contracts.repository.js";
import { sendPaymentLink } from "../contracts/send-payment-link.js";
import { issueCustomerPageLink } from "../customer-page/page-links.js";
import { findCustomer } from "../customers/customers.repository.js";
import { assetEvents, assets, contracts, signingEvents, signingLinks } from "../db/schema/index.js";
import type { UseCaseContext } from "../http/context.js";
import { guardForCustomer } from "../http/customer-guard.js";
import { AppError, notFound } from "../http/errors.js";
import { noteColumns } from "../shared/note-columns.js";
import { recordSigningEvent } from "../signing/public-context.js";
import type { SigningLink } from "../signing/resolve-link.js";
import { sealSignedDocument } from "../signing/seal-signed.js";
import { signatureOf } from "../signing/signature-image.js";
import type { TSignContractRequest } from "../signing/signing.schemas.js";
import { moveTicket } from "../tickets/move-ticket.js";
import { ticketEvent } from "../tickets/ticket-use-cases.js";
import { lockTicket } from "../tickets/tickets.repository.js";
import { partyOf } from "./send-transfer.js";
import { assertTransferable, lockTransferOr404 } from "./transfer-use-cases.js";
import { moveTransfer, type TransferRow } from "./transfers.repository.js";

/** The new holder on their page: no staff actor, the partner's scope from the link. */
export type TransferSigningContext = UseCaseContext & { actor: null; by: AuditSubject };

/**
 * The new holder signs the transfer agreement as a contract is signed: the signature goes onto
 * the agreement, the audit certificate (every event, IP, user agent, the unsigned document's
 * SHA-256) is appended and the PDF sealed and kept; the link is used up. The transfer then
 * completes in the same transaction, so a signed transfer never waits on someone to finish it.
 * `link` was locked by the caller: a second signature on it waits and then finds it used.
 */
export async function signTransfer(
  ctx: TransferSigningContext,
  input: { link: SigningLink; transfer: TransferRow; contract: ContractRow; request: TSignContractRequest },
) {
  const { link } = input;
  const transfer = await lockTransferOr404(ctx, input.transfer.id);
  guardForCustomer(
    () => assertCanSignTransfer(transfer.status as TransferStatus),
    "이 명의변경 계약서는 서명할 수 있는 상태가 아닙니다.",
  );
  const customer = await findCustomer(ctx.tx, ctx.scope, transfer.toCustomerId);
  if (!customer) throw notFound("Customer");
  const signature = signatureOf(input.request.signature);
  const unsigned = await latestDocument(ctx.tx, transfer.contractId, "transfer_unsigned");
  if (!unsigned)
    throw new AppError(409, "document_missing", "The transfer document is missing; ask for a new link");

  await recordSigningEvent(ctx, link, "signed", {
    transferId: transfer.id,
    agreements: Object.keys(input.request.agreements),
    signature: signature.kind,
  });
  const { sealedSha256, now } = await sealSignedDocument(ctx, {
    link,
    unsigned,
    signature,
    signerName: customer.name,
    // This link's events only: the certificate is the new holder's, not the original signing's.
    eventsOf: eq(signingEvents.linkId, link.id),
    partnerId: transfer.partnerId,
    contractId: transfer.contractId,
    kind: "transfer_sealed",
  });
  const signed = await moveTransfer(ctx, transfer, "signed", { signedAt: now, sealedSha256 });
  const completed = await completeTransfer(ctx, signed);
  return { status: completed.status, sealedSha256 };
}

/** The new holder declines with a reason: the transfer is cancelled and the link used up. */
export async function declineTransfer(
  ctx: TransferSigningContext,
  input: { link: SigningLink; transfer: TransferRow; reason: string },
) {
  const transfer = await lockTransferOr404(ctx, input.transfer.id);
  const now = ctx.clock.now();
  await recordSigningEvent(ctx, input.link, "declined", { transferId: transfer.id, reason: input.reason });
  await ctx.tx.update(signingLinks).set({ consumedAt: now }).where(eq(signingLinks.id, input.link.id));
  const reason = `새 명의자 서명 거절: ${input.reason}`;
  await moveTransfer(ctx, transfer, "cancelled", { cancelledAt: now, cancelReason: reason });
  const ticket = await lockTicket(ctx.tx, ctx.scope, transfer.ticketId);
  if (ticket) await ticketEvent(ctx, ticket, text("transfer.cancelled", { reason }));
  return { status: "cancelled" };
}

/**
 * The contract changes hands, in one transaction with the contract row locked: its holder and
 * party snapshot become the new holder's, so every invoice issued from now on is theirs, while
 * the invoices already issued keep the old holder. The old holder's auto-pay is retired (the new
 * holder registers their own by the payment-method link sent here), their page link revoked, the
 * asset follows the contract, and the contract's audit trail and the ticket say who gave it to
 * whom. The ticket is resolved.
 */
export async function completeTransfer(ctx: TransferSigningContext, transfer: TransferRow) {
  const contract = await lockContract(ctx.tx, ctx.scope, transfer.contractId);
  if (!contract) throw notFound("Contract");
  assertTransferable(contract);
  if (contract.customerId !== transfer.fromCustomerId)
    throw new AppError(409, "holder_changed", "The contract changed hands since the transfer was requested");
  const newHolder = await findCustomer(ctx.tx, ctx.scope, transfer.toCustomerId);
  if (!newHolder) throw notFound("Customer");
  const now = ctx.clock.now();

  const [moved] = await ctx.tx
    .update(contracts)
    .set({ customerId: newHolder.id, party: partyOf(newHolder), updatedAt: now })
    .where(eq(contracts.id, contract.id))
    .returning();
  const retired = await retirePaymentMethods(ctx.tx, contract.id);
  if (contract.assetId) {
    const [asset] = await ctx.tx
      .update(assets)
      .set({ customerId: newHolder.id, updatedAt: now })
      .where(eq(assets.id, contract.assetId))
      .returning();
    if (asset)
      await ctx.tx.insert(assetEvents).values({
        partnerId: asset.partnerId,
        assetId: asset.id,
        fromStatus: asset.status,
        toStatus: asset.status,
        at: now,
        contractId: contract.id,
        ...noteColumns(text("asset.holder_changed", { from: contract.party.name, to: newHolder.name })),
      });
  }
  await recordAudit(ctx, {
    entity: "contracts",
    entityId: contract.id,
    action: "name_transfer",
    partnerId: contract.partnerId,
    before: { customerId: contract.customerId, party: { name: contract.party.name } },
    after: {
      customerId: newHolder.id,
      party: { name: newHolder.name },
      transferId: transfer.id,
      retiredPaymentMethods: retired,
    },
  });
  const completed = await moveTransfer(ctx, transfer, "completed", { completedAt: now });

  const note = text("transfer.completed", {
    contract: contract.number,
    from: contract.party.name,
    to: newHolder.name,
  });
  const ticket = await lockTicket(ctx.tx, ctx.scope, transfer.ticketId);
  if (ticket) {
    if (ticket.status === "resolved" || ticket.status === "closed") await ticketEvent(ctx, ticket, note);
    else await moveTicket(ctx, ticket, "resolved", { note });
  }
  // The old holder's page shows the contract no more; the new holder gets their own.
  const pageToken = await issueCustomerPageLink(ctx.tx, moved!);
  await notifyCustomer(ctx.tx, moved!, "transfer_completed", {
    sha256: completed.sealedSha256 ?? "",
    page: `${ctx.config.publicUrl}/my/${pageToken}`,
  });
  // Auto-pay is the new holder's to register: the payment-method link goes to them.
  await sendPaymentLink(ctx, contract.id);
  return completed;
}
