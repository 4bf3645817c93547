import { type TransferStatus, text, transferLifecycle } from "@ssp/domain";
import { and, eq, isNull, sql } from "drizzle-orm";
import { contractDocument, storeDocument } from "../contracts/contract-documents.js";
import { linkRecipient } from "../contracts/contract-notices.js";
import { lockContract } from "../contracts/contracts.repository.js";
import type { CustomerRow } from "../customers/customers.repository.js";
import { findCustomer } from "../customers/customers.repository.js";
import { rowsOf } from "../db/client.js";
import type { ContractParty } from "../db/schema/contracts.js";
import { signingEvents, signingLinks } from "../db/schema/index.js";
import { renderContractPdf } from "../documents/contract-pdf.js";
import { seoulTimestamp } from "../documents/format.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { enqueueForCustomer } from "../notifications/outbox.js";
import { issueSigningLink } from "../signing/issue-signing-link.js";
import { assertTransferable, lockTransferOr404, transferEvent } from "./transfer-use-cases.js";
import { moveTransfer, transferJson } from "./transfers.repository.js";

/**
 * The holder's overdue invoices are settled before the agreement goes out: once the contract
 * changes hands, nobody's auto-pay may collect them, yet dunning would still count them against
 * the contract the new holder took over. (Invoices not yet due stay with the old holder.)
 */
async function assertNoArrears(ctx: StaffContext, contractId: number): Promise<void> {
  const [row] = rowsOf<{ n: number; total: string | null }>(
    await ctx.tx.execute(sql`
      select count(*)::int as n, sum(total) as total from invoices
      where contract_id = ${contractId} and status = 'open' and due_date < ${ctx.clock.today()}::date`),
  );
  if (row && row.n > 0)
    throw new AppError(
      422,
      "arrears_outstanding",
      `The holder owes ${Number(row.total).toLocaleString("ko-KR")} won on ${row.n} overdue invoices; settle them first`,
      { contractId: "Overdue invoices must be settled before a name transfer" },
      { overdueInvoices: row.n, overdueTotal: Number(row.total) },
    );
}

/** The party block of the contract once the new holder takes it over. */
export function partyOf(customer: CustomerRow): ContractParty {
  return { name: customer.name, birthDate: customer.birthDate, phone: customer.phone, email: customer.email };
}

/**
 * Sends (or resends) the transfer agreement to the new holder, as a contract is sent: the
 * contract's frozen terms rendered with the new holder as the party and kept (its SHA-256 goes on
 * the audit certificate), an earlier transfer link revoked, a new `transfer` signing link (only
 * its hash stored) and the message queued in the same transaction.
 */
export async function sendTransfer(ctx: StaffContext, transferId: number) {
  const transfer = await lockTransferOr404(ctx, transferId);
  const contract = await lockContract(ctx.tx, ctx.scope, transfer.contractId);
  if (!contract) throw notFound("Contract");
  assertTransferable(contract);
  await assertNoArrears(ctx, contract.id);
  const customer = await findCustomer(ctx.tx, ctx.scope, transfer.toCustomerId);
  if (!customer) throw notFound("Customer");
  const party = partyOf(customer);
  const { recipient, channel, partnerName } = await linkRecipient(ctx.tx, {
    party,
    customerId: customer.id,
    partnerId: contract.partnerId,
  });
  const now = ctx.clock.now();
  // Checked before a PDF is rendered for nothing (moveTransfer checks again).
  transferLifecycle.assertCanTransition(transfer.status as TransferStatus, "sent");

  const bytes = await renderContractPdf(await contractDocument(ctx.tx, { ...contract, party }));
  await storeDocument(ctx.tx, {
    partnerId: contract.partnerId,
    contractId: contract.id,
    kind: "transfer_unsigned",
    bytes,
    sealed: false,
  });
  await ctx.tx
    .update(signingLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(signingLinks.contractId, contract.id),
        eq(signingLinks.kind, "transfer"),
        isNull(signingLinks.revokedAt),
        isNull(signingLinks.consumedAt),
      ),
    );
  const { token, expiresAt, ...link } = await issueSigningLink(ctx.tx, {
    partnerId: contract.partnerId,
    contractId: contract.id,
    kind: "transfer",
    sentBy: ctx.actor.userId,
    now,
  });
  const moved = await moveTransfer(ctx, transfer, "sent", { sentAt: now, signingLinkId: link.id });
  await ctx.tx.insert(signingEvents).values({
    partnerId: contract.partnerId,
    contractId: contract.id,
    linkId: link.id,
    kind: "transfer_sent",
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
    detail: { transferId: transfer.id, channel, by: ctx.actor.email },
  });
  await enqueueForCustomer(ctx.tx, {
    partnerId: contract.partnerId,
    recipient,
    template: "transfer_sent",
    entity: "contract_transfers",
    entityId: transfer.id,
    vars: {
      partner: partnerName,
      customer: party.name,
      product: contract.productName,
      number: contract.number,
      link: `${ctx.config.publicUrl}/transfer/${token}`,
      expires: seoulTimestamp(expiresAt),
    },
  });
  await transferEvent(ctx, moved, text("transfer.sent", { channel }));
  return transferJson(ctx.tx, moved);
}
