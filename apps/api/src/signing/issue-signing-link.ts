import { addDays } from "date-fns";
import type { Db } from "../db/client.js";
import { signingLinks } from "../db/schema/index.js";
import { LINK_TTL_DAYS, newToken, tokenHash } from "./signing-tokens.js";

/**
 * A new link to a contract's public page (`sign` for the contract's signing, `transfer` for a
 * name transfer's, `pay` for a payment-method link), valid LINK_TTL_DAYS: only its hash is
 * stored; the token goes back to the caller once, for the message. Which older links it replaces
 * is the caller's rule (each revokes its own before calling).
 */
export async function issueSigningLink(
  tx: Db,
  input: {
    partnerId: number;
    contractId: number;
    kind?: "sign" | "transfer" | "pay";
    sentBy: number | null;
    now: Date;
    /** A payment-method link is born used up for signing: it only opens the card step. */
    consumedAt?: Date;
  },
): Promise<{ id: number; token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = addDays(input.now, LINK_TTL_DAYS);
  const [link] = await tx
    .insert(signingLinks)
    .values({
      partnerId: input.partnerId,
      contractId: input.contractId,
      ...(input.kind ? { kind: input.kind } : {}),
      tokenHash: tokenHash(token),
      expiresAt,
      ...(input.consumedAt ? { consumedAt: input.consumedAt } : {}),
      sentBy: input.sentBy,
    })
    .returning({ id: signingLinks.id });
  return { id: link!.id, token, expiresAt };
}
