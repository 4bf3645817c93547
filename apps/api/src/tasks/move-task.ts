import { TASK_KINDS, TASK_OWNER_ROLES, type TaskKind, type TaskStatus, taskLifecycle } from "@ssp/domain";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record-audit.js";
import { tasks } from "../db/schema/index.js";
import { partnerScope } from "../db/scoped.js";
import type { StaffContext } from "../http/context.js";
import { AppError, notFound } from "../http/errors.js";

export type TaskRow = typeof tasks.$inferSelect;

/** The task kinds a role owns (the owner and the operator see every kind). */
export function kindsOf(role: string): readonly string[] | "all" {
  if (role === "owner" || role === "operator") return "all";
  return TASK_KINDS.filter((k) => TASK_OWNER_ROLES[k as TaskKind].includes(role));
}

/** Which tasks the actor may see: the kinds their role owns; a technician, only those given to them. */
export function visibleTasks(ctx: Pick<StaffContext, "actor">): (SQL | undefined)[] {
  const kinds = kindsOf(ctx.actor.role);
  return [
    kinds === "all" ? undefined : inArray(tasks.kind, [...kinds]),
    ctx.actor.role === "technician" ? eq(tasks.assigneeId, ctx.actor.userId) : undefined,
  ];
}

export async function lockTask(
  ctx: Pick<StaffContext, "tx" | "scope" | "actor">,
  id: number,
): Promise<TaskRow> {
  const [row] = await ctx.tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), partnerScope(tasks.partnerId, ctx.scope), ...visibleTasks(ctx)))
    .for("update");
  if (!row) throw notFound("Task");
  return row;
}

/**
 * The one way a task changes: the domain checks the step (409), the row is written only from the
 * status the caller read, and the change is audited, in the caller's transaction. Assigning
 * keeps the status (action `assign`).
 */
export async function moveTask(
  ctx: AuditContext & { clock: { now(): Date } },
  task: TaskRow,
  to: TaskStatus,
  action: string,
  values: Partial<typeof tasks.$inferInsert> = {},
): Promise<TaskRow> {
  const from = task.status as TaskStatus;
  if (action === "assign" && to === from) {
    if (taskLifecycle.isTerminal(from))
      throw new AppError(409, "illegal_transition", `A ${from} task cannot be reassigned`, { from, to });
  } else {
    taskLifecycle.assertCanTransition(from, to);
  }
  const [row] = await ctx.tx
    .update(tasks)
    .set({ ...values, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(tasks.id, task.id), eq(tasks.status, task.status)))
    .returning();
  if (!row)
    throw new AppError(409, "illegal_transition", `The task is no longer ${from}; reload it and try again`);
  await recordAudit(ctx, {
    entity: "tasks",
    entityId: task.id,
    action: action === "assign" ? "assign" : `status:${to}`,
    partnerId: task.partnerId,
    before: { status: task.status, assigneeId: task.assigneeId },
    after: { status: row.status, assigneeId: row.assigneeId, outcome: row.outcome },
  });
  return row;
}
