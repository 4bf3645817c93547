import { PLAN_TERM_FIELDS, type PlanTerms } from "@ssp/domain";
import { and, eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client.js";
import { orders, plans, plansCurrent, planVersions } from "../db/schema/index.js";
import { findScoped } from "../db/scoped.js";
import type { TenantScope } from "../db/tenant.js";

export type PlanView = typeof plansCurrent.$inferSelect;
export const planSpec = { table: plansCurrent, partnerColumn: plansCurrent.partnerId };

export function findPlan(tx: Db, scope: TenantScope, id: number): Promise<PlanView | undefined> {
  return findScoped<PlanView>(tx, scope, planSpec, id);
}

export function termsOf(source: PlanTerms): PlanTerms {
  return Object.fromEntries(PLAN_TERM_FIELDS.map((f) => [f, source[f]])) as unknown as PlanTerms;
}

/** A version is in use once any order (and so any contract) points at it. */
export async function isVersionInUse(tx: Db, versionId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.planVersionId, versionId))
    .limit(1);
  return row !== undefined;
}

export async function insertPlan(
  tx: Db,
  input: { partnerId: number; productId: number; name: string; active: boolean; terms: PlanTerms },
): Promise<number> {
  const [plan] = await tx
    .insert(plans)
    .values({
      partnerId: input.partnerId,
      productId: input.productId,
      name: input.name,
      active: input.active,
    })
    .returning({ id: plans.id });
  await addVersion(tx, { partnerId: input.partnerId, planId: plan!.id, version: 1, terms: input.terms });
  return plan!.id;
}

export async function addVersion(
  tx: Db,
  input: { partnerId: number; planId: number; version: number; terms: PlanTerms },
): Promise<void> {
  const [version] = await tx
    .insert(planVersions)
    .values({ partnerId: input.partnerId, planId: input.planId, version: input.version, ...input.terms })
    .returning({ id: planVersions.id });
  await tx.update(plans).set({ currentVersionId: version!.id }).where(eq(plans.id, input.planId));
}

export async function rewriteVersion(tx: Db, versionId: number, terms: PlanTerms): Promise<void> {
  await tx.update(planVersions).set(terms).where(eq(planVersions.id, versionId));
}

export async function updatePlanRow(
  tx: Db,
  id: number,
  values: { name: string; active: boolean; productId: number; updatedAt: Date },
): Promise<void> {
  await tx.update(plans).set(values).where(eq(plans.id, id));
}

export async function deletePlan(tx: Db, id: number): Promise<void> {
  await tx.update(plans).set({ currentVersionId: null }).where(eq(plans.id, id));
  await tx.delete(planVersions).where(and(eq(planVersions.planId, id)));
  await tx.delete(plans).where(eq(plans.id, id));
}

export async function anyVersionInUse(tx: Db, planId: number): Promise<boolean> {
  const rows = rowsOf<{ used: boolean }>(
    await tx.execute(
      sql`select exists (select 1 from ${orders} o join ${planVersions} v on v.id = o.plan_version_id where v.plan_id = ${planId}) as used`,
    ),
  );
  return Boolean(rows[0]?.used);
}

export function planJson(p: PlanView) {
  return {
    id: p.id,
    partnerId: p.partnerId,
    productId: p.productId,
    name: p.name,
    active: p.active,
    ...termsOf(p as PlanTerms),
    version: p.version,
    versionId: p.versionId,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
