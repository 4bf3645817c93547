import { describe, expect, it } from "vitest";
import { readEnv } from "./env.js";

describe("environment", () => {
  it("runs one API process unless told otherwise", () => {
    expect(readEnv({}).API_PROCESSES).toBe(1);
    expect(readEnv({ API_PROCESSES: "2" }).API_PROCESSES).toBe(2);
  });

  it.each(["0", "two", "1.5", "17"])("refuses API_PROCESSES=%s with a message naming it", (value) => {
    expect(() => readEnv({ API_PROCESSES: value })).toThrow(/Invalid environment: API_PROCESSES/);
  });
});
