import { DomainError, type TransferStatus, transferLifecycle } from "@ssp/domain";
import { and, desc, eq } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import { customerNamesOf } from "../customers/customers.repository.js";
import type { Db } from "../db/client.js";
import { contractTransfers } from "../db/schema/index.js";
import { partnerScope, whereAll } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";

export type TransferRow = typeof contractTransfers.$inferSelect;

/** The transfer with its row locked until the transaction ends: load it this way before a change. */
export async function lockTransfer(tx: Db, scope: TenantScope, id: number): Promise<TransferRow | undefined> {
  const [row] = await tx
    .select()
    .from(contractTransfers)
    .where(whereAll(eq(contractTransfers.id, id), partnerScope(contractTransfers.partnerId, scope)))
    .limit(1)
    .for("update");
  return row;
}

export async function findTransfer(tx: Db, scope: TenantScope, id: number): Promise<TransferRow | undefined> {
  const [row] = await tx
    .select()
    .from(contractTransfers)
    .where(whereAll(eq(contractTransfers.id, id), partnerScope(contractTransfers.partnerId, scope)))
    .limit(1);
  return row;
}

/** A ticket's transfers, newest first (a declined or cancelled one may be followed by another). */
export function ticketTransfers(tx: Db, scope: TenantScope, ticketId: number): Promise<TransferRow[]> {
  return tx
    .select()
    .from(contractTransfers)
    .where(
      whereAll(eq(contractTransfers.ticketId, ticketId), partnerScope(contractTransfers.partnerId, scope)),
    )
    .orderBy(desc(contractTransfers.id));
}

/**
 * The one way a transfer changes status: the domain checks the step (409 if illegal), and the row
 * changes only from the status the caller read (a stale row is refused with 409); the audit row is
 * written in the caller's transaction. Load the transfer with `lockTransfer` first.
 */
export async function moveTransfer(
  ctx: AuditContext & { clock: { now(): Date } },
  transfer: TransferRow,
  to: TransferStatus,
  values: Partial<typeof contractTransfers.$inferInsert> = {},
): Promise<TransferRow> {
  transferLifecycle.assertCanTransition(transfer.status as TransferStatus, to);
  const [row] = await ctx.tx
    .update(contractTransfers)
    .set({ ...values, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(contractTransfers.id, transfer.id), eq(contractTransfers.status, transfer.status)))
    .returning();
  if (!row)
    throw new DomainError("illegal_transition", `The transfer is no longer ${transfer.status}; reload it`);
  await recordAudit(ctx, {
    entity: "contract_transfers",
    entityId: transfer.id,
    action: `status:${to}`,
    partnerId: transfer.partnerId,
    before: { status: transfer.status },
    after: { status: to },
  });
  return row;
}

/** The API's shape: names of both holders, never their birth dates or contacts. */
export async function transferJson(tx: Db, r: TransferRow) {
  const names = await customerNamesOf(tx, [r.fromCustomerId, r.toCustomerId]);
  return {
    id: r.id,
    contractId: r.contractId,
    ticketId: r.ticketId,
    fromCustomerId: r.fromCustomerId,
    fromCustomerName: names.get(r.fromCustomerId) ?? null,
    toCustomerId: r.toCustomerId,
    toCustomerName: names.get(r.toCustomerId) ?? null,
    status: r.status,
    credit:
      r.creditOutcome === null
        ? null
        : {
            score: r.creditScore,
            grade: r.creditGrade,
            outcome: r.creditOutcome,
            bureau: r.creditBureau,
            checkedAt: r.creditCheckedAt?.toISOString() ?? null,
          },
    sentAt: r.sentAt?.toISOString() ?? null,
    signedAt: r.signedAt?.toISOString() ?? null,
    sealedSha256: r.sealedSha256,
    completedAt: r.completedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    cancelReason: r.cancelReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
