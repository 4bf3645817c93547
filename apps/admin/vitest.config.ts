import { defineConfig } from "vitest/config";

// Component tests only; the browser test has its own config (e2e/vitest.config.ts).
export default defineConfig({
  esbuild: { jsx: "automatic" },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    // Generous: in `npm test` these run beside the API's tests on a two-core machine.
    testTimeout: 45_000,
    pool: "threads",
  },
});
