import { describe, expect, it } from "vitest";
import { runSuite } from "../reliability/run.js";
import { TEST_DATABASE_URL } from "./test-app.js";

/**
 * `pnpm reliability --smoke` inside `npm test`: every section of the standing suite, small
 * (about a minute), against the API as `npm start` runs it. The full run is `pnpm reliability`.
 */
describe.runIf(TEST_DATABASE_URL)("the reliability suite, smoke", () => {
  it("passes every section: matrix, fuzzing, money races, outage, kill -9, mixed load, backup", async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = TEST_DATABASE_URL;
    try {
      const { ok, results } = await runSuite(["--smoke"]);
      const failures = results.flatMap((r) => r.failures.map((f) => `${r.name}: ${f}`));
      expect(failures).toEqual([]);
      expect(results.map((r) => r.name)).toHaveLength(7);
      expect(ok).toBe(true);
    } finally {
      process.env.DATABASE_URL = previous;
    }
  }, 600_000);
});
