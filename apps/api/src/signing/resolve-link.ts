import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { contracts, signingLinks } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { sameHash, tokenHash } from "./signing-tokens.js";

export type SigningLink = typeof signingLinks.$inferSelect;
/**
 * `open`: the page's first load and the birth-date check, which any step may need (a signer who
 * left after signing comes back to register a card); `sign`: reading, signing, declining;
 * `pay`: registering auto-pay once the contract is signed (or already active).
 */
export type LinkPurpose = "open" | "sign" | "pay";

/** Contracts whose customer may still register (or replace) a payment method through a link. */
const PAYABLE = new Set(["signed", "active"]);

/**
 * Finds the link a public request carries and says clearly why it cannot be used: unknown,
 * revoked by a resend, expired, locked after five wrong birth dates, or already used. After
 * signing, the same link may still register auto-pay.
 *
 * With `lock`, the link row is taken FOR UPDATE, so it must run inside the request's
 * transaction: a second request on the same link then waits and sees what the first one wrote
 * (its miss count, its lock, its signature) instead of a stale copy.
 */
export async function resolveLink(
  db: Db,
  input: { token: string; now: Date; purpose?: LinkPurpose; lock?: boolean },
) {
  const { token, now, purpose = "sign" } = input;
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token))
    throw new AppError(404, "link_invalid", "이 서명 링크는 유효하지 않습니다.");
  const query = db
    .select({ link: signingLinks, contract: contracts })
    .from(signingLinks)
    .innerJoin(contracts, eq(contracts.id, signingLinks.contractId))
    .where(eq(signingLinks.tokenHash, tokenHash(token)))
    .limit(1);
  const [row] = input.lock ? await query.for("update", { of: signingLinks }) : await query;
  if (!row) throw new AppError(404, "link_invalid", "이 서명 링크는 유효하지 않습니다.");
  const { link, contract } = row;
  // A name transfer's link is for the new holder's page (transfers/transfer-public.routes.ts):
  // it neither signs nor pays for the contract as its current holder.
  if (link.kind === "transfer") throw new AppError(404, "link_invalid", "이 서명 링크는 유효하지 않습니다.");
  if (link.revokedAt)
    throw new AppError(410, "link_revoked", "새 링크가 발송되어 이 링크는 더 이상 사용할 수 없습니다.");
  if (link.lockedAt)
    throw new AppError(
      423,
      "link_locked",
      "본인 확인에 5회 실패하여 링크가 잠겼습니다. 고객센터로 문의해 주세요.",
    );
  // A `pay` link is born consumed (signing is behind it) and keeps its own deadline; a signing
  // link, once used, may still lead to card registration while the contract is signed or active.
  const expired = link.expiresAt <= now;
  if (purpose === "sign" || (purpose === "open" && !link.consumedAt)) {
    if (link.consumedAt) throw new AppError(410, "link_used", "이미 서명이 완료된 링크입니다.");
    if (expired)
      throw new AppError(
        410,
        "link_expired",
        "서명 기한이 지난 링크입니다. 담당자에게 재발송을 요청해 주세요.",
      );
  } else {
    if (!link.consumedAt || (purpose === "pay" && !PAYABLE.has(contract.status)))
      throw new AppError(409, "not_signed", "계약서 서명을 먼저 완료해 주세요.");
    if (!PAYABLE.has(contract.status)) throw new AppError(410, "link_used", "이미 서명이 완료된 링크입니다.");
    if (link.kind === "pay" && expired)
      throw new AppError(
        410,
        "link_expired",
        "결제수단 등록 기한이 지난 링크입니다. 담당자에게 재발송을 요청해 주세요.",
      );
  }
  return { link, contract };
}

/** The proof a verified signer sends back (header X-Signing-Proof) on every later step. */
export function assertProof(link: SigningLink, proof: string | undefined): void {
  if (!link.proofHash || !proof || !sameHash(link.proofHash, tokenHash(proof))) {
    throw new AppError(401, "verification_required", "생년월일로 본인 확인을 먼저 해 주세요.");
  }
}
