import { describe, expect, it } from "vitest";
import { TenantReaders } from "./tenant-readers.js";

// Clients connect on their first query, so these never touch a database.
const url = "postgres://nobody@127.0.0.1:1/none";

describe("tenant read connections", () => {
  it("keeps one reader per tenant and gives none to a tenant past the limit while the others are active", async () => {
    let now = 0;
    const readers = new TenantReaders({
      url,
      maxTenants: 2,
      connectionsPerTenant: 1,
      idleSeconds: 60,
      now: () => now,
    });
    const demo = readers.readerFor({ kind: "partner", partnerId: 1 });
    expect(readers.readerFor({ kind: "partner", partnerId: 1 })).toBe(demo);
    const operator = readers.readerFor({ kind: "platform" });
    expect(operator).toBeDefined();
    expect(operator).not.toBe(demo);
    now += 59_000;
    readers.readerFor({ kind: "platform" });
    expect(readers.readerFor({ kind: "partner", partnerId: 2 })).toBeUndefined();
    now += 1_000; // partner 1 has been idle for 60 s: it gives its place up
    const barun = readers.readerFor({ kind: "partner", partnerId: 2 });
    expect(barun).toBeDefined();
    expect(readers.readerFor({ kind: "partner", partnerId: 1 })).toBeUndefined();
    expect(readers.readerFor({ kind: "platform" })).toBe(operator);
    await readers.close();
  });
});
