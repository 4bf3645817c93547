import { type AuditSubject, recordAudit } from "../audit/record-audit.js";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import { signingEvents } from "../db/schema/index.js";
import type { Adapters, AppConfig } from "../http/context.js";
import type { SigningLink } from "./resolve-link.js";

/** A customer's request on a public page: no staff actor, the tenant comes from the link. */
export interface PublicContext {
  tx: Db;
  actor: null;
  /** The customer the link was sent to: every step they take is an audit row in their name. */
  by: AuditSubject;
  clock: Clock;
  adapters: Adapters;
  config: AppConfig;
  ip: string | undefined;
  userAgent: string | undefined;
}

export async function recordSigningEvent(
  ctx: PublicContext,
  link: SigningLink,
  kind:
    | "opened"
    | "verified"
    | "verification_failed"
    | "locked"
    | "viewed"
    | "signed"
    | "declined"
    | "payment_registered"
    | "payment_failed",
  detail?: Record<string, unknown>,
): Promise<void> {
  await ctx.tx.insert(signingEvents).values({
    partnerId: link.partnerId,
    contractId: link.contractId,
    linkId: link.id,
    kind,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    detail: detail ?? null,
  });
  // The audit log names the customer for every step on the page (what, not what they typed).
  if (kind !== "opened" && kind !== "viewed") {
    await recordAudit(ctx, {
      entity: "contracts",
      entityId: link.contractId,
      action: `customer:${kind}`,
      partnerId: link.partnerId,
    });
  }
}
