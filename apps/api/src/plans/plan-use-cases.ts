import { type PlanTerms, planEditOutcome } from "@ssp/domain";
import { recordAudit } from "../audit/record-audit.js";
import { findScoped, ownerPartner } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { conflict, notFound, validationFailed } from "../http/errors.js";
import { productTable } from "../products/product-use-cases.js";
import {
  addVersion,
  anyVersionInUse,
  deletePlan,
  findPlan,
  insertPlan,
  isVersionInUse,
  planJson,
  rewriteVersion,
  termsOf,
  updatePlanRow,
} from "./plans.repository.js";
import type { TPlanInput } from "./plans.schemas.js";

async function assertOwnProduct(ctx: StaffContext, productId: number): Promise<void> {
  if (!(await findScoped(ctx.tx, ctx.scope, productTable, productId))) {
    throw validationFailed({ productId: "No such product" });
  }
}

export async function createPlan(ctx: StaffContext, input: TPlanInput) {
  await assertOwnProduct(ctx, input.productId);
  const id = await insertPlan(ctx.tx, {
    partnerId: ownerPartner(ctx.scope),
    productId: input.productId,
    name: input.name,
    active: input.active,
    terms: termsOf(input as PlanTerms),
  });
  const after = planJson((await findPlan(ctx.tx, ctx.scope, id))!);
  await recordAudit(ctx, {
    entity: "plans",
    entityId: id,
    action: "create",
    partnerId: after.partnerId,
    after,
  });
  return after;
}

/**
 * Contracts keep the terms they were drafted with: once a version is in use, new terms become
 * version n+1 and only new orders see them. An unused version is corrected in place.
 */
export async function editPlan(ctx: StaffContext, id: number, input: TPlanInput) {
  const existing = await findPlan(ctx.tx, ctx.scope, id);
  if (!existing) throw notFound("Plan");
  const inUse = await isVersionInUse(ctx.tx, existing.versionId);
  if (inUse && input.productId !== existing.productId) {
    throw conflict("plan_in_use", "A plan in use cannot move to another product", {
      productId: "Plan in use",
    });
  }
  await assertOwnProduct(ctx, input.productId);
  const next = termsOf(input as PlanTerms);
  const outcome = planEditOutcome({ current: termsOf(existing as PlanTerms), next, inUse });
  if (outcome === "new_version") {
    await addVersion(ctx.tx, {
      partnerId: existing.partnerId,
      planId: id,
      version: existing.version + 1,
      terms: next,
    });
  } else {
    await rewriteVersion(ctx.tx, existing.versionId, next);
  }
  await updatePlanRow(ctx.tx, id, {
    name: input.name,
    active: input.active,
    productId: input.productId,
    updatedAt: ctx.clock.now(),
  });
  const before = planJson(existing);
  const after = planJson((await findPlan(ctx.tx, ctx.scope, id))!);
  await recordAudit(ctx, {
    entity: "plans",
    entityId: id,
    action: outcome === "new_version" ? "new_version" : "update",
    partnerId: after.partnerId,
    before,
    after,
  });
  return after;
}

export async function removePlan(ctx: StaffContext, id: number) {
  const existing = await findPlan(ctx.tx, ctx.scope, id);
  if (!existing) throw notFound("Plan");
  if (await anyVersionInUse(ctx.tx, id)) {
    throw conflict("plan_in_use", "Orders use this plan; deactivate it instead of deleting it");
  }
  await deletePlan(ctx.tx, id);
  const before = planJson(existing);
  await recordAudit(ctx, {
    entity: "plans",
    entityId: id,
    action: "delete",
    partnerId: existing.partnerId,
    before,
  });
  return before;
}
