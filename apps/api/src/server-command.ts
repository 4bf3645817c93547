import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * How the API server is started: by `npm start` (package.json's `start`, kept equal to this by
 * server-command.test.ts), the benchmarks and the tests that run the server as its own process —
 * always from `dist/server.js`, which `buildServer` makes from the sources first.
 *
 * V8's own young-generation size (no `--max-semi-space-size`). The API ran with 64 MB semi-spaces
 * from 2026-12-04, when a list page's garbage survived scavenges: GC ~870 → ~610 ms per 10 s and
 * 6–24 % more pages. Since http-server.ts stopped requests from surviving young collections the
 * flag no longer shows on the list (BENCHMARKS.md, session 11: two alternating pairs at a million
 * customers, 2,461–2,600 against 2,566–2,623 pages a second, p95 17.0–18.6 ms), while the
 * committed young generation was most of what an export added to the server's memory: CSV peak
 * RSS 212 → 170 MB, XLSX 403 → 277 MB (issue 11's 200 and 300 MB).
 */
export const SERVER_NODE_ARGS = ["dist/server.js"];

/** The command that builds `dist/server.js` (scripts/build-server.mjs), relative to apps/api. */
export const BUILD_SERVER_ARGS = ["scripts/build-server.mjs"];

/** Builds `dist/server.js` from the sources, as `npm start` does before starting it (~0.3 s). */
export function buildServer(): void {
  execFileSync(process.execPath, BUILD_SERVER_ARGS, { cwd: fileURLToPath(new URL("..", import.meta.url)) });
}
