/** Shared plumbing for the API benchmarks: databases, the API as a child process, autocannon. */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { totpCode } from "../src/auth/two-factor.js";
import { buildServer, SERVER_NODE_ARGS } from "../src/server-command.js";

export const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface Flags {
  reuse: boolean;
  keep: boolean;
  duration: number;
  connections: number;
  only?: string[];
  /** Write a V8 CPU profile of the API child process into this directory (`--cpu-prof=DIR`). */
  cpuProf?: string;
}

export function parseFlags(args: string[]): Flags {
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  return {
    reuse: args.includes("--reuse"),
    keep: args.includes("--keep") || args.includes("--reuse"),
    duration: Number(value("duration") ?? 20),
    connections: Number(value("connections") ?? 32),
    only: value("only")?.split(","),
    cpuProf: value("cpu-prof"),
  };
}

/** The admin connection (DATABASE_URL or the local superuser) and the URL of `name` next to it. */
export function databaseUrls(name: string): { adminUrl: string; benchUrl: string } {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { adminUrl, benchUrl: url.toString() };
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export interface ApiServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Builds and starts the API (`dist/server.js`, as `npm start` does) against `databaseUrl` and
 * waits for /api/health. With `cpuProf` the child writes a `.cpuprofile` there when it stops (open
 * it in Chrome DevTools).
 */
export async function startApi(databaseUrl: string, options: { cpuProf?: string } = {}): Promise<ApiServer> {
  const port = await freePort();
  const profile = options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProf}`] : [];
  buildServer();
  const child: ChildProcess = spawn(process.execPath, [...profile, ...SERVER_NODE_ARGS], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SEED: "none",
      JOBS: "off",
      PORT: String(port),
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`API did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await once(child, "exit");
      clearTimeout(timer);
    },
  };
}

/** Logs in and returns the `Cookie` header value carrying the session. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ssp_session="));
  if (!cookie) throw new Error("login did not set ssp_session");
  return cookie.split(";")[0]!;
}

/**
 * Signs in a role that must use a second factor (finance, owner, operator): the password, then
 * enrolling a TOTP secret with a code computed from it, as a new user of that role would. The
 * user must not have a second factor yet (reset `totp_*` first when reusing a database).
 */
export async function loginWithSecondFactor(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  let cookie = await login(baseUrl, email, password);
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const renewed = res.headers.getSetCookie().find((c) => c.startsWith("ssp_session="));
    if (renewed) cookie = renewed.split(";")[0]!;
    return (await res.json()) as Record<string, unknown>;
  };
  const { secret } = await post("/api/auth/totp/setup");
  await post("/api/auth/totp/enable", { code: totpCode(String(secret), new Date()) });
  return cookie;
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  avgMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

/** The q-th percentile (0..100) of sorted samples, nearest-rank. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((q / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Runs autocannon against one URL. autocannon's summary has p90 and p97.5 but no p95, so every
 * response's latency is recorded here and the percentiles come from those samples.
 */
export async function load(input: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
  /** Paths each connection cycles through in order (instead of `url`'s own path every time). */
  paths?: string[];
}): Promise<LoadResult> {
  const samples: number[] = [];
  const instance = autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.duration,
    headers: input.headers,
    timeout: 30,
    ...(input.paths ? { requests: input.paths.map((path) => ({ method: "GET", path })) } : {}),
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    samples.push(responseTime);
  });
  const result = await instance;
  const sorted = Float64Array.from(samples).sort();
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    requests: samples.length,
    reqPerSec: result.requests.average,
    avgMs: sum / Math.max(1, samples.length),
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");
export const round1 = (n: number) => Math.round(n * 10) / 10;

export function timer(): () => number {
  const t0 = performance.now();
  return () => performance.now() - t0;
}

/**
 * A process and all its descendants (the API's primary and the processes it forked), from /proc.
 */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/** Resident memory (bytes) of the given processes together, from /proc (Linux; 0 elsewhere). */
export function rssBytes(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone, or not Linux
    }
  }
  return kb * 1024;
}

/**
 * CPU time (user + system, ms) the given processes have used so far, from /proc (Linux; 0
 * elsewhere). With it a run splits its cost per request into API (node) and PostgreSQL.
 */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/**
 * CPU time (ms) every PostgreSQL process on this machine has used so far — backends, WAL writer,
 * checkpointer — for a bench that shares the machine with its database server only.
 */
export function postgresCpuMs(): number {
  const pids = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    });
  return cpuMs(pids.map(Number));
}
