import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { phoneVerifications } from "../db/schema/index.js";
import { inTenantTransaction } from "../db/tenant.js";
import { enqueueText } from "../notifications/outbox.js";

const CODE_MINUTES = 5;
const MAX_TRIES = 5;
const digest = (salt: string, code: string) =>
  `${salt}:${createHash("sha256").update(`${salt}${code}`).digest("hex")}`;

/** Sends a six-digit code to the phone (through the outbox). Answers the same whoever the phone belongs to. */
export async function sendPhoneCode(
  db: Db,
  input: { partner: { id: number; name: string }; phone: string; now: Date },
): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const salt = randomBytes(8).toString("hex");
  await db.insert(phoneVerifications).values({
    partnerId: input.partner.id,
    phone: input.phone,
    codeHash: digest(salt, code),
    expiresAt: new Date(input.now.getTime() + CODE_MINUTES * 60_000),
  });
  await inTenantTransaction(db, { kind: "partner", partnerId: input.partner.id }, (tx) =>
    enqueueText(tx, {
      partnerId: input.partner.id,
      to: input.phone,
      template: "phone_code",
      vars: { partner: input.partner.name, code },
    }),
  );
}

/**
 * Checks the latest live code for the phone; five tries use it up. A try is spent before the
 * code is compared, in one conditional UPDATE: parallel guesses then each take a try of their
 * own (PostgreSQL re-checks `attempts < 5` after waiting on the row), and once five are spent
 * no guess is compared at all, the right one included.
 */
export async function confirmPhoneCode(
  db: Db,
  input: { partnerId: number; phone: string; code: string; now: Date },
): Promise<{ ok: true } | { ok: false; remainingAttempts: number }> {
  const [latest] = await db
    .select({ id: phoneVerifications.id })
    .from(phoneVerifications)
    .where(
      and(
        eq(phoneVerifications.partnerId, input.partnerId),
        eq(phoneVerifications.phone, input.phone),
        gt(phoneVerifications.expiresAt, input.now),
        isNull(phoneVerifications.verifiedAt),
      ),
    )
    .orderBy(desc(phoneVerifications.id))
    .limit(1);
  if (!latest) return { ok: false, remainingAttempts: 0 };
  const [row] = await db
    .update(phoneVerifications)
    .set({ attempts: sql`${phoneVerifications.attempts} + 1` })
    .where(
      and(
        eq(phoneVerifications.id, latest.id),
        lt(phoneVerifications.attempts, MAX_TRIES),
        isNull(phoneVerifications.verifiedAt),
      ),
    )
    .returning();
  if (!row) return { ok: false, remainingAttempts: 0 };
  const [salt] = row.codeHash.split(":");
  if (digest(salt!, input.code) !== row.codeHash) {
    return { ok: false, remainingAttempts: MAX_TRIES - row.attempts };
  }
  await db.update(phoneVerifications).set({ verifiedAt: input.now }).where(eq(phoneVerifications.id, row.id));
  return { ok: true };
}
