import { describe, expect, it } from "vitest";
import { flushCompletions, isNetworkFailure, queueCompletion, queuedCompletions } from "./offline-queue";
import { parseParts } from "./TechnicianToday";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const body = {
  notes: "필터 교체",
  partsUsed: [{ name: "필터", quantity: 1 }],
  signature: { kind: "drawn" as const, dataUrl: "data:image/png;base64,AAAA" },
};

describe("completions made offline", () => {
  it("are kept (one per visit) until the API answers, and survive failed attempts", async () => {
    const storage = new MemoryStorage();
    queueCompletion({ visitId: 1, body, queuedAt: "2026-03-01T01:00:00Z" }, storage);
    queueCompletion({ visitId: 2, body, queuedAt: "2026-03-01T01:05:00Z" }, storage);
    queueCompletion(
      { visitId: 1, body: { ...body, notes: "다시" }, queuedAt: "2026-03-01T01:06:00Z" },
      storage,
    );
    expect(queuedCompletions(storage).map((q) => [q.visitId, q.body.notes])).toEqual([
      [2, "필터 교체"],
      [1, "다시"],
    ]);
    // Still offline: nothing is lost.
    const offline = await flushCompletions(
      () => Promise.reject(new TypeError("Failed to fetch")),
      undefined,
      storage,
    );
    expect(offline).toEqual({ sent: 0, waiting: 2 });
    expect(queuedCompletions(storage)).toHaveLength(2);
    // Back online: one goes through, the API refuses the other for a reason a retry cannot fix.
    const refused: number[] = [];
    const online = await flushCompletions(
      (q) => (q.visitId === 2 ? Promise.resolve({}) : Promise.reject({ status: 422 })),
      (q) => refused.push(q.visitId),
      storage,
    );
    expect(online).toEqual({ sent: 1, waiting: 0 });
    expect(refused).toEqual([1]);
    expect(queuedCompletions(storage)).toEqual([]);
  });

  it("tells a lost connection from an answer", () => {
    expect(isNetworkFailure(new TypeError("Failed to fetch"))).toBe(true);
    expect(isNetworkFailure({ status: 0 })).toBe(true);
    expect(isNetworkFailure({ status: 409 })).toBe(false);
  });

  it("ignores a corrupted queue instead of failing the page", () => {
    const storage = new MemoryStorage();
    storage.setItem("ssp.visitCompletions", "{not json");
    expect(queuedCompletions(storage)).toEqual([]);
  });
});

describe("parts as typed on the phone", () => {
  it("reads names with quantities, a bare name counting one", () => {
    expect(parseParts("세디먼트 필터 1, 카본 필터 x2\n패킹")).toEqual([
      { name: "세디먼트 필터", quantity: 1 },
      { name: "카본 필터", quantity: 2 },
      { name: "패킹", quantity: 1 },
    ]);
    expect(parseParts(" , ")).toEqual([]);
  });
});
