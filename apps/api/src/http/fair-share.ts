import { fairShareRejections } from "../observability/metrics.js";
import { AppError } from "./errors.js";

/**
 * A bound on each user's expensive requests (lists, searches, reports) running at once, so one
 * person's eight parallel broad searches cannot take the pool from their colleagues (issue 14
 * finding 7: the same partner's other requests went to p95 4.6 s). Up to `running` run (two of
 * a tenant's three read connections), up to `waiting` more wait their turn in order, outside
 * any connection; beyond that the request answers 429 at once. Per
 * process: each API process grants the same bound (ADR 0007 puts a user's requests on any).
 */
export class FairShare {
  private readonly users = new Map<number, { running: number; queue: (() => void)[] }>();

  constructor(private readonly limits: { running: number; waiting: number } = { running: 2, waiting: 64 }) {}

  async run<T>(userId: number, work: () => Promise<T>): Promise<T> {
    let slot = this.users.get(userId);
    if (!slot) {
      slot = { running: 0, queue: [] };
      this.users.set(userId, slot);
    }
    if (slot.running >= this.limits.running) {
      if (slot.queue.length >= this.limits.waiting) {
        fairShareRejections.inc();
        throw new AppError(
          429,
          "too_many_at_once",
          "You have several searches running already. Wait for them, then try again.",
        );
      }
      // A finishing request hands its place straight to the first in line (running stays).
      await new Promise<void>((resolve) => slot!.queue.push(resolve));
    } else slot.running++;
    try {
      return await work();
    } finally {
      const next = slot.queue.shift();
      if (next) next();
      else if (--slot.running === 0) this.users.delete(userId);
    }
  }
}
