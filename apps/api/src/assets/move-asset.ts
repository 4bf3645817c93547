import { type AssetStatus, assertCanTransitionAsset } from "@ssp/domain";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { assetEvents, assets } from "../db/schema/index.js";
import { AppError } from "../http/errors.js";
import { type Note, noteColumns } from "../shared/note-columns.js";

type AssetRow = typeof assets.$inferSelect;

/** Reads an asset for a status change, locked until the transaction ends. */
export async function lockAsset(tx: Db, id: number): Promise<AssetRow | undefined> {
  const [row] = await tx.select().from(assets).where(eq(assets.id, id)).for("update");
  return row;
}

/**
 * The one way an asset changes status (as `moveOrder` is for orders): the domain checks the step
 * for who takes it (409 if illegal), the row moves only from the status the caller read (409 if
 * another request moved it since), and its asset event and audit entry are written in the
 * caller's transaction. `values` are the other columns the step sets (holder, customer).
 */
export async function moveAsset(
  ctx: AuditContext & { clock: { now(): Date } },
  asset: AssetRow,
  to: AssetStatus,
  extra: {
    by: "staff" | "system";
    contractId?: number | null;
    note?: Note | null;
    values?: Partial<Pick<AssetRow, "contractId" | "customerId">>;
    /** The audit entry's before/after shape (default: status, holder and customer). */
    json?: (row: AssetRow) => unknown;
  },
): Promise<AssetRow> {
  assertCanTransitionAsset({ from: asset.status as AssetStatus, to, by: extra.by });
  const [row] = await ctx.tx
    .update(assets)
    .set({ ...extra.values, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(assets.id, asset.id), eq(assets.status, asset.status)))
    .returning();
  if (!row)
    throw new AppError(
      409,
      "illegal_transition",
      `The asset is no longer ${asset.status}; reload it and try again`,
    );
  await ctx.tx.insert(assetEvents).values({
    partnerId: asset.partnerId,
    assetId: asset.id,
    fromStatus: asset.status,
    toStatus: to,
    contractId: extra.contractId === undefined ? asset.contractId : extra.contractId,
    userId: ctx.actor?.userId ?? null,
    ...noteColumns(extra.note),
  });
  const json =
    extra.json ??
    ((r: AssetRow) => ({ status: r.status, contractId: r.contractId, customerId: r.customerId }));
  await recordAudit(
    { tx: ctx.tx, actor: ctx.actor, ip: ctx.ip, by: ctx.by },
    {
      entity: "assets",
      entityId: asset.id,
      action: `status:${to}`,
      partnerId: asset.partnerId,
      before: json(asset),
      after: json(row),
    },
  );
  return row;
}
