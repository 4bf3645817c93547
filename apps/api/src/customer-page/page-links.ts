import { and, eq, isNull } from "drizzle-orm";
import type { ContractRow } from "../contracts/contracts.repository.js";
import type { Db } from "../db/client.js";
import { contracts, customerPageLinks } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { newToken, sameHash, tokenHash } from "../signing/signing-tokens.js";

export type CustomerPageLink = typeof customerPageLinks.$inferSelect;

/** A verification lasts this long; then the birth date is asked again. */
export const PAGE_PROOF_MINUTES = 30;

const invalid = () => new AppError(404, "link_invalid", "이 고객 페이지 링크는 유효하지 않습니다.");

/**
 * The contract's page link: a new token (its SHA-256 stored), any earlier link revoked. Returned
 * once, to be put in the customer's message, and never shown to staff.
 */
export async function issueCustomerPageLink(
  db: Db,
  contract: Pick<ContractRow, "id" | "partnerId">,
): Promise<string> {
  await db
    .update(customerPageLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(customerPageLinks.contractId, contract.id), isNull(customerPageLinks.revokedAt)));
  const token = newToken();
  await db
    .insert(customerPageLinks)
    .values({ partnerId: contract.partnerId, contractId: contract.id, tokenHash: tokenHash(token) });
  return token;
}

/**
 * The link a request carries and its contract, or why it cannot be used: unknown, replaced by a
 * newer link, or locked after five wrong birth dates. With `lock` the row is taken FOR UPDATE.
 */
export async function resolvePageLink(db: Db, input: { token: string; lock?: boolean }) {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(input.token)) throw invalid();
  const query = db
    .select({ link: customerPageLinks, contract: contracts })
    .from(customerPageLinks)
    .innerJoin(contracts, eq(contracts.id, customerPageLinks.contractId))
    .where(eq(customerPageLinks.tokenHash, tokenHash(input.token)))
    .limit(1);
  const [row] = input.lock ? await query.for("update", { of: customerPageLinks }) : await query;
  if (!row) throw invalid();
  if (row.link.revokedAt)
    throw new AppError(410, "link_revoked", "새 링크가 발송되어 이 링크는 더 이상 사용할 수 없습니다.");
  if (row.link.lockedAt)
    throw new AppError(
      423,
      "link_locked",
      "본인 확인에 5회 실패하여 링크가 잠겼습니다. 고객센터로 문의해 주세요.",
    );
  return row;
}

/** The proof a verified customer sends back (header X-Customer-Proof), while it lasts. */
export function assertPageProof(link: CustomerPageLink, proof: string | undefined, now: Date): void {
  if (
    !link.proofHash ||
    !proof ||
    !link.proofExpiresAt ||
    link.proofExpiresAt <= now ||
    !sameHash(link.proofHash, tokenHash(proof))
  ) {
    throw new AppError(401, "verification_required", "생년월일로 본인 확인을 먼저 해 주세요.");
  }
}

export const CLOSED_CONTRACT_STATUSES = ["terminated", "cancelled", "completed"];

export function assertContractOpen(contract: ContractRow): void {
  if (CLOSED_CONTRACT_STATUSES.includes(contract.status))
    throw new AppError(409, "contract_closed", "종료된 계약입니다. 새 요청은 고객센터로 문의해 주세요.");
}
