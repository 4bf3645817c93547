import { type ContractStatus, contractLifecycle, DomainError } from "@ssp/domain";
import { and, eq, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import { type Db, rowsOf } from "../db/client.js";
import { contracts } from "../db/schema/index.js";
import { findScoped } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";

export type ContractRow = typeof contracts.$inferSelect;
export const contractTable = { table: contracts, partnerColumn: contracts.partnerId };

export function findContract(tx: Db, scope: TenantScope, id: number): Promise<ContractRow | undefined> {
  return findScoped<ContractRow>(tx, scope, contractTable, id);
}

/**
 * Loads a contract in the caller's scope and locks it (SELECT … FOR UPDATE) for the rest of the
 * transaction. A use case that decides on a contract's status or money (cancel, terminate,
 * installation) locks it first: a concurrent request on the same contract then waits and decides
 * on what this one wrote, instead of both deciding on the same stale row.
 */
export async function lockContract(tx: Db, scope: TenantScope, id: number): Promise<ContractRow | undefined> {
  const [row] = await tx
    .select()
    .from(contracts)
    .where(
      scope.kind === "partner"
        ? and(eq(contracts.id, id), eq(contracts.partnerId, scope.partnerId))
        : eq(contracts.id, id),
    )
    .limit(1)
    .for("update");
  return row;
}

/** SSP-<year>-<000123>, from one sequence for the installation. */
export async function nextContractNumber(tx: Db, year: string): Promise<string> {
  const [row] = rowsOf<{ n: string | number }>(
    await tx.execute(sql`select nextval('contract_number_seq') as n`),
  );
  return `SSP-${year}-${String(row!.n).padStart(6, "0")}`;
}

/**
 * The one way a contract changes status: the domain refuses illegal steps (409), and the row
 * changes only from the status the caller read — if another request moved it since (a caller that
 * did not lock it with {@link lockContract}), this step was decided on a stale row and is refused
 * with 409, rolling back everything the caller did in its transaction.
 */
export async function moveContract(
  ctx: AuditContext & { clock: { now(): Date } },
  contract: ContractRow,
  to: ContractStatus,
  values: Partial<typeof contracts.$inferInsert> = {},
): Promise<ContractRow> {
  contractLifecycle.assertCanTransition(contract.status as ContractStatus, to);
  const [row] = await ctx.tx
    .update(contracts)
    .set({ ...values, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(contracts.id, contract.id), eq(contracts.status, contract.status)))
    .returning();
  if (!row) {
    throw new DomainError(
      "illegal_transition",
      `The contract is no longer ${contract.status}; reload it and try again`,
    );
  }
  // Every transition is audited; a null actor is a job (dunning, end of term) or the customer.
  await recordAudit(
    { tx: ctx.tx, actor: ctx.actor, ip: ctx.ip, by: ctx.by },
    {
      entity: "contracts",
      entityId: contract.id,
      action: `status:${to}`,
      partnerId: contract.partnerId,
      before: { status: contract.status },
      after: { status: to, ...(values.endReason ? { reason: values.endReason } : {}) },
    },
  );
  return row!;
}

export function contractJson(r: ContractRow) {
  return {
    id: r.id,
    partnerId: r.partnerId,
    number: r.number,
    orderId: r.orderId,
    customerId: r.customerId,
    planVersionId: r.planVersionId,
    assetId: r.assetId,
    status: r.status,
    billingDay: r.billingDay,
    installPostcode: r.installPostcode,
    installAddress: r.installAddress,
    installAddressDetail: r.installAddressDetail,
    activatedOn: r.activatedOn,
    endsOn: r.endsOn,
    endedOn: r.endedOn,
    terms: r.terms,
    party: r.party,
    productName: r.productName,
    productModel: r.productModel,
    draftedOn: r.draftedOn,
    signedAt: r.signedAt?.toISOString() ?? null,
    sealedSha256: r.sealedSha256,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
