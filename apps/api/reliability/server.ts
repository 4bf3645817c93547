import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { buildServer, SERVER_NODE_ARGS } from "../src/server-command.js";

const API_DIR = fileURLToPath(new URL("..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** The API as `npm start` runs it (built into dist/server.js, demo data, jobs off), on a port of its own. */
export class ApiProcess {
  private child: ChildProcess | undefined;
  output = "";
  readonly baseUrl: string;

  constructor(
    private readonly options: {
      databaseUrl: string;
      dataDir: string;
      port: number;
      env?: Record<string, string>;
    },
  ) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    buildServer();
    this.child = spawn(process.execPath, SERVER_NODE_ARGS, {
      cwd: API_DIR,
      env: {
        ...process.env,
        DATABASE_URL: this.options.databaseUrl,
        DATA_DIR: this.options.dataDir,
        PORT: String(this.options.port),
        SEED: "demo",
        // The year of history takes half a minute to make; these runs do not need it.
        SEED_HISTORY: "off",
        JOBS: "off",
        LOG_LEVEL: "warn",
        ...this.options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (d) => {
      this.output = (this.output + d).slice(-20_000);
    });
    this.child.stderr?.on("data", (d) => {
      this.output = (this.output + d).slice(-20_000);
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`API exited (${this.child.exitCode}):\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/api/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`API did not become ready:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGKILL: no shutdown handler runs, as when the machine or the OOM killer ends it. */
  async kill9(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGKILL");
    await exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Resident memory of the process, MB (Linux /proc). */
  rssMb(): number {
    if (!this.child?.pid) return 0;
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  }
}
