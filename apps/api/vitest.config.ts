import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two files at a time even on two cores: most of a file's time is spent waiting on
    // PostgreSQL, so a second file fills that wait (vitest's default is cores − 1).
    poolOptions: { forks: { minForks: 2, maxForks: 2 } },
    env: { TZ: "Asia/Seoul" },
  },
});
