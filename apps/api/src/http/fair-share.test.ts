import { describe, expect, it } from "vitest";
import { FairShare } from "./fair-share.js";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("a user's expensive requests at once", () => {
  it("runs two, queues four in order, refuses the seventh with 429, and never runs more than two", async () => {
    const share = new FairShare({ running: 2, waiting: 4 });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 6 }, gate);
    const work = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(i);
      await gates[i]!.opened;
      running--;
      return i;
    };
    const started = gates.map((_, i) => share.run(7, work(i)));
    await expect(share.run(7, async () => 99)).rejects.toMatchObject({
      status: 429,
      code: "too_many_at_once",
    });
    // Another user is not held up by user 7.
    await expect(share.run(8, async () => "other")).resolves.toBe("other");
    for (const g of gates) g.open();
    expect(await Promise.all(started)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    await expect(share.run(7, async () => "again")).resolves.toBe("again");
  });
});
