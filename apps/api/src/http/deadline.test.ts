import { describe, expect, it } from "vitest";
import { withDeadline } from "./deadline.js";
import { AppError } from "./errors.js";

describe("a read's deadline", () => {
  it("answers 503 for a read that never settles, and says so once", async () => {
    let timedOut = 0;
    const never = new Promise<string>(() => {});
    const error = await withDeadline(never, 30, () => timedOut++).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(503);
    expect((error as AppError).code).toBe("database_unavailable");
    expect(timedOut).toBe(1);
  });

  it("passes a read's answer and its error through untouched when it is in time", async () => {
    let timedOut = 0;
    await expect(withDeadline(Promise.resolve("rows"), 1_000, () => timedOut++)).resolves.toBe("rows");
    await expect(withDeadline(Promise.reject(new Error("bad")), 1_000, () => timedOut++)).rejects.toThrow(
      "bad",
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timedOut).toBe(0);
  });
});
