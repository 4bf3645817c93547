import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
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

/** Checks the latest live code for the phone; five wrong tries use it up. */
export async function confirmPhoneCode(
  db: Db,
  input: { partnerId: number; phone: string; code: string; now: Date },
): Promise<{ ok: true } | { ok: false; remainingAttempts: number }> {
  const [row] = await db
    .select()
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
  if (!row || row.attempts >= MAX_TRIES) return { ok: false, remainingAttempts: 0 };
  const [salt] = row.codeHash.split(":");
  if (digest(salt!, input.code) !== row.codeHash) {
    await db
      .update(phoneVerifications)
      .set({ attempts: row.attempts + 1 })
      .where(eq(phoneVerifications.id, row.id));
    return { ok: false, remainingAttempts: MAX_TRIES - row.attempts - 1 };
  }
  await db.update(phoneVerifications).set({ verifiedAt: input.now }).where(eq(phoneVerifications.id, row.id));
  return { ok: true };
}
