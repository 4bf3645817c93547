import {
  type AssetStatus,
  isReturnTask,
  TASK_OWNER_ROLES,
  type TaskKind,
  type TaskStatus,
} from "@ssp/domain";
import { and, eq, inArray } from "drizzle-orm";
import { transitionAsset } from "../assets/asset-use-cases.js";
import { installAddressLine } from "../contracts/install-address.js";
import type { Db } from "../db/client.js";
import { assets, contracts, users } from "../db/schema/index.js";
import type { StaffContext } from "../http/context.js";
import { AppError, forbidden } from "../http/errors.js";
import { lockTask, moveTask, type TaskRow } from "./move-task.js";

/** Tasks as the API shows them: with the contract number, customer, address and assignee's name. */
export async function tasksJson(tx: Db, rows: TaskRow[]) {
  if (rows.length === 0) return [];
  const contractIds = [...new Set(rows.flatMap((r) => (r.contractId ? [r.contractId] : [])))];
  const userIds = [...new Set(rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))];
  const assetIds = [...new Set(rows.flatMap((r) => (r.assetId ? [r.assetId] : [])))];
  const [contractRows, userRows, assetRows] = await Promise.all([
    contractIds.length
      ? tx
          .select({
            id: contracts.id,
            number: contracts.number,
            customerId: contracts.customerId,
            party: contracts.party,
            installPostcode: contracts.installPostcode,
            installAddress: contracts.installAddress,
            installAddressDetail: contracts.installAddressDetail,
          })
          .from(contracts)
          .where(inArray(contracts.id, contractIds))
      : Promise.resolve([]),
    userIds.length
      ? tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : Promise.resolve([]),
    assetIds.length
      ? tx
          .select({ id: assets.id, serialNumber: assets.serialNumber, status: assets.status })
          .from(assets)
          .where(inArray(assets.id, assetIds))
      : Promise.resolve([]),
  ]);
  const byContract = new Map(contractRows.map((c) => [c.id, c]));
  const byUser = new Map(userRows.map((u) => [u.id, u.name]));
  const byAsset = new Map(assetRows.map((a) => [a.id, a]));
  return rows.map((t) => {
    const c = t.contractId ? byContract.get(t.contractId) : undefined;
    const a = t.assetId ? byAsset.get(t.assetId) : undefined;
    return {
      id: t.id,
      partnerId: t.partnerId,
      kind: t.kind,
      status: t.status,
      dueOn: t.dueOn,
      note: t.note,
      noteText: t.noteText,
      outcome: t.outcome,
      contractId: t.contractId,
      contractNumber: c?.number ?? null,
      customerId: c?.customerId ?? null,
      customerName: c?.party.name ?? null,
      customerPhone: c?.party.phone ?? null,
      address: c ? installAddressLine(c) : null,
      assetId: t.assetId,
      serialNumber: a?.serialNumber ?? null,
      assetStatus: a?.status ?? null,
      assigneeId: t.assigneeId,
      assigneeName: t.assigneeId ? (byUser.get(t.assigneeId) ?? null) : null,
      completedAt: t.completedAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  });
}

async function oneJson(ctx: StaffContext, row: TaskRow) {
  return (await tasksJson(ctx.tx, [row]))[0]!;
}

/** A task goes only to an active user of its partner whose role owns its kind (422 otherwise). */
export async function assignTask(ctx: StaffContext, id: number, assigneeId: number) {
  if (ctx.actor.role === "technician") throw forbidden();
  const task = await lockTask(ctx, id);
  const roles = TASK_OWNER_ROLES[task.kind as TaskKind] ?? ["owner"];
  const [user] = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, assigneeId),
        eq(users.partnerId, task.partnerId),
        eq(users.active, true),
        inArray(users.role, [...roles]),
      ),
    );
  if (!user)
    throw new AppError(422, "business_rule", "Choose a colleague whose role handles this task", {
      assigneeId: "Not someone who handles this task",
    });
  return oneJson(ctx, await moveTask(ctx, task, task.status as TaskStatus, "assign", { assigneeId }));
}

export async function startTask(ctx: StaffContext, id: number) {
  const task = await lockTask(ctx, id);
  return oneJson(
    ctx,
    await moveTask(ctx, task, "in_progress", "start", { assigneeId: task.assigneeId ?? ctx.actor.userId }),
  );
}

export async function cancelTask(ctx: StaffContext, id: number, reason: string) {
  if (ctx.actor.role === "technician") throw forbidden();
  const task = await lockTask(ctx, id);
  return oneJson(ctx, await moveTask(ctx, task, "cancelled", "cancel", { outcome: reason }));
}

/**
 * Completes a task through the rules of what it is about: a return or recovery brings the unit
 * back (installed → returned → refurbishing, each step an asset event through the asset rules).
 */
export async function completeTask(ctx: StaffContext, id: number, outcome: string | undefined) {
  const task = await lockTask(ctx, id);
  const done = await moveTask(ctx, task, "done", "complete", {
    outcome: outcome ?? null,
    completedAt: ctx.clock.now(),
    assigneeId: task.assigneeId ?? ctx.actor.userId,
  });
  if (isReturnTask(task.kind) && task.assetId) {
    const [asset] = await ctx.tx
      .select({ status: assets.status })
      .from(assets)
      .where(eq(assets.id, task.assetId))
      .for("update");
    let status = asset?.status as AssetStatus | undefined;
    const note = task.kind === "asset_return" ? "만기 반납 회수" : "해지 자산 회수";
    if (status === "installed") {
      await transitionAsset(ctx, task.assetId, { to: "returned", note });
      status = "returned";
    }
    if (status === "returned") await transitionAsset(ctx, task.assetId, { to: "refurbishing", note });
    else if (status !== "refurbishing")
      throw new AppError(
        409,
        "illegal_transition",
        `The unit is ${status ?? "gone"}; it cannot be taken back`,
      );
  }
  return oneJson(ctx, done);
}
