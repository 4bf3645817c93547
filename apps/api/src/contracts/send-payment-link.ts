import { and, eq, isNull, ne } from "drizzle-orm";
import { signingEvents, signingLinks } from "../db/schema/index.js";
import { seoulTimestamp } from "../documents/format.js";
import type { UseCaseContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";
import { enqueueForCustomer } from "../notifications/outbox.js";
import { issueSigningLink } from "../signing/issue-signing-link.js";
import { linkRecipient } from "./contract-notices.js";
import { contractJson, findContract } from "./contracts.repository.js";

/**
 * Staff send a payment-method link for a signed or active contract: the customer who left after
 * signing (or whose card must change) verifies with their birth date and registers a card. Every
 * earlier link still open is revoked, so only the newest one works; the contract's status is
 * untouched. The link row is taken as already consumed, since signing is behind it.
 */
export async function sendPaymentLink(ctx: UseCaseContext, contractId: number) {
  const contract = await findContract(ctx.tx, ctx.scope, contractId);
  if (!contract) throw notFound("Contract");
  if (contract.status !== "signed" && contract.status !== "active")
    throw new AppError(
      409,
      "contract_not_payable",
      "서명 완료 또는 진행 중인 계약에만 결제수단 등록 링크를 보낼 수 있습니다.",
    );
  // By the customer's channels, as the contract itself was sent (alimtalk/SMS or e-mail).
  const { recipient, channel, partnerName } = await linkRecipient(ctx.tx, contract);

  const now = ctx.clock.now();
  await ctx.tx
    .update(signingLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(signingLinks.contractId, contract.id),
        isNull(signingLinks.revokedAt),
        // A name transfer's signing link under way is the new holder's, not a payment link.
        ne(signingLinks.kind, "transfer"),
      ),
    );
  const { token, expiresAt, ...link } = await issueSigningLink(ctx.tx, {
    partnerId: contract.partnerId,
    contractId: contract.id,
    kind: "pay",
    sentBy: ctx.actor?.userId ?? null,
    now,
    consumedAt: now,
  });
  await ctx.tx.insert(signingEvents).values({
    partnerId: contract.partnerId,
    contractId: contract.id,
    linkId: link.id,
    kind: "payment_link_sent",
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
    template: "payment_link_sent",
    entity: "contracts",
    entityId: contract.id,
    vars: {
      partner: partnerName,
      customer: contract.party.name,
      number: contract.number,
      link: `${ctx.config.publicUrl}/sign/${token}`,
      expires: seoulTimestamp(expiresAt),
    },
  });
  return contractJson(contract);
}
