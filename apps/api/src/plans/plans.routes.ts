import { eq, ilike } from "drizzle-orm";
import { plansCurrent } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import { createPlan, editPlan, removePlan } from "./plan-use-cases.js";
import { type PlanView, planJson, planSpec } from "./plans.repository.js";
import { ZPlanFilter, ZPlanInput } from "./plans.schemas.js";

export function registerPlanRoutes(routes: ApiRoutes): void {
  const tag = "plans";
  const p = plansCurrent;
  registerReads<PlanView, typeof ZPlanFilter.shape>(routes, {
    resource: "plans",
    title: "plans with their current terms",
    ...planSpec,
    sort: {
      id: p.id,
      name: p.name,
      productId: p.productId,
      kind: p.kind,
      monthlyFee: p.monthlyFee,
      termMonths: p.termMonths,
      mandatoryMonths: p.mandatoryMonths,
      registrationFee: p.registrationFee,
      version: p.version,
      active: p.active,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    },
    defaultSort: ["id", "ASC"],
    filters: ZPlanFilter,
    where: (f) => [
      f.q ? ilike(p.name, `%${likeEscape(f.q)}%`) : undefined,
      f.productId ? eq(p.productId, f.productId) : undefined,
      f.kind ? eq(p.kind, f.kind) : undefined,
      f.active !== undefined ? eq(p.active, f.active) : undefined,
    ],
    toJson: (rows) => rows.map(planJson),
  });
  routes.staff(
    {
      method: "post",
      path: "/plans",
      summary: "Add a plan (version 1)",
      tag,
      body: ZPlanInput,
      access: { resource: "plans", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await createPlan(ctx, body) }),
  );
  routes.staff(
    {
      method: "put",
      path: "/plans/:id",
      summary: "Edit a plan; a plan in use gets a new version",
      tag,
      body: ZPlanInput,
      access: { resource: "plans", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await editPlan(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "delete",
      path: "/plans/:id",
      summary: "Delete a plan no order uses",
      tag,
      access: { resource: "plans", action: "delete" },
    },
    async (ctx, { id }) => ({ body: await removePlan(ctx, id) }),
  );
}
