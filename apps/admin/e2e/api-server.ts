import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const API_DIR = join(REPO_ROOT, "apps/api");

export interface RunningApi {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function tsxBin(): string {
  const candidates = [join(API_DIR, "node_modules/.bin/tsx"), join(REPO_ROOT, "node_modules/.bin/tsx")];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`tsx not found in ${candidates.join(" or ")}; run pnpm install`);
  return found;
}

/** With DATABASE_URL set, the test gets a database of its own, dropped again at the end. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const base = process.env.DATABASE_URL;
  if (!base) return undefined;
  const name = `ssp_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql.end();
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not become healthy within 120 s:\n${output()}`);
}

/** Starts the API the way `npm start` does, but on a free port with its own data. */
export async function startApi(): Promise<RunningApi> {
  const dist = join(REPO_ROOT, "apps/admin/dist/index.html");
  if (!existsSync(dist)) {
    throw new Error(`${dist} is missing: build the admin first (pnpm --filter @ssp/admin build)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "ssp-e2e-"));
  const database = await freshDatabase();
  let log = "";
  const child = spawn(tsxBin(), ["src/server.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED: "demo",
      JOBS: "off",
      DATABASE_URL: database?.url ?? "",
    },
    // Its own process group, so stopping it also stops the node process tsx starts.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    log += d;
  });
  child.stderr?.on("data", (d) => {
    log += d;
  });
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      const timeout = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output, stop };
}
