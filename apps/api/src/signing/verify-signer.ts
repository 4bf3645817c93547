import { eq } from "drizzle-orm";
import type { ContractRow } from "../contracts/contracts.repository.js";
import { signingLinks } from "../db/schema/index.js";
import type { Reply } from "../http/api-routes.js";
import { type PublicContext, recordSigningEvent } from "./public-context.js";
import type { SigningLink } from "./resolve-link.js";
import { MAX_VERIFY_ATTEMPTS, newToken, tokenHash } from "./signing-tokens.js";

/**
 * The signer proves who they are with their birth date. A miss is recorded (and committed, so
 * it is answered, not thrown); the fifth miss locks the link for good. `link` must have been
 * read FOR UPDATE in `ctx.tx` (withLink does), so the count it carries is the current one.
 */
export async function verifySigner(
  ctx: PublicContext,
  input: { link: SigningLink; contract: ContractRow; birthDate: string },
): Promise<Reply> {
  const { link, contract } = input;
  if (input.birthDate !== contract.party.birthDate) {
    const attempts = link.failedAttempts + 1;
    const locked = attempts >= MAX_VERIFY_ATTEMPTS;
    await ctx.tx
      .update(signingLinks)
      .set({ failedAttempts: attempts, lockedAt: locked ? ctx.clock.now() : null })
      .where(eq(signingLinks.id, link.id));
    await recordSigningEvent(ctx, link, "verification_failed", { attempt: attempts });
    if (locked) {
      await recordSigningEvent(ctx, link, "locked");
      return {
        status: 423,
        body: {
          code: "link_locked",
          message: "본인 확인에 5회 실패하여 링크가 잠겼습니다. 고객센터로 문의해 주세요.",
        },
      };
    }
    return {
      status: 401,
      body: {
        code: "verification_failed",
        message: `생년월일이 일치하지 않습니다. (남은 횟수 ${MAX_VERIFY_ATTEMPTS - attempts}회)`,
        remainingAttempts: MAX_VERIFY_ATTEMPTS - attempts,
      },
    };
  }
  const proof = newToken();
  await ctx.tx
    .update(signingLinks)
    .set({ verifiedAt: ctx.clock.now(), proofHash: tokenHash(proof) })
    .where(eq(signingLinks.id, link.id));
  await recordSigningEvent(ctx, link, "verified");
  return { body: { verified: true, proof } };
}
