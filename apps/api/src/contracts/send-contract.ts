import { text } from "@ssp/domain";
import { and, eq, isNull } from "drizzle-orm";
import { orders, signingEvents, signingLinks } from "../db/schema/index.js";
import { seoulTimestamp } from "../documents/format.js";
import type { UseCaseContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { enqueueForCustomer } from "../notifications/outbox.js";
import { moveOrder } from "../orders/move-order.js";
import { issueSigningLink } from "../signing/issue-signing-link.js";
import { unsignedContractPdf } from "./contract-documents.js";
import { linkRecipient } from "./contract-notices.js";
import { contractJson, findContract, moveContract } from "./contracts.repository.js";

/**
 * Sends (or resends) the contract: renders and keeps the unsigned PDF, revokes any earlier link,
 * issues a new one (only its hash stored) and queues the e-mail in the same transaction.
 */
export async function sendContract(ctx: UseCaseContext, contractId: number) {
  const contract = await findContract(ctx.tx, ctx.scope, contractId);
  if (!contract) throw notFound("Contract");
  const { recipient, channel, partnerName } = await linkRecipient(ctx.tx, contract);
  const moved = await moveContract(ctx, contract, "sent");
  await unsignedContractPdf(ctx.tx, moved);

  const now = ctx.clock.now();
  await ctx.tx
    .update(signingLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(signingLinks.contractId, contract.id),
        isNull(signingLinks.revokedAt),
        isNull(signingLinks.consumedAt),
      ),
    );
  const { token, expiresAt, ...link } = await issueSigningLink(ctx.tx, {
    partnerId: contract.partnerId,
    contractId: contract.id,
    sentBy: ctx.actor?.userId ?? null,
    now,
  });
  await ctx.tx.insert(signingEvents).values({
    partnerId: contract.partnerId,
    contractId: contract.id,
    linkId: link.id,
    kind: contract.status === "sent" ? "resent" : "sent",
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
    detail: {
      to: channel === "email" ? contract.party.email : contract.party.phone,
      channel,
      by: ctx.actor?.email ?? "system",
    },
  });
  await enqueueForCustomer(ctx.tx, {
    partnerId: contract.partnerId,
    recipient,
    template: "contract_sent",
    entity: "contracts",
    entityId: contract.id,
    vars: {
      partner: partnerName,
      customer: contract.party.name,
      product: contract.productName,
      number: contract.number,
      link: `${ctx.config.publicUrl}/sign/${token}`,
      expires: seoulTimestamp(expiresAt),
    },
  });
  const [order] = await ctx.tx.select().from(orders).where(eq(orders.id, contract.orderId));
  if (order && order.status === "credit_approved")
    await moveOrder(ctx, order, "contract_sent", {
      note: text("order.contract_sent", { number: contract.number }),
    });
  return contractJson(moved);
}
