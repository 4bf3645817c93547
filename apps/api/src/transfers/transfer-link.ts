import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { contracts, contractTransfers, signingLinks } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { tokenHash } from "../signing/signing-tokens.js";

const invalid = () => new AppError(404, "link_invalid", "이 서명 링크는 유효하지 않습니다.");

/**
 * The new holder's link and its transfer, or why it cannot be used: unknown, replaced by a resend
 * or a cancellation, locked after five wrong birth dates, used, or expired. With `lock` the link
 * row is taken FOR UPDATE (inside the request's transaction), so requests on one link run one
 * after another and each sees what the previous one wrote.
 */
export async function resolveTransferLink(db: Db, input: { token: string; now: Date; lock?: boolean }) {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(input.token)) throw invalid();
  const query = db
    .select({ link: signingLinks, transfer: contractTransfers, contract: contracts })
    .from(signingLinks)
    .innerJoin(contractTransfers, eq(contractTransfers.signingLinkId, signingLinks.id))
    .innerJoin(contracts, eq(contracts.id, signingLinks.contractId))
    .where(and(eq(signingLinks.tokenHash, tokenHash(input.token)), eq(signingLinks.kind, "transfer")))
    .limit(1);
  const [row] = input.lock ? await query.for("update", { of: signingLinks }) : await query;
  if (!row) throw invalid();
  const { link } = row;
  if (link.revokedAt)
    throw new AppError(
      410,
      "link_revoked",
      "이 링크는 더 이상 사용할 수 없습니다. 담당자에게 문의해 주세요.",
    );
  if (link.lockedAt)
    throw new AppError(
      423,
      "link_locked",
      "본인 확인에 5회 실패하여 링크가 잠겼습니다. 고객센터로 문의해 주세요.",
    );
  if (link.consumedAt) throw new AppError(410, "link_used", "이미 서명이 완료된 링크입니다.");
  if (link.expiresAt <= input.now)
    throw new AppError(
      410,
      "link_expired",
      "서명 기한이 지난 링크입니다. 담당자에게 재발송을 요청해 주세요.",
    );
  return row;
}
