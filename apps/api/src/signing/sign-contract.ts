import { assertCanDeclineContract, assertCanSignContract, type ContractStatus, text } from "@ssp/domain";
import { eq } from "drizzle-orm";
import { latestDocument } from "../contracts/contract-documents.js";
import { contractRecipient } from "../contracts/contract-notices.js";
import { type ContractRow, moveContract } from "../contracts/contracts.repository.js";
import { issueCustomerPageLink } from "../customer-page/page-links.js";
import { orders, partners, signingEvents, signingLinks } from "../db/schema/index.js";
import type { SigningCertificate } from "../documents/signing-certificate.js";
import { guardForCustomer } from "../http/customer-guard.js";
import { AppError } from "../http/errors.js";
import { enqueueForCustomer } from "../notifications/outbox.js";
import { moveOrder } from "../orders/move-order.js";
import { type PublicContext, recordSigningEvent } from "./public-context.js";
import type { SigningLink } from "./resolve-link.js";
import { sealSignedDocument } from "./seal-signed.js";
import { signatureOf } from "./signature-image.js";
import type { TSignContractRequest } from "./signing.schemas.js";

/**
 * Signs and seals: the signature goes onto the contract, an audit certificate (every event, IP,
 * user agent, time, the unsigned document's SHA-256) is appended, and the whole PDF is digitally
 * signed with the installation's certificate. The sealed PDF and its hash are kept; the link is
 * used up; contract and order move to signed.
 */
export async function signContract(
  ctx: PublicContext & { certificate: SigningCertificate },
  input: { link: SigningLink; contract: ContractRow; request: TSignContractRequest },
) {
  const { link, contract } = input;
  guardForCustomer(
    () => assertCanSignContract(contract.status as ContractStatus),
    "이 계약서는 서명할 수 있는 상태가 아닙니다.",
  );
  const signature = signatureOf(input.request.signature);
  const unsigned = await latestDocument(ctx.tx, contract.id, "contract_unsigned");
  if (!unsigned)
    throw new AppError(409, "document_missing", "The contract document is missing; ask for a new link");

  await recordSigningEvent(ctx, link, "signed", {
    agreements: Object.keys(input.request.agreements),
    signature: signature.kind,
  });
  const { sealedSha256, now } = await sealSignedDocument(ctx, {
    link,
    unsigned,
    signature,
    signerName: contract.party.name,
    eventsOf: eq(signingEvents.contractId, contract.id),
    partnerId: contract.partnerId,
    contractId: contract.id,
    kind: "contract_sealed",
  });
  const signed = await moveContract(ctx, contract, "signed", { signedAt: now, sealedSha256 });
  const [order] = await ctx.tx.select().from(orders).where(eq(orders.id, contract.orderId));
  if (order)
    await moveOrder(ctx, order, "contract_signed", {
      note: text("order.contract_signed", { number: contract.number }),
    });
  const [partner] = await ctx.tx
    .select({ name: partners.name })
    .from(partners)
    .where(eq(partners.id, contract.partnerId));
  // The customer's own page of the contract from now on (invoices, card, requests).
  const pageToken = await issueCustomerPageLink(ctx.tx, contract);
  await enqueueForCustomer(ctx.tx, {
    partnerId: contract.partnerId,
    recipient: await contractRecipient(ctx.tx, contract),
    template: "contract_signed",
    entity: "contracts",
    entityId: contract.id,
    vars: {
      partner: partner!.name,
      customer: contract.party.name,
      number: contract.number,
      sha256: sealedSha256,
      page: `${ctx.config.publicUrl}/my/${pageToken}`,
    },
  });
  return { status: signed.status, sealedSha256 };
}

/** The customer declines with a reason: the contract and its order are cancelled, the link used up. */
export async function declineContract(
  ctx: PublicContext,
  input: { link: SigningLink; contract: ContractRow; reason: string },
) {
  const { link, contract } = input;
  guardForCustomer(
    () => assertCanDeclineContract(contract.status as ContractStatus),
    "이 계약서는 거절할 수 있는 상태가 아닙니다.",
  );
  await recordSigningEvent(ctx, link, "declined", { reason: input.reason });
  await ctx.tx.update(signingLinks).set({ consumedAt: ctx.clock.now() }).where(eq(signingLinks.id, link.id));
  await moveContract(ctx, contract, "cancelled", {
    endReason: `고객 서명 거절: ${input.reason}`,
    endedOn: ctx.clock.today(),
  });
  const [order] = await ctx.tx.select().from(orders).where(eq(orders.id, contract.orderId));
  if (order) {
    await moveOrder(ctx, order, "cancelled", {
      note: text("order.contract_declined", { reason: input.reason }),
      values: { cancelReason: `고객 서명 거절: ${input.reason}` },
    });
  }
  return { status: "cancelled" };
}
