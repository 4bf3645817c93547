import { eq, inArray, lte } from "drizzle-orm";
import { tasks } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { type TaskRow, visibleTasks } from "./move-task.js";
import { assignTask, cancelTask, completeTask, startTask, tasksJson } from "./task-use-cases.js";
import {
  ZTaskAssignRequest,
  ZTaskCancelRequest,
  ZTaskCompleteRequest,
  ZTaskFilter,
} from "./tasks.schemas.js";

export function registerTaskRoutes(routes: ApiRoutes): void {
  const tag = "tasks";
  const access = { resource: "tasks", action: "edit" } as const;
  routes.staff(
    {
      method: "post",
      path: "/tasks/:id/assign",
      summary: "Give the task to a colleague whose role handles it",
      tag,
      body: ZTaskAssignRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await assignTask(ctx, id, body.assigneeId) }),
  );
  routes.staff(
    { method: "post", path: "/tasks/:id/start", summary: "Start working on the task", tag, access },
    async (ctx, { id }) => ({ body: await startTask(ctx, id) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/tasks/:id/complete",
      summary: "Complete the task (a return brings the unit back to refurbishing)",
      tag,
      body: ZTaskCompleteRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await completeTask(ctx, id, body.outcome) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/tasks/:id/cancel",
      summary: "Cancel the task, with the reason",
      tag,
      body: ZTaskCancelRequest,
      access,
    },
    async (ctx, { id, body }) => ({ body: await cancelTask(ctx, id, body.reason) }),
  );
  registerReads<TaskRow, typeof ZTaskFilter.shape>(routes, {
    resource: "tasks",
    title: "follow-up tasks (returns, recoveries, demands; each role sees the kinds it owns)",
    table: tasks,
    partnerColumn: tasks.partnerId,
    sort: { id: tasks.id, dueOn: tasks.dueOn, status: tasks.status, kind: tasks.kind },
    defaultSort: ["dueOn", "ASC"],
    filters: ZTaskFilter,
    visible: (ctx) => visibleTasks(ctx),
    where: (f, ctx) => [
      f.status === undefined
        ? undefined
        : Array.isArray(f.status)
          ? inArray(tasks.status, f.status)
          : eq(tasks.status, f.status),
      f.kind ? eq(tasks.kind, f.kind) : undefined,
      f.assigneeId ? eq(tasks.assigneeId, f.assigneeId) : undefined,
      f.contractId ? eq(tasks.contractId, f.contractId) : undefined,
      f.mine ? eq(tasks.assigneeId, ctx.actor.userId) : undefined,
      f.dueBy ? lte(tasks.dueOn, f.dueBy) : undefined,
    ],
    toJson: (rows, ctx) => tasksJson(ctx.tx, rows),
  });
}
