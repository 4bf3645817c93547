import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Property-based tests run hundreds of cases: past vitest's 5 s on a busy two-core machine.
    testTimeout: 30_000,
  },
});
