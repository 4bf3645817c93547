import { asc, eq, type SQL } from "drizzle-orm";
import { type DocumentKind, type latestDocument, storeDocument } from "../contracts/contract-documents.js";
import type { Db } from "../db/client.js";
import { signingEvents, signingLinks } from "../db/schema/index.js";
import { sealContract } from "../documents/seal-contract.js";
import type { SigningCertificate } from "../documents/signing-certificate.js";
import type { SigningLink } from "./resolve-link.js";
import type { signatureOf } from "./signature-image.js";

/**
 * What every e-signature ends with, a contract's or a transfer agreement's: the signature and the
 * audit certificate of `eventsOf`'s signing events go onto the unsigned PDF, which is sealed with
 * the installation's certificate and kept as `kind`; the link is used up. Answers the sealed
 * PDF's SHA-256 and the instant it was signed.
 */
export async function sealSignedDocument(
  ctx: { tx: Db; clock: { now(): Date }; certificate: SigningCertificate },
  input: {
    link: SigningLink;
    unsigned: NonNullable<Awaited<ReturnType<typeof latestDocument>>>;
    signature: ReturnType<typeof signatureOf>;
    signerName: string;
    eventsOf: SQL;
    partnerId: number;
    contractId: number;
    kind: DocumentKind;
  },
): Promise<{ sealedSha256: string; now: Date }> {
  const events = await ctx.tx
    .select()
    .from(signingEvents)
    .where(input.eventsOf)
    .orderBy(asc(signingEvents.id));
  const sealed = await sealContract({
    unsignedPdf: input.unsigned.bytes,
    signature: input.signature,
    signerName: input.signerName,
    events: events.map((e) => ({ kind: e.kind, at: e.at.toISOString(), ip: e.ip, userAgent: e.userAgent })),
    unsignedSha256: input.unsigned.sha256,
    certificate: ctx.certificate,
  });
  const sealedSha256 = await storeDocument(ctx.tx, {
    partnerId: input.partnerId,
    contractId: input.contractId,
    kind: input.kind,
    bytes: sealed,
    sealed: true,
  });
  const now = ctx.clock.now();
  await ctx.tx.update(signingLinks).set({ consumedAt: now }).where(eq(signingLinks.id, input.link.id));
  return { sealedSha256, now };
}
