import { describe, expect, it } from "vitest";
import { isReturnTask, TASK_STATUSES, type TaskStatus, taskLifecycle, taskTarget } from "./task-lifecycle.js";

const ALLOWED: [TaskStatus, TaskStatus][] = [
  ["open", "in_progress"],
  ["open", "done"],
  ["open", "cancelled"],
  ["in_progress", "done"],
  ["in_progress", "cancelled"],
];

describe("task lifecycle", () => {
  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(() => taskLifecycle.assertCanTransition(from, to)).not.toThrow();
  });

  it("refuses every other pair", () => {
    const allowed = new Set(ALLOWED.map(([f, t]) => `${f}>${t}`));
    for (const from of TASK_STATUSES)
      for (const to of TASK_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(() => taskLifecycle.assertCanTransition(from, to), `${from}>${to}`).toThrow(/cannot go/);
      }
  });

  it("maps actions to statuses; assigning keeps the status", () => {
    expect(taskTarget("open", "assign")).toBe("open");
    expect(taskTarget("in_progress", "assign")).toBe("in_progress");
    expect(taskTarget("open", "start")).toBe("in_progress");
    expect(taskTarget("in_progress", "complete")).toBe("done");
    expect(taskTarget("open", "cancel")).toBe("cancelled");
  });

  it("knows which tasks bring a unit back", () => {
    expect(isReturnTask("asset_return")).toBe(true);
    expect(isReturnTask("asset_recovery")).toBe(true);
    expect(isReturnTask("demand_follow_up")).toBe(false);
  });
});
