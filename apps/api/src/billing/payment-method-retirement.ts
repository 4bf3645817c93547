import { and, asc, eq, gt } from "drizzle-orm";
import type { DeactivationResult, PaymentGateway } from "../adapters/payments/payment-gateway.js";
import type { Db } from "../db/client.js";
import { paymentMethods } from "../db/schema/index.js";

/**
 * When a contract ends its auto-pay must stop, at the gateway too. The ending use case only marks
 * the methods `deactivating` in its own transaction (outbox: nothing leaves the machine before
 * commit, and a rollback leaves them `active`); the platform job below tells the gateway later.
 * Charges pick `status = 'active'` methods only, so a `deactivating` one is never charged again.
 *
 *   active → deactivating → inactive                (the gateway confirmed, or a sandbox method)
 *                         → deactivation_failed     (the gateway refused: staff look at last_error)
 */
export async function retirePaymentMethods(tx: Db, contractId: number): Promise<number> {
  const retired = await tx
    .update(paymentMethods)
    .set({ status: "deactivating", lastError: null })
    .where(and(eq(paymentMethods.contractId, contractId), eq(paymentMethods.status, "active")))
    .returning({ id: paymentMethods.id });
  return retired.length;
}

export const GATEWAY_NOT_CONFIGURED = "gateway not configured";

type Change = Partial<typeof paymentMethods.$inferInsert>;

/**
 * Deactivates `deactivating` methods at the configured gateway, a small batch per transaction.
 * The batch's rows stay locked (FOR UPDATE SKIP LOCKED) while their gateway calls are out, so a
 * second run, here or on another instance, takes other rows and never calls twice for one. A
 * crash rolls the batch back and the next run repeats its calls, which is harmless: deactivating
 * twice counts as deactivated. Each run passes a row once; a retryable failure waits for the next
 * run. `failed` counts every row left undone (refused, retryable, or another gateway's).
 */
export async function deactivatePendingMethods(input: {
  db: Db;
  gateway: PaymentGateway;
  now: Date;
  batch?: number;
  /** Only this partner's methods (a partner's staff starting the job). */
  partnerId?: number;
}): Promise<{ deactivated: number; failed: number }> {
  const totals = { deactivated: 0, failed: 0 };
  const batch = input.batch ?? 10;
  let afterId = 0;
  for (;;) {
    const claimed = await input.db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: paymentMethods.id, gateway: paymentMethods.gateway, token: paymentMethods.token })
        .from(paymentMethods)
        .where(
          and(
            eq(paymentMethods.status, "deactivating"),
            gt(paymentMethods.id, afterId),
            input.partnerId === undefined ? undefined : eq(paymentMethods.partnerId, input.partnerId),
          ),
        )
        .orderBy(asc(paymentMethods.id))
        .limit(batch)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        const change = await settle(row, input);
        if (change.status === "inactive") totals.deactivated++;
        else totals.failed++;
        await tx.update(paymentMethods).set(change).where(eq(paymentMethods.id, row.id));
      }
      return rows;
    });
    const last = claimed.at(-1);
    if (!last) return totals;
    afterId = last.id;
  }
}

async function settle(
  row: { id: number; gateway: string; token: string },
  input: { gateway: PaymentGateway; now: Date },
): Promise<Change> {
  const done: Change = { status: "inactive", deactivatedAt: input.now, lastError: null };
  if (row.gateway !== input.gateway.name) {
    // Sandbox tokens never reached a real gateway; another real gateway's must wait for its keys.
    return row.gateway === "sandbox" ? done : { lastError: GATEWAY_NOT_CONFIGURED };
  }
  let result: DeactivationResult;
  try {
    result = await input.gateway.deactivate({ token: row.token, idempotencyKey: `pm-${row.id}-deactivate` });
  } catch (error) {
    result = { status: "failed", code: `gateway_error: ${String(error)}`.slice(0, 200), retryable: true };
  }
  if (result.status === "deactivated") return done;
  return result.retryable
    ? { lastError: result.code }
    : { status: "deactivation_failed", lastError: result.code };
}
