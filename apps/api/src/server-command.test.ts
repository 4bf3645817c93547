import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_ARGS } from "./server-command.js";

describe("the server command", () => {
  it("is what npm start runs", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_ARGS.join(" ")}`);
  });
});
