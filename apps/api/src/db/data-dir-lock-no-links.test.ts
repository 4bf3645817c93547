import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { lockDataDir, lockPathOf } from "./data-dir-lock.js";
import { DataDirInUse } from "./embedded-database-problems.js";

// A file system without hard links (FAT, VirtualBox shared folders): every link is refused.
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const linkSync = () => {
    throw Object.assign(new Error("operation not permitted, link"), { code: "EPERM" });
  };
  return { ...fs, linkSync, default: { ...fs, linkSync } };
});

const dir = mkdtempSync(join(tmpdir(), "ssp-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the data folder's lock where the file system has no hard links", () => {
  it("still takes the folder, still keeps a second taker out, and still releases it", () => {
    const folder = join(dir, "pglite");
    const release = lockDataDir(folder);
    expect(readFileSync(lockPathOf(folder), "utf8")).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(folder)).toThrow(DataDirInUse);
    release();
    expect(existsSync(lockPathOf(folder))).toBe(false);
    expect(existsSync(`${lockPathOf(folder)}.${process.pid}`)).toBe(false);
  });
});
