import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir, lockPathOf } from "./data-dir-lock.js";
import { DataDirInUse, EmbeddedDatabaseUnreadable } from "./embedded-database-problems.js";
import { openPglite } from "./pglite-database.js";

const API_DIR = join(import.meta.dirname, "../..");
const folders: string[] = [];

/** A DATA_DIR of its own; the embedded database goes in its `pglite` folder, as in `npm start`. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ssp-data-"));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A node process running TypeScript from the API's folder on the embedded database in `dir`. */
function apiProcess(args: string[], dir: string, stdout: "ignore" | "pipe" = "ignore") {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, TZ: "Asia/Seoul" };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: API_DIR,
    env,
    stdio: ["ignore", stdout, "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stderr })),
  );
  return { child, exited };
}

/** The `job` command, as a partner would run it from a shell. */
function jobCommand(dir: string) {
  return apiProcess(["src/cli.ts", "end-of-term", "--date", "2026-11-05"], dir).exited;
}

/** Another process holding the embedded database open, as a running server does. */
async function holder(dir: string) {
  const script = `const { openPglite } = await import("./src/db/pglite-database.ts");
    await openPglite(${JSON.stringify(join(dir, "pglite"))}); console.log("open"); setInterval(() => {}, 1000);`;
  const running = apiProcess(["--input-type=module", "-e", script], dir, "pipe");
  await new Promise<void>((resolve, reject) => {
    running.child.stdout?.on("data", (d) => String(d).includes("open") && resolve());
    void running.exited.then((r) => reject(new Error(`holder exited: ${r.stderr}`)));
  });
  return running;
}

describe("the embedded database's folder, one process at a time", () => {
  it("keeps the job command out while another process holds it, in one plain line", async () => {
    const dir = dataDir();
    const server = await holder(dir);
    try {
      const refused = await jobCommand(dir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is in use by another SSP process (pid ${server.child.pid})`);
      expect(refused.stderr).toContain(lockPathOf(join(dir, "pglite")));
      expect(refused.stderr).not.toMatch(/^\s+at /m);
    } finally {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    // The holder was killed, as in a crash: its file is left behind, taken over, and released.
    expect(existsSync(lockPathOf(join(dir, "pglite")))).toBe(true);
    const allowed = await jobCommand(dir);
    expect(allowed.stderr).toBe("");
    expect(allowed.code).toBe(0);
    expect(existsSync(lockPathOf(join(dir, "pglite")))).toBe(false);
  }, 60_000);

  it("takes over the file of a process that has ended, and removes it on release", () => {
    const folder = join(dataDir(), "pglite");
    const ended = spawnSync(process.execPath, ["-e", ""]);
    writeFileSync(lockPathOf(folder), `${ended.pid}\n`);

    const release = lockDataDir(folder);
    expect(readFileSync(lockPathOf(folder), "utf8")).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(lockPathOf(folder))).toBe(false);
  });

  it("refuses a second open of one folder within a process", () => {
    const folder = join(dataDir(), "pglite");
    const release = lockDataDir(folder);
    try {
      expect(() => lockDataDir(folder)).toThrow(DataDirInUse);
    } finally {
      release();
    }
    lockDataDir(folder)();
  });

  it("says plainly that damaged files cannot be opened, and leaves the folder free", async () => {
    const folder = join(dataDir(), "pglite");
    mkdirSync(folder);
    writeFileSync(join(folder, "PG_VERSION"), "99\n");
    await expect(openPglite(folder)).rejects.toThrow(EmbeddedDatabaseUnreadable);
    await expect(openPglite(folder)).rejects.toThrow(/Move that folder aside/);
    expect(existsSync(lockPathOf(folder))).toBe(false);
  });
});
