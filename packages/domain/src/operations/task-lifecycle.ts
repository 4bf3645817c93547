import { stateMachine } from "../state-machine.js";

/**
 * Follow-up tasks (issue 12 §3): returns, asset recoveries, formal-demand follow-ups and
 * payment-method deactivations. open → in_progress → done, and either open state → cancelled.
 */
export const TASK_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const taskLifecycle = stateMachine<TaskStatus>("A task", {
  open: ["in_progress", "done", "cancelled"],
  in_progress: ["done", "cancelled"],
  done: [],
  cancelled: [],
});

/** The kinds of task the rules open, and the role that owns each (shown on their dashboard). */
export const TASK_KINDS = [
  "asset_return",
  "asset_recovery",
  "demand_follow_up",
  "payment_method_deactivation",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_OWNER_ROLES: Record<TaskKind, readonly string[]> = {
  asset_return: ["owner", "manager", "technician"],
  asset_recovery: ["owner", "manager", "technician"],
  demand_follow_up: ["owner", "finance", "cs"],
  payment_method_deactivation: ["owner", "finance"],
};

/** Kinds whose completion brings the unit back: installed → returned → refurbishing. */
export const isReturnTask = (kind: string) => kind === "asset_return" || kind === "asset_recovery";

export const TASK_ACTIONS = ["assign", "start", "complete", "cancel"] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The status each action leads to (assigning keeps the status). */
export function taskTarget(from: TaskStatus, action: TaskAction): TaskStatus {
  switch (action) {
    case "assign":
      return from;
    case "start":
      return "in_progress";
    case "complete":
      return "done";
    case "cancel":
      return "cancelled";
  }
}
