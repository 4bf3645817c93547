#!/usr/bin/env node
// One entry point for the README's commands: `npm start`, `npm test`, `npm run bench <name>`.
// It makes sure the pinned pnpm and the workspace's packages are there, then hands over.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmVersion = pkg.packageManager.split("@")[1];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
    ...opts,
  });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

// corepack cannot verify signatures against every registry, so we never rely on it:
// a pnpm of the pinned version on PATH is used as is, otherwise `npx --yes pnpm@<version>`.
function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], {
    encoding: "utf8",
    env: { ...process.env, COREPACK_ENABLE_STRICT: "0" },
  });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return ["pnpm", []];
  return ["npx", ["--yes", `pnpm@${pnpmVersion}`]];
}
const [pnpmBin, pnpmPrefix] = pnpmCommand();
const pnpm = (args, opts) => run(pnpmBin, [...pnpmPrefix, ...args], opts);
const must = (status) => {
  if (status !== 0) process.exit(status);
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function install() {
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  must(pnpm(["install", ...(existsSync(lock) ? ["--frozen-lockfile"] : [])]));
}

function buildAdminIfStale() {
  const built = join(root, "apps/admin/dist/index.html");
  const sources = Math.max(
    newestMtime(join(root, "apps/admin/src")),
    newestMtime(join(root, "packages/domain/src")),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  must(pnpm(["--filter", "@ssp/admin", "build"]));
}

const [command, ...rest] = process.argv.slice(2);
install();
switch (command) {
  case "start":
    buildAdminIfStale();
    must(pnpm(["--filter", "@ssp/api", "start", ...rest]));
    break;
  case "test":
    must(pnpm(["run", "-r", "--workspace-concurrency=1", "typecheck"]));
    must(pnpm(["exec", "biome", "ci", "."]));
    buildAdminIfStale();
    // The domain's tests first (both apps depend on it), then the admin's component tests and the
    // API's tests side by side: the API's mostly wait on PostgreSQL, the admin's on the CPU.
    must(pnpm(["run", "-r", "--workspace-concurrency=2", "test"]));
    must(pnpm(["--filter", "@ssp/admin", "test:e2e"]));
    break;
  case "lint":
    must(pnpm(["exec", "biome", "check", "--write", "."]));
    break;
  case "bench":
    must(pnpm(["--filter", "@ssp/api", "bench", ...rest]));
    break;
  case "reliability":
    must(pnpm(["--filter", "@ssp/api", "reliability", ...rest]));
    break;
  default:
    console.error(`usage: node scripts/run.mjs start|test|lint|bench <name>|reliability [--smoke]`);
    process.exit(2);
}
