import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * How the API server is started: by `npm start` (package.json's `start`, kept equal to this by
 * server-command.test.ts), the benchmarks and the tests that run the server as its own process —
 * always from `dist/server.js`, which `buildServer` makes from the sources first.
 *
 * `--max-semi-space-size=64`: V8's young generation may grow to 64 MB per semi-space instead of
 * 16, so it is collected a few times less often. A list page allocates ~190 KB (estimated from
 * the scavenge rate under load). Measured on the list page (32 connections, 10 s, BENCHMARKS.md
 * 2026-12-04). Before http-server.ts stopped Express's requests from surviving young collections:
 * GC ~870 → ~610 ms per 10 s and 6–24 % more pages, 4 pairs. After it: GC 570/705 → 240/270 ms,
 * 2,126/2,653 → 2,770/2,864 pages a second, 2 pairs. It costs memory: peak RSS under 32
 * connections for 15 s, 323/331 → 431/449 MB.
 */
export const SERVER_NODE_ARGS = ["--max-semi-space-size=64", "dist/server.js"];

/** The command that builds `dist/server.js` (scripts/build-server.mjs), relative to apps/api. */
export const BUILD_SERVER_ARGS = ["scripts/build-server.mjs"];

/** Builds `dist/server.js` from the sources, as `npm start` does before starting it (~0.3 s). */
export function buildServer(): void {
  execFileSync(process.execPath, BUILD_SERVER_ARGS, { cwd: fileURLToPath(new URL("..", import.meta.url)) });
}
