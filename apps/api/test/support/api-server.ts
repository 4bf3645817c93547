import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { buildServer, SERVER_NODE_ARGS } from "../../src/server-command.js";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));

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
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** With a server URL, a database of its own on it, dropped again at the end. */
async function freshDatabase(adminUrl: string | undefined) {
  if (!adminUrl) return undefined;
  const name = `ssp_run_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * The API as `npm start` runs it — built from the sources into `dist/server.js`, with the demo data, on a free port with a data
 * folder of its own — on a fresh PostgreSQL database when `adminUrl` is given (forking
 * `processes` API processes), else on embedded PGlite. `stop` ends it and removes its data.
 */
export async function startApiServer(
  input: { adminUrl?: string; processes?: number; env?: Record<string, string> } = {},
): Promise<RunningApi> {
  const database = await freshDatabase(input.adminUrl);
  const dataDir = mkdtempSync(join(tmpdir(), "ssp-run-"));
  const port = await freePort();
  let log = "";
  buildServer();
  const child: ChildProcess = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: database?.url ?? "",
      API_PROCESSES: String(input.processes ?? 1),
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED: "demo",
      // The year of history takes half a minute to make; these runs do not need it.
      SEED_HISTORY: "off",
      JOBS: "off",
      ...input.env,
    },
    detached: true, // its own process group: stopping it stops the processes it forked
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    log += d;
  });
  child.stderr?.on("data", (d) => {
    log += d;
  });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      const kill = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(kill);
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not start:\n${log}`);
    }
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, output: () => log, stop };
}
