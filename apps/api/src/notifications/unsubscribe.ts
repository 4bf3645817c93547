import { and, eq, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { customers, notifications } from "../db/schema/index.js";
import type { UseCaseContext } from "../http/context.js";
import { AppError } from "../http/errors.js";
import type { SecretBox } from "../security/secret-box.js";

/** What a token names; the purpose keeps any other sealed value from passing for one. */
interface UnsubscribeClaim {
  purpose: "unsubscribe";
  partnerId: number;
  customerId: number;
}

/**
 * A customer's unsubscribe token: their partner and id sealed with SECRETS_KEY (AES-GCM, so it
 * cannot be forged or altered, and rotates with the other secrets). It does not expire: the
 * law wants a marketing e-mail's opt-out to keep working.
 */
export function unsubscribeToken(box: SecretBox, who: { partnerId: number; customerId: number }): string {
  const claim: UnsubscribeClaim = {
    purpose: "unsubscribe",
    partnerId: who.partnerId,
    customerId: who.customerId,
  };
  return box.seal(JSON.stringify(claim));
}

/** The link a marketing e-mail carries, in its text and its List-Unsubscribe header. */
export function unsubscribeUrl(input: {
  publicUrl: string;
  box: SecretBox;
  partnerId: number;
  customerId: number;
}): string {
  const token = unsubscribeToken(input.box, { partnerId: input.partnerId, customerId: input.customerId });
  return `${input.publicUrl}/api/public/unsubscribe/${token}`;
}

/** The partner and customer a token names, or null when it is not one of ours. */
export function readUnsubscribeToken(
  box: SecretBox,
  token: string,
): { partnerId: number; customerId: number } | null {
  try {
    const claim = JSON.parse(box.open(token)) as Partial<UnsubscribeClaim>;
    if (claim.purpose !== "unsubscribe") return null;
    if (!Number.isInteger(claim.partnerId) || !Number.isInteger(claim.customerId)) return null;
    return { partnerId: claim.partnerId!, customerId: claim.customerId! };
  } catch {
    return null;
  }
}

/**
 * Withdraws the customer's marketing consent, audited in their name, and stops the advertising
 * still waiting in the outbox for their e-mail or phone (e.g. held overnight). Idempotent: a
 * second click changes nothing and writes no second audit row. null: the customer is gone.
 */
export async function withdrawMarketingConsent(
  ctx: UseCaseContext,
  who: { partnerId: number; customerId: number },
): Promise<{ withdrawn: boolean } | null> {
  const [customer] = await ctx.tx
    .select({
      id: customers.id,
      consentMarketingAt: customers.consentMarketingAt,
      email: customers.email,
      phone: customers.phone,
    })
    .from(customers)
    .where(and(eq(customers.id, who.customerId), eq(customers.partnerId, who.partnerId)))
    .for("update");
  if (!customer) return null;
  if (!customer.consentMarketingAt) return { withdrawn: false };
  await ctx.tx
    .update(customers)
    .set({ consentMarketingAt: null, updatedAt: ctx.clock.now().toISOString() })
    .where(eq(customers.id, customer.id));
  const digits = (customer.phone ?? "").replace(/\D/g, "");
  const stopped = await ctx.tx
    .update(notifications)
    .set({ status: "failed", lastError: "수신거부: the customer withdrew marketing consent" })
    .where(
      and(
        eq(notifications.partnerId, who.partnerId),
        eq(notifications.marketing, true),
        eq(notifications.status, "pending"),
        or(
          customer.email ? eq(notifications.to, customer.email) : undefined,
          digits ? sql`regexp_replace(${notifications.to}, '\D', '', 'g') = ${digits}` : undefined,
        ) ?? sql`false`,
      ),
    )
    .returning({ id: notifications.id });
  await recordAudit(
    { ...ctx, by: { kind: "customer", customerId: customer.id } },
    {
      entity: "customers",
      entityId: customer.id,
      action: "customer:unsubscribe_marketing",
      partnerId: who.partnerId,
      before: { consents: { marketing: customer.consentMarketingAt } },
      after: { consents: { marketing: null }, via: "unsubscribe_link", stoppedMessages: stopped.length },
    },
  );
  return { withdrawn: true };
}

/**
 * Staff's "resend" of an advertising e-mail: refused once its customer has unsubscribed (the
 * message's own link names them). Other messages pass.
 */
export async function assertMarketingStillWanted(
  tx: Db,
  box: SecretBox,
  message: { marketing: boolean; unsubscribeUrl: string | null },
): Promise<void> {
  if (!message.marketing || !message.unsubscribeUrl) return;
  const who = readUnsubscribeToken(box, message.unsubscribeUrl.split("/").at(-1) ?? "");
  if (!who) return;
  const [customer] = await tx
    .select({ consentMarketingAt: customers.consentMarketingAt })
    .from(customers)
    .where(and(eq(customers.id, who.customerId), eq(customers.partnerId, who.partnerId)));
  if (!customer?.consentMarketingAt)
    throw new AppError(
      409,
      "marketing_consent_withdrawn",
      "광고 수신을 거부한 고객에게는 광고를 다시 보낼 수 없습니다.",
    );
}
