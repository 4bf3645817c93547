import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { kakaoLoginAttempts } from "../db/schema/index.js";

const MINUTES = 10;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * A new Kakao Login attempt: the state (for the browser's cookie and Kakao's round trip) and the
 * nonce Kakao must put in the id_token. Attempts older than a day are cleared on the way.
 */
export async function startKakaoAttempt(
  db: Db,
  input: { partnerId: number; now: Date },
): Promise<{ state: string; nonce: string }> {
  const state = randomBytes(16).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  await db
    .delete(kakaoLoginAttempts)
    .where(lt(kakaoLoginAttempts.expiresAt, new Date(input.now.getTime() - 86_400_000)));
  await db.insert(kakaoLoginAttempts).values({
    stateHash: sha256(state),
    partnerId: input.partnerId,
    nonce,
    expiresAt: new Date(input.now.getTime() + MINUTES * 60_000),
  });
  return { state, nonce };
}

/**
 * Claims the attempt for a callback, once: the nonce it expects, or undefined when the state is
 * unknown, expired, another partner's or already used (a replayed callback).
 */
export async function claimKakaoAttempt(
  db: Db,
  input: { state: string; partnerId: number; now: Date },
): Promise<string | undefined> {
  const [row] = await db
    .update(kakaoLoginAttempts)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(kakaoLoginAttempts.stateHash, sha256(input.state)),
        eq(kakaoLoginAttempts.partnerId, input.partnerId),
        isNull(kakaoLoginAttempts.usedAt),
        gt(kakaoLoginAttempts.expiresAt, input.now),
      ),
    )
    .returning({ nonce: kakaoLoginAttempts.nonce });
  return row?.nonce;
}
