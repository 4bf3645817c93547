import { describe, expect, it } from "vitest";
import { oneBatchAhead } from "./one-batch-ahead.js";

/**
 * A source of `count` batches that records what was asked of it and when each batch arrived, in
 * order; each batch arrives a few milliseconds after it was asked for, as over a connection.
 */
function recordingSource(count: number) {
  const log: string[] = [];
  let served = 0;
  const source: AsyncIterator<number> = {
    async next() {
      log.push(`asked ${served + 1}`);
      if (served === count) return { done: true, value: undefined };
      served += 1;
      const batch = served;
      await new Promise((resolve) => setTimeout(resolve, 2));
      log.push(`arrived ${batch}`);
      return { done: false, value: batch };
    },
    async return() {
      log.push("closed");
      return { done: true, value: undefined };
    },
  };
  return { source, log };
}

describe("oneBatchAhead", () => {
  it("hands every batch over in order, each next one asked for before this one is handed over", async () => {
    const { source, log } = recordingSource(3);
    const seen: number[] = [];
    for await (const batch of oneBatchAhead(source)) {
      log.push(`got ${batch}`);
      seen.push(batch);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual([
      ...["asked 1", "arrived 1", "asked 2", "got 1", "arrived 2", "asked 3", "got 2"],
      ...["arrived 3", "asked 4", "got 3"],
    ]);
  });

  it("closes the source once the batch on its way has come, when the consumer stops early", async () => {
    const { source, log } = recordingSource(5);
    for await (const batch of oneBatchAhead(source)) {
      if (batch === 2) break;
    }
    expect(log).toEqual(["asked 1", "arrived 1", "asked 2", "arrived 2", "asked 3", "arrived 3", "closed"]);
  });

  it("passes a failure of the source on and still closes it", async () => {
    let asked = 0;
    const failing: AsyncIterator<number> = {
      async next() {
        asked += 1;
        if (asked === 2) throw new Error("the transaction was rolled back");
        return { done: false, value: asked };
      },
      async return() {
        asked = -100;
        return { done: true, value: undefined };
      },
    };
    const seen: number[] = [];
    await expect(async () => {
      for await (const batch of oneBatchAhead(failing)) seen.push(batch);
    }).rejects.toThrow("rolled back");
    expect(seen).toEqual([1]);
    expect(asked).toBe(-100);
  });
});
