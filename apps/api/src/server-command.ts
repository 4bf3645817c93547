/**
 * How the API server is started: by `npm start` (package.json's `start`, kept equal to this by
 * server-command.test.ts), the benchmarks and the tests that run the server as its own process.
 *
 * `--max-semi-space-size=64`: V8's young generation may grow to 64 MB per semi-space instead of
 * 16. A list page allocates ~190 KB and 32 pages are in flight at once, so with 16 MB the young
 * generation was collected every ~50 ms, each time copying what the pages in flight still held
 * and promoting some of it. With 64 the scavenges are a third as many and GC time fell by about
 * a third; the list bench served 6–24 % more pages (BENCHMARKS.md). It costs up to ~100 MB more
 * memory under load.
 */
export const SERVER_NODE_ARGS = ["--max-semi-space-size=64", "--import", "tsx", "src/server.ts"];
