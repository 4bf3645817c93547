import { defineConfig } from "vitest/config";

// The browser test: a real API process, the built admin, and Chromium driven by playwright-core.
export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    environment: "node",
    include: ["**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
